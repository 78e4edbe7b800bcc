"""URLs under a dossier: dossiers/<dossier_id>/voortgang/."""

from django.urls import path

from voortgang import views

urlpatterns = [
    path("", views.voortgang_overview, name="voortgang_overview"),
    path("tijdlijn/", views.dossier_timeline, name="dossier_timeline"),
    path("gesprekken/nieuw/", views.gesprek_plan, name="gesprek_plan"),
    path("gesprekken/<int:voortgangsgesprek_id>/", views.gesprek_detail, name="gesprek_detail"),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/verplaatsen/",
        views.gesprek_verplaatsen,
        name="gesprek_verplaatsen",
    ),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/annuleren/",
        views.gesprek_annuleren,
        name="gesprek_annuleren",
    ),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/verslag/",
        views.gesprek_verslag,
        name="gesprek_verslag",
    ),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/afronden/",
        views.gesprek_afronden,
        name="gesprek_afronden",
    ),
    path("signalen/nieuw/", views.signaal_create, name="signaal_create"),
    path("notities/nieuw/", views.notitie_create, name="notitie_create"),
    path("signalen/<int:signaal_id>/wijzigen/", views.signaal_edit, name="signaal_edit"),
]
