"""The monitor's indicators, each defined once and computed by SQL aggregates; docs/monitor.md
says in words what each counts, from which date, and what it leaves out. Every function takes
a ``MonitorFilter`` and runs a fixed number of queries, whatever the number of dossiers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection
from django.db.models import (
    Aggregate,
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Greatest, Least, TruncQuarter

from inburgering.choices import (
    RUNNING_STATUSES,
    DossierStatus,
    DuoBesluitSoort,
    Examenonderdeel,
    Leerroute,
    Regime,
)
from inburgering.dates import Quarter
from inburgering.models import Inburgeraar
from intake.enforcement import Gevolg
from intake.models import Intakegesprek, Uitnodiging
from pip_plans.models import (
    DuoBesluit,
    Ontzorging,
    Pip,
    PipVersie,
    VersieStatus,
    WijzigingReden,
)
from voortgang.models import (
    OPEN_SIGNAAL_STATUSES,
    Examenresultaat,
    GesprekStatus,
    Herinnering,
    Maatregel,
    Signaal,
    Traject,
    TrajectSoort,
    TrajectStatus,
    Uitslag,
    Voortgangsgesprek,
)
from voortgang.monitor.filters import MonitorFilter, duty_started_between


class Percentile(Aggregate):
    """PostgreSQL's ``percentile_cont``: the median is ``Percentile(expr, 0.5)``."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def _quarter_key(day: datetime.date | datetime.datetime) -> Quarter:
    return Quarter.of(day.date() if isinstance(day, datetime.datetime) else day)


def _over_dossiers(per_dossier: QuerySet, select: list[tuple[str, list]]) -> tuple:
    """Aggregates over a query of one row per dossier: each dossier's dates and facts are
    computed once in the inner query (a correlated subquery per dossier), and the counts and
    percentiles read them as plain columns. Written as ``FILTER`` aggregates on the inner
    query's columns, Django would repeat every subquery in every aggregate that uses it."""
    inner, inner_params = per_dossier.order_by().query.sql_with_params()
    columns = ", ".join(expression for expression, _params in select)
    params = [param for _expression, values in select for param in values]
    # OFFSET 0 keeps PostgreSQL from pulling the inner query up into the aggregates, which
    # would put its subqueries back into every one of them.
    sql = f"SELECT {columns} FROM ({inner} OFFSET 0) AS per_dossier"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params])
        return cursor.fetchone()


# --- the dates the indicators count from --------------------------------------------------


def _trigger():
    """The day the PIP's ten weeks start: DUO's kennisgeving or the BRP registration,
    whichever is later (``deadlines.pip_deadline``; PostgreSQL's GREATEST skips an unknown)."""
    return Greatest("datum_kennisgeving", "datum_brp_inschrijving")


def _intake_start():
    """The first day of the brede intake: its first session held."""
    return Subquery(
        Intakegesprek.objects.filter(intake__dossier=OuterRef("pk"))
        .order_by("held_on")
        .values("held_on")[:1],
        output_field=DateField(),
    )


def _first_versions() -> QuerySet[PipVersie]:
    """The first PIPs decided here: a fixed version with no fixed version before it, not one
    received in a handover (the previous gemeente decided that)."""
    earlier = PipVersie.objects.filter(
        pip=OuterRef("pip"), status=VersieStatus.VASTGESTELD, number__lt=OuterRef("number")
    )
    return PipVersie.objects.filter(
        status=VersieStatus.VASTGESTELD, vorige_gemeente="", dagtekening__isnull=False
    ).filter(~Exists(earlier))


def _intake_session_in(f: MonitorFilter) -> Exists:
    return Exists(
        Intakegesprek.objects.filter(
            intake__dossier=OuterRef("pk"), held_on__range=(f.start, f.end)
        )
    )


def _fixed_version_in(f: MonitorFilter) -> Exists:
    return Exists(
        PipVersie.objects.filter(
            pip__dossier=OuterRef("pk"),
            status=VersieStatus.VASTGESTELD,
            dagtekening__range=(f.start, f.end),
        )
    )


