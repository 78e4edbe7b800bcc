"""URLs of the user's own work, outside any one dossier: the worklist and owned signals."""

from django.urls import path

from voortgang import views

urlpatterns = [
    path("werkvoorraad/", views.worklist, name="worklist"),
    path(
        "werkvoorraad/<int:herinnering_id>/afgehandeld/",
        views.dismiss_herinnering,
        name="dismiss_herinnering",
    ),
    path("signalen/<int:signaal_id>/", views.signaal_detail, name="signaal_detail"),
]
