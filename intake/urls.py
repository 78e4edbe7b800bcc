"""URLs under a dossier: dossiers/<dossier_id>/intake/. An action's URL name is the name of its
view and of the service it calls."""

from django.urls import path

from intake import views

urlpatterns = [
    path("", views.intake_overview, name="intake_overview"),
    path("starten/", views.start_intake, name="start_intake"),
    path("coa-profiel/", views.save_klantprofiel, name="save_klantprofiel"),
    path("leefgebied/<str:leefgebied>/", views.save_bevinding, name="save_bevinding"),
    # One name for recording and changing a conversation; reverse() picks by the arguments.
    path("gesprekken/nieuw/", views.save_intakegesprek, name="save_intakegesprek"),
    path("gesprekken/<int:gesprek_id>/", views.save_intakegesprek, name="save_intakegesprek"),
    path("leerbaarheidstoets/", views.save_leerbaarheidstoets, name="save_leerbaarheidstoets"),
    path("uitnodigingen/nieuw/", views.record_uitnodiging, name="record_uitnodiging"),
    path(
        "uitnodigingen/<int:uitnodiging_id>/opkomst/",
        views.record_opkomst,
        name="record_opkomst",
    ),
    path("afronden/", views.complete_intake, name="complete_intake"),
]
