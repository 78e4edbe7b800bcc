"""What the monitor's filters offer a user: the gemeenten whose figures they may read (the
policy's ``monitor_gemeente_ids``) and the teams in them; and the figures for a filter, kept
until the read model is renewed."""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from inburgering import permissions
from inburgering.models import Gemeente, Team
from voortgang.models import MonitorRefresh
from voortgang.monitor import charts, tables
from voortgang.monitor.filters import MonitorFilter

# The figures change only when the read model is renewed (every quarter of an hour); a day is
# only the bound for figures nobody asks again.
FIGURES_KEPT_SECONDS = 24 * 60 * 60


def gemeenten_of(user) -> list[Gemeente]:
    return list(Gemeente.objects.filter(pk__in=permissions.monitor_gemeente_ids(user)))


def teams_of(user) -> list[Team]:
    return list(
        Team.objects.filter(gemeente_id__in=permissions.monitor_gemeente_ids(user))
        .select_related("gemeente")
        .order_by("gemeente__naam", "naam")
    )


def figures(
    f: MonitorFilter, *, exact: bool, stand: MonitorRefresh | None
) -> tuple[tables.Monitor, list[charts.Chart]]:
    """The monitor's tables for a filter and the charts drawn from them, computed once per
    renewal of the read model (``stand``) and then served from the cache: the same filter (the
    user's gemeenten included), the same small-count rule and the same language get the same
    figures until the next renewal."""

    def compute():
        monitor = tables.build(f, exact=exact)
        return monitor, charts.charts(monitor)

    if stand is None:  # never renewed: nothing to key the figures on
        return compute()
    made = repr((stand.refreshed_at.isoformat(), f, exact, get_language()))
    key = f"monitor-figures:{hashlib.sha256(made.encode()).hexdigest()}"
    return cache.get_or_set(key, compute, timeout=FIGURES_KEPT_SECONDS)
