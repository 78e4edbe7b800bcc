"""URLs under a dossier: dossiers/<dossier_id>/plan/. An action's URL name is the name of its
view and of the service it calls."""

from django.urls import path

from pip_plans import bezwaar_views, views

urlpatterns = [
    path("", views.plan_overview, name="plan_overview"),
    path("aanmaken/", views.create_pip, name="create_pip"),
    path("concept/", views.update_concept, name="update_concept"),
    path("concept/sectie/<str:leefgebied>/", views.save_sectie, name="save_sectie"),
    path("concept/vaststellen/", views.fix_pip, name="fix_pip"),
    path("concept/ontzorging/", views.save_ontzorging, name="save_ontzorging"),
    path("wijzigen/", views.start_wijziging, name="start_wijziging"),
    path("verschil/", views.plan_diff, name="plan_diff"),
    path("duo/nieuw/", views.record_duo_besluit, name="record_duo_besluit"),
    path(
        "duo/<int:besluit_id>/intrekken/",
        views.withdraw_duo_besluit,
        name="withdraw_duo_besluit",
    ),
    path(
        "versies/<int:versie_id>/bekendmaking/",
        bezwaar_views.record_bekendmaking,
        name="record_bekendmaking",
    ),
    path("versies/<int:versie_id>/bezwaar/", bezwaar_views.record_bezwaar, name="record_bezwaar"),
    path(
        "bezwaren/<int:bezwaar_id>/uitkomst/", bezwaar_views.decide_bezwaar, name="decide_bezwaar"
    ),
    path("pdf/", views.request_document, name="request_document"),
    path("pdf/<int:document_id>/", views.plan_pdf_download, name="plan_pdf_download"),
    path(
        "afspraken/<int:afspraak_id>/status/",
        views.update_afspraak_status,
        name="update_afspraak_status",
    ),
]
