"""The monitor's indicators, each defined once and computed by SQL aggregates over the
monitor's read model (``voortgang.monitor.facts``: each dossier's milestone dates and the
events counted per quarter); docs/monitor.md says in words what each counts, from which date,
and what it leaves out. Every function takes a ``MonitorFilter`` and runs one or two queries,
whatever the number of dossiers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Aggregate, Count, F, FloatField, Func, IntegerField, Max, Q, Sum
from django.db.models.functions import TruncQuarter

from inburgering.choices import (
    RUNNING_STATUSES,
    DuoBesluitSoort,
    Examenonderdeel,
    Leerroute,
    Regime,
)
from inburgering.dates import Quarter
from intake.enforcement import Gevolg
from pip_plans.models import WijzigingReden
from voortgang.models import (
    Maatregel,
    MonitorCount,
    MonitorDossier,
    TrajectSoort,
    Uitslag,
)
from voortgang.monitor.filters import MonitorFilter


class Percentile(Aggregate):
    """PostgreSQL's ``percentile_cont``: the median is ``Percentile(expr, 0.5)``."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


class DaysBetween(Func):
    """The whole days from one date to a later one (PostgreSQL subtracts dates in days)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, earlier: str, later: str):
        super().__init__(F(later), F(earlier))


def _quarter_key(day: datetime.date | datetime.datetime) -> Quarter:
    return Quarter.of(day.date() if isinstance(day, datetime.datetime) else day)


def _dossiers(f: MonitorFilter):
    return MonitorDossier.objects.filter(f.facts())


def _counted(f: MonitorFilter, *kinds: str, in_period: bool = True):
    """The read model's event counts of these kinds for the filter's cut (and period)."""
    rows = MonitorCount.objects.filter(f.facts(), kind__in=kinds)
    return rows.filter(day__range=(f.start, f.end)) if in_period else rows


# --- 1. the funnel ----------------------------------------------------------------------

FUNNEL_STEPS = ("aangemeld", "intake_gestart", "intake_afgerond", "pip", "uitvoering", "afgerond")


@dataclass(frozen=True)
class Funnel:
    counts: dict[str, int]  # per step, cumulative: each step counts those who reached it
    # and every step before it, by ``as_of``

    def dropped(self, step: str) -> int | None:
        """Those who reached this step but not the next; None for the last step."""
        index = FUNNEL_STEPS.index(step)
        if index == len(FUNNEL_STEPS) - 1:
            return None
        return self.counts[step] - self.counts[FUNNEL_STEPS[index + 1]]


def funnel(f: MonitorFilter) -> Funnel:
    """The cohort's dossiers (without a cohort: those whose duty started in the period) and
    how far each had come on the period's last day (or today)."""
    day = f.as_of
    population = _dossiers(f)
    if f.cohort is None:
        population = population.filter(cohort_quarter__range=(f.start, f.end))
    reached = {
        "intake_gestart": Q(intake_start__lte=day),
        "intake_afgerond": Q(intake_completed_on__lte=day),
        "pip": Q(pip_fixed_on__lte=day),
        "uitvoering": Q(uitvoering_on__lte=day),
        "afgerond": Q(afgerond_on__lte=day),
    }
    counts, so_far = {"aangemeld": Count("pk")}, Q()
    for step, condition in reached.items():
        so_far &= condition
        counts[step] = Count("pk", filter=so_far)
    return Funnel(population.aggregate(**counts))


# --- 2. lead times ------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadTime:
    key: str
    count: int
    median: float | None
    p90: float | None


# Each lead time: from which date of the dossier to which.
SPANS = {
    "trigger_intake": ("trigger_on", "intake_start"),
    "intake_pip": ("intake_start", "first_pip_on"),
    "trigger_pip": ("trigger_on", "first_pip_on"),
    "koppeling_brp": ("datum_koppeling", "datum_brp_inschrijving"),
}


def lead_times(f: MonitorFilter) -> list[LeadTime]:
    """Days between two dates of a dossier, for the dossiers whose later date falls in the
    period: median and 90th percentile (``percentile_cont``)."""
    aggregates = {}
    for key, (earlier, later) in SPANS.items():
        counted = Q(**{f"{later}__range": (f.start, f.end), f"{earlier}__isnull": False})
        days = DaysBetween(earlier, later)
        aggregates |= {
            f"{key}_count": Count("pk", filter=counted),
            f"{key}_median": Percentile(days, 0.5, filter=counted),
            f"{key}_p90": Percentile(days, 0.9, filter=counted),
        }
    period = (f.start, f.end)
    # Only dossiers with a later date in the period can count (the view's indexes find them).
    later_in_period = Q()
    for later in {later for _earlier, later in SPANS.values()}:
        later_in_period |= Q(**{f"{later}__range": period})
    row = _dossiers(f).filter(later_in_period).aggregate(**aggregates)
    return [
        LeadTime(key, row[f"{key}_count"], row[f"{key}_median"], row[f"{key}_p90"]) for key in SPANS
    ]


# The buckets of the lead-time chart (kennisgeving or BRP to the PIP), in weeks.
WEEK_BUCKETS = (2, 4, 6, 8, 10, 12, 16, 26)


