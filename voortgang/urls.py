"""URLs under a dossier: dossiers/<dossier_id>/voortgang/. An action's URL name is the name of
its view and of the service it calls."""

from django.urls import path

from voortgang import learning_views, views

urlpatterns = [
    path("", views.voortgang_overview, name="voortgang_overview"),
    path("tijdlijn/", views.dossier_timeline, name="dossier_timeline"),
    path("leerresultaten/", learning_views.learning_record, name="learning_record"),
    path(
        "leerresultaten/examens/nieuw/",
        learning_views.record_examenresultaat,
        name="record_examenresultaat",
    ),
    path("leerresultaten/<slug:soort>/", learning_views.save_traject, name="save_traject"),
    path("gesprekken/nieuw/", views.plan_gesprek, name="plan_gesprek"),
    path("gesprekken/<int:voortgangsgesprek_id>/", views.gesprek_detail, name="gesprek_detail"),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/verplaatsen/",
        views.reschedule_gesprek,
        name="reschedule_gesprek",
    ),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/annuleren/",
        views.cancel_gesprek,
        name="cancel_gesprek",
    ),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/verslag/",
        views.save_verslag,
        name="save_verslag",
    ),
    path(
        "gesprekken/<int:voortgangsgesprek_id>/afronden/",
        views.conclude_gesprek,
        name="conclude_gesprek",
    ),
    path("signalen/nieuw/", views.raise_signaal, name="raise_signaal"),
    path("notities/nieuw/", views.add_voortgangsnotitie, name="add_voortgangsnotitie"),
    path("signalen/<int:signaal_id>/wijzigen/", views.update_signaal, name="update_signaal"),
]
