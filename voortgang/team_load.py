"""The team's load for its teamleider: per regisseur the open dossiers by phase, the PIP
deadlines near and passed, the talks overdue and the open signals, with totals per team and
per gemeente. Counted by the database in one grouped query, whatever the caseload size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest

from inburgering import permissions
from inburgering.choices import PRE_PLAN_STATUSES, RUNNING_STATUSES, DossierStatus, TeamRole
from inburgering.deadlines import latest_start_for
from inburgering.law import PIP_DEADLINE_REGIMES
from inburgering.models import Inburgeraar, Team, TeamMembership
from voortgang.models import OPEN_SIGNAAL_STATUSES, GesprekStatus, Signaal, Voortgangsgesprek

PHASES = (
    DossierStatus.AANGEMELD,
    DossierStatus.INTAKE,
    DossierStatus.PLAN,
    DossierStatus.UITVOERING,
)


@dataclass
class Load:
    """Counts of open dossiers; added up for a team and a gemeente."""

    aangemeld: int = 0
    intake: int = 0
    plan: int = 0
    uitvoering: int = 0
    pip_near: int = 0
    pip_overdue: int = 0
    talks_overdue: int = 0
    open_signals: int = 0

    @property
    def total(self) -> int:
        return self.aangemeld + self.intake + self.plan + self.uitvoering

    def add(self, other: Load) -> None:
        for counter in fields(Load):
            setattr(self, counter.name, getattr(self, counter.name) + getattr(other, counter.name))


@dataclass
class RegisseurRow:
    """One line of the team table: a regisseur, or the queue (``regisseur_id`` None)."""

    regisseur_id: int | None
    name: str
    load: Load = field(default_factory=Load)


@dataclass
class TeamLoad:
    team: Team
    rows: list[RegisseurRow]
    queue: Load
    total: Load
    chart: Chart | None = None


@dataclass
class GemeenteLoad:
    name: str
    teams: list[TeamLoad]
    total: Load


SORTS = {
    "name": lambda row: (row.name.lower(),),
    "total": lambda row: (-row.load.total, row.name.lower()),
    "pip_overdue": lambda row: (-row.load.pip_overdue, -row.load.pip_near, row.name.lower()),
    "talks_overdue": lambda row: (-row.load.talks_overdue, row.name.lower()),
    "open_signals": lambda row: (-row.load.open_signals, row.name.lower()),
}
DEFAULT_SORT = "name"


def _counts(team_ids, today: datetime.date):
    """One row per (team, regisseur) with every count; the queue is regisseur None."""
    weeks = settings.PIP_DEADLINE_WEEKS
    overdue_before = latest_start_for(today, weeks=weeks)  # a start before it: deadline passed
    near_until = latest_start_for(
        today + datetime.timedelta(days=settings.TEAM_PIP_NEAR_DAYS), weeks=weeks
    )
    before_plan = Q(status__in=PRE_PLAN_STATUSES, regime__in=PIP_DEADLINE_REGIMES)
    # The planned talk's date, looked up per dossier (its partial unique index): an EXISTS in
    # the count's FILTER was hashed over every planned talk in the region (24 ms at 100,000).
    planned_on = (
        Voortgangsgesprek.objects.filter(dossier=OuterRef("pk"), status=GesprekStatus.GEPLAND)
        .order_by()  # one at most (the index is unique)
        .values("planned_on")[:1]
    )
    signals = (
        Signaal.objects.filter(dossier=OuterRef("pk"), status__in=OPEN_SIGNAAL_STATUSES)
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    phase_counts = {
        phase.value: Count("pk", filter=Q(status=phase)) for phase in PHASES
    }  # aangemeld, intake, plan, uitvoering
    return (
        Inburgeraar.objects.filter(team_id__in=team_ids, status__in=RUNNING_STATUSES)
        .annotate(
            term_start=Greatest("datum_kennisgeving", "datum_brp_inschrijving"),
            signal_count=Coalesce(Subquery(signals, output_field=IntegerField()), 0),
            planned_on=Subquery(planned_on),
        )
        .values(
            "team_id",
            "regisseur_id",
            "regisseur__username",
            "regisseur__first_name",
            "regisseur__last_name",
        )
        .annotate(
            **phase_counts,
            pip_overdue=Count("pk", filter=before_plan & Q(term_start__lt=overdue_before)),
            pip_near=Count(
                "pk",
                filter=before_plan & Q(term_start__gte=overdue_before, term_start__lte=near_until),
            ),
            talks_overdue=Count("pk", filter=Q(planned_on__lt=today)),
            open_signals=Sum("signal_count"),
        )
        .order_by()
    )


def team_load(user, today: datetime.date, sort: str = DEFAULT_SORT) -> list[GemeenteLoad]:
    """The load of every team the user leads, grouped by gemeente: three queries (the teams,
    their regisseurs, the counts)."""
    team_ids = permissions.led_team_ids(user)
    teams = {
        team.pk: team for team in Team.objects.filter(pk__in=team_ids).select_related("gemeente")
    }
    rows: dict[tuple[int, int | None], RegisseurRow] = {}
    members = TeamMembership.objects.filter(
        team_id__in=team_ids, role=TeamRole.REGISSEUR, user__is_active=True
    ).select_related("user")
    for membership in members:
        key = (membership.team_id, membership.user_id)
        rows[key] = RegisseurRow(membership.user_id, str(membership.user))
    for counts in _counts(team_ids, today):
        key = (counts["team_id"], counts["regisseur_id"])
        if key not in rows:  # the queue, or a regisseur who left the team with dossiers
            rows[key] = RegisseurRow(counts["regisseur_id"], _name(counts))
        rows[key].load = Load(**{f.name: counts[f.name] or 0 for f in fields(Load)})
    return _grouped(teams, rows, SORTS.get(sort, SORTS[DEFAULT_SORT]))


def _name(counts) -> str:
    """A regisseur's name as ``User.__str__`` gives it, from the grouped row."""
    if counts["regisseur_id"] is None:
        return ""
    full = f"{counts['regisseur__first_name']} {counts['regisseur__last_name']}".strip()
    return full or counts["regisseur__username"]


