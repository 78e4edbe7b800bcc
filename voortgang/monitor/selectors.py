"""What the monitor's filters offer a user: the gemeenten whose figures they may read (the
policy's ``monitor_gemeente_ids``) and the teams in them."""

from inburgering import permissions
from inburgering.models import Gemeente, Team


def gemeenten_of(user) -> list[Gemeente]:
    return list(Gemeente.objects.filter(pk__in=permissions.monitor_gemeente_ids(user)))


def teams_of(user) -> list[Team]:
    return list(
        Team.objects.filter(gemeente_id__in=permissions.monitor_gemeente_ids(user))
        .select_related("gemeente")
        .order_by("gemeente__naam", "naam")
    )
