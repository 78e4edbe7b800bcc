"""Appointment pages under a dossier's URL (``dossiers/<id>/bijeenkomsten/``)."""

from django.urls import path

from inburgering.bijeenkomsten import views

urlpatterns = [
    path("nieuw/", views.plan_bijeenkomst, name="plan_bijeenkomst"),
    path("<int:bijeenkomst_id>/wijzigen/", views.change_bijeenkomst, name="change_bijeenkomst"),
    path("<int:bijeenkomst_id>/afzeggen/", views.cancel_bijeenkomst, name="cancel_bijeenkomst"),
    path("<int:bijeenkomst_id>/opkomst/", views.record_attendance, name="record_attendance"),
    path("<int:bijeenkomst_id>/agenda.ics", views.bijeenkomst_ics, name="bijeenkomst_ics"),
]