def _grouped(teams, rows, sort_key) -> list[GemeenteLoad]:
    by_gemeente: dict[int, GemeenteLoad] = {}
    for team in sorted(teams.values(), key=lambda t: (t.gemeente.naam, t.naam)):
        team_rows = [row for (team_id, _r), row in rows.items() if team_id == team.pk]
        queue = next((row.load for row in team_rows if row.regisseur_id is None), Load())
        regisseurs = sorted((row for row in team_rows if row.regisseur_id), key=sort_key)
        total = Load()
        for row in team_rows:
            total.add(row.load)
        gemeente = by_gemeente.setdefault(
            team.gemeente_id, GemeenteLoad(team.gemeente.naam, [], Load())
        )
        gemeente.teams.append(TeamLoad(team, regisseurs, queue, total))
        gemeente.total.add(total)
    return list(by_gemeente.values())


# --- The chart: bars drawn on the server as SVG ------------------------------------------------

# Fill colours of the phases, each at least 3:1 against white (WCAG 1.4.11), told apart by
# their order and the legend as well as by colour.
PHASE_COLOURS = ("#1d4f91", "#2b7a3d", "#a34d00", "#6b2c91")
CHART_LABEL_WIDTH = 190
CHART_BAR_AREA = 420
CHART_ROW_HEIGHT = 28


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    count: int
    phase: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    total: int
    end_x: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    height: int
    width: int = CHART_LABEL_WIDTH + CHART_BAR_AREA + 50


def chart(team: TeamLoad, queue_label: str) -> Chart:
    """One bar per regisseur (and the queue), its phases side by side, scaled to the largest."""
    lines = [(row.name, row.load) for row in team.rows]
    if team.queue.total:
        lines.append((queue_label, team.queue))
    largest = max((load.total for _name, load in lines), default=0) or 1
    scale = CHART_BAR_AREA / largest
    bars = []
    for index, (label, load) in enumerate(lines):
        x = float(CHART_LABEL_WIDTH)
        segments = []
        for phase, colour in zip(PHASES, PHASE_COLOURS, strict=True):
            count = getattr(load, phase.value)
            if count:
                segments.append(Segment(x, count * scale, colour, count, phase.label))
                x += count * scale
        bars.append(Bar(label, index * CHART_ROW_HEIGHT, load.total, x, tuple(segments)))
    return Chart(tuple(bars), max(1, len(bars)) * CHART_ROW_HEIGHT + 8)