def trigger_pip_distribution(f: MonitorFilter) -> list[tuple[str, int]]:
    """How many first PIPs of the period came within each span of weeks of their trigger."""
    rows = (
        _dossiers(f)
        .filter(first_pip_on__range=(f.start, f.end), trigger_on__isnull=False)
        .annotate(days=DaysBetween("trigger_on", "first_pip_on"))
    )
    buckets, lower = {}, None
    for weeks in WEEK_BUCKETS:
        within = Q(days__lte=weeks * 7) if lower is None else Q(days__gt=lower, days__lte=weeks * 7)
        buckets[f"le_{weeks}"] = Count("pk", filter=within)
        lower = weeks * 7
    buckets["more"] = Count("pk", filter=Q(days__gt=lower))
    return list(rows.aggregate(**buckets).items())


# --- 3. PIPs within ten weeks, route mix and changes, per quarter --------------------------


@dataclass(frozen=True)
class PlanQuarter:
    quarter: Quarter
    first_pips: int = 0
    on_time: int = 0
    no_trigger: int = 0  # no kennisgeving or BRP date: neither on time nor late
    routes: dict[str, int] | None = None
    schakelen: int = 0
    afschalen: int = 0

    @property
    def with_trigger(self) -> int:
        return self.first_pips - self.no_trigger


def plans_per_quarter(f: MonitorFilter) -> list[PlanQuarter]:
    """First PIPs per quarter of their dagtekening: within the legal ten weeks of the trigger
    (the deadline day itself still in time), by leerroute; and route changes fixed."""
    deadline = datetime.timedelta(weeks=settings.PIP_DEADLINE_WEEKS)
    first = (
        _dossiers(f)
        .filter(first_pip_on__range=(f.start, f.end))
        .annotate(quarter=TruncQuarter("first_pip_on"))
        .values("quarter")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=Q(first_pip_on__lte=F("trigger_on") + deadline)),
            no_trigger=Count("pk", filter=Q(trigger_on__isnull=True)),
            **{
                f"route_{route}": Count("pk", filter=Q(first_pip_leerroute=route))
                for route in Leerroute.values
            },
        )
        .order_by()
    )
    changes = (
        _counted(f, "route_change")
        .values("day")
        .annotate(
            schakelen=Sum("n", filter=Q(detail=WijzigingReden.SCHAKELEN), default=0),
            afschalen=Sum("n", filter=Q(detail=WijzigingReden.AFSCHALEN), default=0),
        )
        .order_by()
    )
    firsts = {_quarter_key(row["quarter"]): row for row in first}
    changed = {_quarter_key(row["day"]): row for row in changes}
    result = []
    for quarter in f.quarters:
        row = firsts.get(quarter, {})
        change = changed.get(quarter, {})
        result.append(
            PlanQuarter(
                quarter,
                first_pips=row.get("n", 0),
                on_time=row.get("on_time", 0),
                no_trigger=row.get("no_trigger", 0),
                routes={route: row.get(f"route_{route}", 0) for route in Leerroute.values},
                schakelen=change.get("schakelen", 0),
                afschalen=change.get("afschalen", 0),
            )
        )
    return result


# --- 4. MAP, PVT and exams ----------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    soort: str
    started: int
    completed: int
    not_completed_verwijtbaar: int
    not_completed_other: int


def components(f: MonitorFilter) -> list[Component]:
    """MAP and PVT: started in the period, and completed or stopped in it (by the day they
    finished), the stopped ones split by whether the person was to blame."""
    rows = (
        _counted(f, "traject_start", "traject_end")
        .filter(detail__in=(TrajectSoort.MAP, TrajectSoort.PVT))
        .values("kind", "detail", "outcome")
        .annotate(total=Sum("n"))
        .order_by()
    )
    found = {(row["kind"], row["detail"], row["outcome"]): row["total"] for row in rows}

    def of(soort: str, kind: str, outcome: str = "") -> int:
        return found.get((kind, soort, outcome), 0)

    return [
        Component(
            soort,
            started=of(soort, "traject_start"),
            completed=of(soort, "traject_end", "afgerond"),
            not_completed_verwijtbaar=of(soort, "traject_end", "verwijtbaar"),
            not_completed_other=of(soort, "traject_end", "niet_verwijtbaar"),
        )
        for soort in (TrajectSoort.MAP, TrajectSoort.PVT)
    ]


@dataclass(frozen=True)
class Exam:
    onderdeel: str
    taken: int
    passed: int


def exams(f: MonitorFilter) -> list[Exam]:
    """Exam results recorded with a date in the period, per component: taken and passed."""
    rows = (
        _counted(f, "exam")
        .values("detail")
        .annotate(taken=Sum("n"), passed=Sum("n", filter=Q(outcome=Uitslag.BEHAALD), default=0))
        .order_by()
    )
    found = {row["detail"]: row for row in rows}
    return [
        Exam(part, found.get(part, {}).get("taken", 0), found.get(part, {}).get("passed", 0))
        for part in Examenonderdeel.values
    ]


