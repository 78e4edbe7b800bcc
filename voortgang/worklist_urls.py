"""URLs of the user's own work, outside any one dossier: the worklist, owned signals and the
teamleider's view of the team's load, and the monitor's figures."""

from django.urls import path

from voortgang import team_views, views
from voortgang.kwartaallevering import views as delivery_views
from voortgang.monitor import views as monitor_views

urlpatterns = [
    path("werkvoorraad/", views.worklist, name="worklist"),
    path(
        "werkvoorraad/<int:herinnering_id>/afgehandeld/",
        views.dismiss_herinnering,
        name="dismiss_herinnering",
    ),
    path("signalen/<int:signaal_id>/", views.signaal_detail, name="signaal_detail"),
    path("team/", team_views.team_overview, name="team_overview"),
    path("monitor/", monitor_views.monitor, name="monitor"),
    path("monitor/export.<slug:kind>", monitor_views.monitor_export, name="monitor_export"),
    path("monitor/levering/", delivery_views.kwartaallevering, name="kwartaallevering"),
    path(
        "monitor/levering/controleren/",
        delivery_views.check_kwartaallevering,
        name="check_kwartaallevering",
    ),
    path(
        "monitor/levering/vrijgeven/",
        delivery_views.release_kwartaallevering,
        name="release_kwartaallevering",
    ),
    path(
        "monitor/levering/<int:levering_id>/bestand/",
        delivery_views.kwartaallevering_file,
        name="kwartaallevering_file",
    ),
]