def _first_dagtekening():
    return Subquery(
        _first_versions().filter(pip__dossier=OuterRef("pk")).values("dagtekening")[:1],
        output_field=DateField(),
    )


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
    population = Inburgeraar.objects.filter(f.dossiers())
    if f.cohort is None:
        population = population.filter(duty_started_between(f.start, f.end))
    steps = [
        Q(pk__isnull=False),  # registered: every dossier of the population
        Q(Exists(Intakegesprek.objects.filter(intake__dossier=OuterRef("pk"), held_on__lte=day))),
        Q(brede_intake__completed_on__lte=day),
        Q(
            Exists(
                PipVersie.objects.filter(
                    pip__dossier=OuterRef("pk"),
                    status=VersieStatus.VASTGESTELD,
                    dagtekening__lte=day,
                )
            )
        ),
        Q(Exists(Traject.objects.filter(dossier=OuterRef("pk"), started_on__lte=day)))
        | Q(
            Exists(
                Voortgangsgesprek.objects.filter(dossier=OuterRef("pk"), held_on__lte=day).exclude(
                    status=GesprekStatus.GEPLAND
                )
            )
        )
        | Q(Exists(Examenresultaat.objects.filter(dossier=OuterRef("pk"), taken_on__lte=day))),
        Q(status=DossierStatus.AFGEROND, datum_einde_plicht__lte=day),
    ]
    per_dossier = population.annotate(
        **{
            f"reached_{name}": ExpressionWrapper(condition, output_field=BooleanField())
            for name, condition in zip(FUNNEL_STEPS, steps, strict=True)
        }
    ).values(*(f"reached_{name}" for name in FUNNEL_STEPS))
    select, reached = [], []
    for name in FUNNEL_STEPS:
        reached.append(f'"reached_{name}"')
        select.append((f"count(*) FILTER (WHERE {' AND '.join(reached)})", []))
    return Funnel(dict(zip(FUNNEL_STEPS, _over_dossiers(per_dossier, select), strict=True)))


# --- 2. lead times ------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadTime:
    key: str
    count: int
    median: float | None
    p90: float | None


LEAD_TIMES = ("trigger_intake", "intake_pip", "trigger_pip", "koppeling_brp")


def lead_times(f: MonitorFilter) -> list[LeadTime]:
    """Days between two dates of a dossier, for the dossiers whose later date falls in the
    period: median and 90th percentile (``percentile_cont``)."""
    per_dossier = (
        Inburgeraar.objects.filter(f.dossiers())
        # Only dossiers with a later date in the period can count: the rest skip the subqueries.
        .filter(
            Q(_intake_session_in(f))
            | Q(_fixed_version_in(f))
            | Q(datum_brp_inschrijving__range=(f.start, f.end))
        )
        .annotate(
            trigger_on=_trigger(), intake_start=_intake_start(), first_pip=_first_dagtekening()
        )
        .values(
            "trigger_on", "intake_start", "first_pip", "datum_koppeling", "datum_brp_inschrijving"
        )
    )
    spans = {
        "trigger_intake": ("trigger_on", "intake_start"),
        "intake_pip": ("intake_start", "first_pip"),
        "trigger_pip": ("trigger_on", "first_pip"),
        "koppeling_brp": ("datum_koppeling", "datum_brp_inschrijving"),
    }
    select = []
    for earlier, later in spans.values():
        counted = f'"{later}" BETWEEN %s AND %s AND "{earlier}" IS NOT NULL'
        days = f'"{later}" - "{earlier}"'
        select += [
            (f"count(*) FILTER (WHERE {counted})", [f.start, f.end]),
            (
                f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {days}) FILTER (WHERE {counted})",
                [f.start, f.end],
            ),
            (
                f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {days}) FILTER (WHERE {counted})",
                [f.start, f.end],
            ),
        ]
    row = _over_dossiers(per_dossier, select)
    return [
        LeadTime(key, row[3 * index], row[3 * index + 1], row[3 * index + 2])
        for index, key in enumerate(spans)
    ]


# The buckets of the lead-time chart (kennisgeving or BRP to the PIP), in weeks.
WEEK_BUCKETS = (2, 4, 6, 8, 10, 12, 16, 26)