# --- 5. ontzorgen -------------------------------------------------------------------------


@dataclass(frozen=True)
class Ontzorgen:
    started: int
    completed: int
    ended_early: int


def ontzorgen(f: MonitorFilter) -> Ontzorgen:
    """Per dossier, the ontzorgen of its fixed plans: started (its first start) in the period;
    its six months completed in the period (the planned end passed by the period's last day or
    today, with no earlier end); ended early in the period (bijstand or the dossier ended
    before the planned end)."""
    period = (f.start, f.end)
    begun = Q(ontzorgen_start__isnull=False)
    row = (
        _dossiers(f)
        .filter(begun)
        .aggregate(
            started=Count("pk", filter=Q(ontzorgen_start__range=period)),
            completed=Count(
                "pk",
                filter=Q(ontzorgen_planned_end__range=period, ontzorgen_planned_end__lte=f.as_of)
                & (
                    Q(ontzorgen_early_end__isnull=True)
                    | Q(ontzorgen_early_end__gte=F("ontzorgen_planned_end"))
                ),
            ),
            ended_early=Count(
                "pk",
                filter=Q(
                    ontzorgen_early_end__range=period,
                    ontzorgen_early_end__lt=F("ontzorgen_planned_end"),
                    ontzorgen_early_end__gte=F("ontzorgen_start"),
                ),
            ),
        )
    )
    return Ontzorgen(**row)


# --- 6. enforcement and termijnen ---------------------------------------------------------


@dataclass(frozen=True)
class Enforcement:
    intake_warnings: int
    intake_fines: int
    plan_warnings: int
    plan_fines: int
    duo_fines: int
    extended: int
    at_risk: int
    overdue: int  # running, the termijn already ended


def enforcement(f: MonitorFilter) -> Enforcement:
    """Warnings and fines of the college dated in the period (for missing the brede intake,
    for the plan's obligations), DUO's fines and extensions in the period, and on the
    period's last day (or today) the running Wi2021 termijnen with under six months left."""
    rows = (
        _counted(f, "intake_gevolg", "plan_maatregel", "duo_besluit")
        .values("kind", "detail")
        .annotate(total=Sum("n"))
        .order_by()
    )
    found = {(row["kind"], row["detail"]): row["total"] for row in rows}

    def of(kind: str, *details: str) -> int:
        return sum(found.get((kind, detail), 0) for detail in details)

    day = f.as_of
    termijnen = (
        _dossiers(f)
        .filter(
            regime=Regime.WI2021,
            status__in=RUNNING_STATUSES,
            termijn_einde__lt=day + relativedelta(months=6),
        )
        .aggregate(
            at_risk=Count("pk", filter=Q(termijn_einde__gte=day)),
            overdue=Count("pk", filter=Q(termijn_einde__lt=day)),
        )
    )
    return Enforcement(
        intake_warnings=of("intake_gevolg", Gevolg.WAARSCHUWING),
        intake_fines=of("intake_gevolg", Gevolg.BOETE, Gevolg.PIP_AMBTSHALVE),
        plan_warnings=of("plan_maatregel", Maatregel.WAARSCHUWING),
        plan_fines=of("plan_maatregel", Maatregel.BOETE),
        duo_fines=of("duo_besluit", DuoBesluitSoort.BOETE),
        extended=of("duo_besluit", DuoBesluitSoort.VERLENGING),
        **termijnen,
    )


# --- 7. load ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    running: int
    unassigned: int
    regisseurs: int
    per_regisseur_median: float | None
    per_regisseur_max: int | None
    open_signals: int
    overdue_signals: int
    overdue_reminders: int


def load(f: MonitorFilter) -> Load:
    """Today's work (not the period's): running dossiers, those on a regisseur's caseload per
    regisseur, open signals and those past their follow-up date, reminders past due."""
    today = f.today
    per_regisseur = (
        _dossiers(f)
        .filter(status__in=RUNNING_STATUSES)
        .values("regisseur_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assigned = Q(regisseur_id__isnull=False)
    caseloads = per_regisseur.aggregate(
        running=Sum("n", default=0),
        unassigned=Sum("n", filter=Q(regisseur_id__isnull=True), default=0),
        regisseurs=Count("regisseur_id"),
        median=Percentile("n", 0.5, filter=assigned),
        largest=Max("n", filter=assigned),
    )
    open_items = {
        row["kind"]: row
        for row in _counted(f, "open_signaal", "open_herinnering", in_period=False)
        .values("kind")
        .annotate(total=Sum("n"), overdue=Sum("n", filter=Q(day__lt=today), default=0))
        .order_by()
    }
    signals = open_items.get("open_signaal", {})
    return Load(
        running=caseloads["running"],
        unassigned=caseloads["unassigned"],
        regisseurs=caseloads["regisseurs"],
        per_regisseur_median=caseloads["median"],
        per_regisseur_max=caseloads["largest"],
        open_signals=signals.get("total", 0),
        overdue_signals=signals.get("overdue", 0),
        overdue_reminders=open_items.get("open_herinnering", {}).get("overdue", 0),
    )
