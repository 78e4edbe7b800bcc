"""Letter pages under a dossier's URL (``dossiers/<id>/brieven/``)."""

from django.urls import path

from inburgering.brieven import views

urlpatterns = [
    path("nieuw/", views.make_brief, name="make_brief"),
    path("<int:brief_id>/", views.brief_detail, name="brief_detail"),
    path("<int:brief_id>/pdf/", views.brief_pdf, name="brief_pdf"),
]