def trigger_pip_distribution(f: MonitorFilter) -> list[tuple[str, int]]:
    """How many first PIPs of the period came within each span of weeks of their trigger."""
    per_dossier = (
        Inburgeraar.objects.filter(f.dossiers(), _fixed_version_in(f))
        .annotate(trigger_on=_trigger(), first_pip=_first_dagtekening())
        .values("trigger_on", "first_pip")
    )
    counted = '"first_pip" BETWEEN %s AND %s AND "trigger_on" IS NOT NULL'
    days = '("first_pip" - "trigger_on")'
    select, lower = [], None
    for weeks in WEEK_BUCKETS:
        within = (
            f"{days} <= {weeks * 7}"
            if lower is None
            else (f"{days} > {lower} AND {days} <= {weeks * 7}")
        )
        select.append((f"count(*) FILTER (WHERE {counted} AND {within})", [f.start, f.end]))
        lower = weeks * 7
    select.append((f"count(*) FILTER (WHERE {counted} AND {days} > {lower})", [f.start, f.end]))
    row = _over_dossiers(per_dossier, select)
    keys = [f"le_{weeks}" for weeks in WEEK_BUCKETS] + ["more"]
    return list(zip(keys, row, strict=True))


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
    weeks = settings.PIP_DEADLINE_WEEKS
    first = (
        _first_versions()
        .filter(f.dossiers("pip__dossier__"), f.in_period("dagtekening"))
        .annotate(
            quarter=TruncQuarter("dagtekening"),
            trigger=Greatest(
                "pip__dossier__datum_kennisgeving", "pip__dossier__datum_brp_inschrijving"
            ),
        )
        .values("quarter")
        .annotate(
            n=Count("pk"),
            on_time=Count(
                "pk", filter=Q(dagtekening__lte=F("trigger") + datetime.timedelta(weeks=weeks))
            ),
            no_trigger=Count("pk", filter=Q(trigger__isnull=True)),
            **{
                f"route_{route}": Count("pk", filter=Q(leerroute=route))
                for route in Leerroute.values
            },
        )
        .order_by()
    )
    changes = (
        PipVersie.objects.filter(
            f.dossiers("pip__dossier__"),
            f.in_period("dagtekening"),
            status=VersieStatus.VASTGESTELD,
            reden__in=(WijzigingReden.SCHAKELEN, WijzigingReden.AFSCHALEN),
        )
        .annotate(quarter=TruncQuarter("dagtekening"))
        .values("quarter")
        .annotate(
            schakelen=Count("pk", filter=Q(reden=WijzigingReden.SCHAKELEN)),
            afschalen=Count("pk", filter=Q(reden=WijzigingReden.AFSCHALEN)),
        )
        .order_by()
    )
    firsts = {_quarter_key(row["quarter"]): row for row in first}
    changed = {_quarter_key(row["quarter"]): row for row in changes}
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
    ended = f.in_period("finished_on")
    stopped = ended & Q(status=TrajectStatus.NIET_AFGEROND)
    rows = (
        Traject.objects.filter(
            f.dossiers("dossier__"), soort__in=(TrajectSoort.MAP, TrajectSoort.PVT)
        )
        .values("soort")
        .annotate(
            n_started=Count("pk", filter=f.in_period("started_on")),
            n_completed=Count("pk", filter=ended & Q(status=TrajectStatus.AFGEROND)),
            n_verwijtbaar=Count("pk", filter=stopped & Q(verwijtbaar=True)),
            n_other=Count("pk", filter=stopped & ~Q(verwijtbaar=True)),
        )
        .order_by()
    )
    found = {row["soort"]: row for row in rows}
    return [
        Component(
            soort,
            *(
                found.get(soort, {}).get(f"n_{key}", 0)
                for key in ("started", "completed", "verwijtbaar", "other")
            ),
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
        Examenresultaat.objects.filter(f.dossiers("dossier__"), f.in_period("taken_on"))
        .values("onderdeel")
        .annotate(taken=Count("pk"), passed=Count("pk", filter=Q(uitslag=Uitslag.BEHAALD)))
        .order_by()
    )
    found = {row["onderdeel"]: row for row in rows}
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
    fixed = Ontzorging.objects.filter(
        versie__pip__dossier=OuterRef("pk"), versie__status=VersieStatus.VASTGESTELD
    )
    dossiers = Inburgeraar.objects.filter(f.dossiers(), Exists(fixed)).annotate(
        first_start=Subquery(
            fixed.exclude(start=None).order_by("start").values("start")[:1],
            output_field=DateField(),
        ),
        planned_end=Subquery(
            fixed.exclude(geplande_einddatum=None)
            .order_by("-geplande_einddatum")
            .values("geplande_einddatum")[:1],
            output_field=DateField(),
        ),
        early_end=Least("datum_einde_bijstand", "datum_einde_plicht"),
    )
    per_dossier = dossiers.values("first_start", "planned_end", "early_end")
    in_period = "BETWEEN %s AND %s"
    period = [f.start, f.end]
    row = _over_dossiers(
        per_dossier,
        [
            (f'count(*) FILTER (WHERE "first_start" {in_period})', period),
            (
                f'count(*) FILTER (WHERE "first_start" IS NOT NULL AND "planned_end" {in_period}'
                ' AND "planned_end" <= %s'
                ' AND ("early_end" IS NULL OR "early_end" >= "planned_end"))',
                [*period, f.as_of],
            ),
            (
                f'count(*) FILTER (WHERE "first_start" IS NOT NULL AND "early_end" {in_period}'
                ' AND "early_end" < "planned_end" AND "early_end" >= "first_start")',
                period,
            ),
        ],
    )
    return Ontzorgen(*row)


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
    intake = Uitnodiging.objects.filter(
        f.dossiers("intake__dossier__"), f.in_period("gevolg_on")
    ).aggregate(
        warnings=Count("pk", filter=Q(gevolg=Gevolg.WAARSCHUWING)),
        fines=Count("pk", filter=Q(gevolg__in=(Gevolg.BOETE, Gevolg.PIP_AMBTSHALVE))),
    )
    plan = Voortgangsgesprek.objects.filter(
        f.dossiers("dossier__"), f.in_period("maatregel_on")
    ).aggregate(
        warnings=Count("pk", filter=Q(maatregel=Maatregel.WAARSCHUWING)),
        fines=Count("pk", filter=Q(maatregel=Maatregel.BOETE)),
    )
    duo = DuoBesluit.objects.filter(
        f.dossiers("dossier__"), f.in_period("dagtekening"), withdrawn_at=None
    ).aggregate(
        fines=Count("pk", filter=Q(soort=DuoBesluitSoort.BOETE)),
        extended=Count("pk", filter=Q(soort=DuoBesluitSoort.VERLENGING)),
    )
    day = f.as_of
    termijnen = Pip.objects.filter(
        f.dossiers("dossier__"),
        dossier__regime=Regime.WI2021,
        dossier__status__in=RUNNING_STATUSES,
        termijn_einde__isnull=False,
    ).aggregate(
        at_risk=Count(
            "pk",
            filter=Q(termijn_einde__gte=day, termijn_einde__lt=day + relativedelta(months=6)),
        ),
        overdue=Count("pk", filter=Q(termijn_einde__lt=day)),
    )
    return Enforcement(
        intake_warnings=intake["warnings"],
        intake_fines=intake["fines"],
        plan_warnings=plan["warnings"],
        plan_fines=plan["fines"],
        duo_fines=duo["fines"],
        extended=duo["extended"],
        at_risk=termijnen["at_risk"],
        overdue=termijnen["overdue"],
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
    running = Inburgeraar.objects.filter(f.dossiers(), status__in=RUNNING_STATUSES)
    totals = running.aggregate(
        running=Count("pk"), unassigned=Count("pk", filter=Q(regisseur__isnull=True))
    )
    per_regisseur = (
        running.exclude(regisseur=None).values("regisseur_id").annotate(n=Count("pk")).order_by()
    )
    caseloads = per_regisseur.aggregate(
        regisseurs=Count("regisseur_id"), median=Percentile("n", 0.5), largest=Max("n")
    )
    signals = Signaal.objects.filter(
        f.dossiers("dossier__"), status__in=OPEN_SIGNAAL_STATUSES
    ).aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(follow_up_on__lt=today)))
    reminders = Herinnering.objects.filter(
        f.dossiers("dossier__"), resolved_at=None, dismissed_at=None, due_on__lt=today
    ).count()
    return Load(
        running=totals["running"],
        unassigned=totals["unassigned"],
        regisseurs=caseloads["regisseurs"],
        per_regisseur_median=caseloads["median"],
        per_regisseur_max=caseloads["largest"],
        open_signals=signals["open"],
        overdue_signals=signals["overdue"],
        overdue_reminders=reminders,
    )
