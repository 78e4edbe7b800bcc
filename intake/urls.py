from django.urls import path

from intake import views

urlpatterns = [
    path("", views.intake_overview, name="intake_overview"),
    path("starten/", views.intake_start, name="intake_start"),
    path("leefgebied/<str:leefgebied>/", views.intake_leefgebied, name="intake_leefgebied"),
    path("gesprekken/nieuw/", views.intake_gesprek, name="intake_gesprek_new"),
    path("gesprekken/<int:gesprek_id>/", views.intake_gesprek, name="intake_gesprek"),
    path("leerbaarheidstoets/", views.intake_leerbaarheidstoets, name="intake_leerbaarheidstoets"),
    path("uitnodigingen/nieuw/", views.intake_uitnodiging, name="intake_uitnodiging"),
    path(
        "uitnodigingen/<int:uitnodiging_id>/opkomst/",
        views.intake_opkomst,
        name="intake_opkomst",
    ),
    path("afronden/", views.intake_complete, name="intake_complete"),
]
