"""What the monitor counts: the gemeenten, the period, the cohort and the other cuts, as one
value every indicator receives, and the SQL conditions that follow from it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from inburgering.dates import Quarter, quarters_between

# The first quarter the figures go back to: the Wi2021 took effect on 1 January 2022, and a
# municipality still has dossiers under the Wi2013 from the years before.
FIRST_QUARTER = Quarter(2018, 1)
DEFAULT_QUARTERS = 4


@dataclass(frozen=True)
class MonitorFilter:
    gemeente_ids: tuple[int, ...]  # the gemeente chosen, or every one the user may see
    first: Quarter
    last: Quarter
    today: datetime.date
    cohort: Quarter | None = None
    doelgroep: str = ""
    regime: str = ""
    team_id: int | None = None

    @property
    def start(self) -> datetime.date:
        return self.first.first_day

    @property
    def end(self) -> datetime.date:
        return self.last.last_day

    @property
    def as_of(self) -> datetime.date:
        """The day stocks are counted on (the funnel, termijnen at risk): the period's last
        day, or today while the period runs."""
        return min(self.end, self.today)

    @property
    def quarters(self) -> list[Quarter]:
        return quarters_between(self.first, self.last)

    def in_period(self, field: str) -> Q:
        return Q(**{f"{field}__range": (self.start, self.end)})

    def facts(self) -> Q:
        """The rows of the monitor's read model counted: each row carries its dossier's
        gemeente, team, doelgroep, regime and cohort (the quarter the inburgeringsplicht
        started; where its start is not recorded, DUO's kennisgeving stands in for it, as it
        follows the start within weeks)."""
        condition = Q(gemeente_id__in=self.gemeente_ids)
        if self.team_id:
            condition &= Q(team_id=self.team_id)
        if self.doelgroep:
            condition &= Q(doelgroep=self.doelgroep)
        if self.regime:
            condition &= Q(regime=self.regime)
        if self.cohort:
            condition &= Q(cohort_quarter=self.cohort.first_day)
        return condition


def quarter_choices(today: datetime.date) -> list[tuple[str, str]]:
    """Every quarter the monitor offers, newest first."""
    quarters = quarters_between(FIRST_QUARTER, Quarter.of(today))
    return [(str(quarter), quarter.label) for quarter in reversed(quarters)]


def default_period(today: datetime.date) -> tuple[Quarter, Quarter]:
    """The four quarters up to and including the current one."""
    last = Quarter.of(today)
    first = last
    for _step in range(DEFAULT_QUARTERS - 1):
        first = first.previous()
    return first, last
