"""URL patterns; every view is wrapped by ``permissions.guard`` (the URL sweep test checks)."""

from django.contrib import admin
from django.urls import include, path

from inburgering import views

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("dossiers/", views.caseload, name="caseload"),
    path("dossiers/nieuw/", views.dossier_register, name="dossier_register"),
    path("dossiers/<int:dossier_id>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:dossier_id>/wijzigen/", views.dossier_edit, name="dossier_edit"),
    path("dossiers/<int:dossier_id>/intake/", include("intake.urls")),
    path("dossiers/<int:dossier_id>/plan/", include("pip_plans.urls")),
    path("dossiers/<int:dossier_id>/voortgang/", include("voortgang.urls")),
    path("", include("voortgang.worklist_urls")),
    path("beheer/", admin.site.urls),
]
