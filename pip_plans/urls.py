from django.urls import path

from pip_plans import views

urlpatterns = [
    path("", views.plan_overview, name="plan_overview"),
    path("aanmaken/", views.plan_create, name="plan_create"),
    path("concept/", views.plan_concept, name="plan_concept"),
    path("concept/sectie/<str:leefgebied>/", views.plan_sectie, name="plan_sectie"),
    path("concept/vaststellen/", views.plan_vaststellen, name="plan_vaststellen"),
    path("concept/ontzorging/", views.plan_ontzorging, name="plan_ontzorging"),
    path("wijzigen/", views.plan_wijzigen, name="plan_wijzigen"),
    path("verschil/", views.plan_diff, name="plan_diff"),
    path("pdf/", views.plan_pdf_request, name="plan_pdf_request"),
    path("pdf/<int:document_id>/", views.plan_pdf_download, name="plan_pdf_download"),
    path("afspraken/<int:afspraak_id>/status/", views.afspraak_status, name="afspraak_status"),
]
