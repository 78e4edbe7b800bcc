"""The monitor's figures as tables: what the page shows, what the charts draw and what the
XLSX and CSV files hold are these same cells, so they cannot disagree. A beleidsmedewerker
sees counts under five (and shares and lead times resting on them) as "<5"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from inburgering.choices import Examenonderdeel, Leerroute
from voortgang.models import TrajectSoort
from voortgang.monitor import indicators
from voortgang.monitor.filters import MonitorFilter

SMALL = 5  # counts below this are suppressed for those who may not see them
SUPPRESSED = "<5"

Cell = int | float | str | None


@dataclass(frozen=True)
class Table:
    key: str  # the table's id on the page and its sheet in the XLSX file
    title: str
    columns: list[str]
    rows: list[list[Cell]]  # the first cell of each row is its label
    note: str = ""

    def column(self, index: int) -> list[Cell]:
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class Figures:
    """Turns counts into cells: exact for a teamleider, suppressed under five otherwise."""

    exact: bool

    def count(self, value: int) -> Cell:
        return value if self.exact or value >= SMALL else SUPPRESSED

    def share(self, part: int, whole: int) -> Cell:
        """A percentage with one decimal; none of nothing; "<5" when either count is small."""
        if not self.exact and (part < SMALL or whole < SMALL):
            return SUPPRESSED
        return round(100 * part / whole, 1) if whole else None

    def days(self, value: float | None, counted: int) -> Cell:
        if not self.exact and counted < SMALL:
            return SUPPRESSED
        return None if value is None else round(value, 1)


FUNNEL_LABELS = {
    "aangemeld": _("Registered"),
    "intake_gestart": _("Brede intake started"),
    "intake_afgerond": _("Brede intake completed"),
    "pip": _("PIP fixed"),
    "uitvoering": _("Plan in progress"),
    "afgerond": _("Completed"),
}

LEAD_TIME_LABELS = {
    "trigger_intake": _("Kennisgeving or BRP to the start of the brede intake"),
    "intake_pip": _("Start of the brede intake to the PIP's dagtekening"),
    "trigger_pip": _("Kennisgeving or BRP to the PIP's dagtekening"),
    "koppeling_brp": _("Koppeling to BRP registration"),
}


def bucket_label(key: str) -> str:
    if key == "more":
        return str(_("more than %(weeks)d weeks") % {"weeks": indicators.WEEK_BUCKETS[-1]})
    weeks = int(key.removeprefix("le_"))
    index = indicators.WEEK_BUCKETS.index(weeks)
    lower = indicators.WEEK_BUCKETS[index - 1] if index else 0
    return str(_("%(lower)d to %(upper)d weeks") % {"lower": lower, "upper": weeks})


@dataclass
class Monitor:
    """Every table of the monitor for one filter."""

    tables: list[Table] = field(default_factory=list)

    def __getitem__(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def build(f: MonitorFilter, *, exact: bool) -> Monitor:
    figures = Figures(exact)
    return Monitor(
        [
            _funnel(f, figures),
            _lead_times(f, figures),
            _distribution(f, figures),
            *_per_quarter(f, figures),
            _components(f, figures),
            _exams(f, figures),
            _ontzorgen(f, figures),
            _enforcement(f, figures),
            _load(f, figures),
        ]
    )


def _funnel(f, figures) -> Table:
    funnel = indicators.funnel(f)
    first = funnel.counts["aangemeld"]
    rows = []
    for step in indicators.FUNNEL_STEPS:
        dropped = funnel.dropped(step)
        rows.append(
            [
                str(FUNNEL_LABELS[step]),
                figures.count(funnel.counts[step]),
                None if dropped is None else figures.count(dropped),
                figures.share(funnel.counts[step], first),
            ]
        )
    return Table(
        "funnel",
        str(_("From registration to completion")),
        [str(_("Step")), str(_("Dossiers")), str(_("Did not reach the next step")), "%"],
        rows,
        str(
            _(
                "The dossiers whose duty started in the period (or in the cohort), and how far "
                "each had come on the period's last day."
            )
        ),
    )


def _lead_times(f, figures) -> Table:
    rows = [
        [
            str(LEAD_TIME_LABELS[lead.key]),
            figures.count(lead.count),
            figures.days(lead.median, lead.count),
            figures.days(lead.p90, lead.count),
        ]
        for lead in indicators.lead_times(f)
    ]
    return Table(
        "lead_times",
        str(_("Lead times in days")),
        [str(_("From - to")), str(_("Dossiers")), str(_("Median")), str(_("90th percentile"))],
        rows,
        str(_("Counted for the dossiers whose later date falls in the period.")),
    )


def _distribution(f, figures) -> Table:
    rows = [
        [bucket_label(key), figures.count(count)]
        for key, count in indicators.trigger_pip_distribution(f)
    ]
    return Table(
        "distribution",
        str(_("Kennisgeving or BRP to the first PIP, in weeks")),
        [str(_("Weeks")), str(_("First PIPs"))],
        rows,
    )


def _per_quarter(f, figures) -> list[Table]:
    quarters = indicators.plans_per_quarter(f)
    on_time = Table(
        "on_time",
        str(_("First PIPs within the legal ten weeks, per quarter")),
        [
            str(_("Quarter")),
            str(_("First PIPs")),
            str(_("Within ten weeks")),
            str(_("% within ten weeks")),
            str(_("No start date known")),
        ],
        [
            [
                q.quarter.label,
                figures.count(q.first_pips),
                figures.count(q.on_time),
                figures.share(q.on_time, q.with_trigger),
                figures.count(q.no_trigger),
            ]
            for q in quarters
        ],
    )
    routes = Table(
        "routes",
        str(_("Learning routes of the first PIPs and route changes, per quarter")),
        [
            str(_("Quarter")),
            *[str(label) for label in Leerroute.labels],
            str(_("Switched (schakelen)")),
            str(_("Lowered to A2 (afschalen)")),
        ],
        [
            [
                q.quarter.label,
                *[figures.count(q.routes[route]) for route in Leerroute.values],
                figures.count(q.schakelen),
                figures.count(q.afschalen),
            ]
            for q in quarters
        ],
    )
    return [on_time, routes]


def _components(f, figures) -> Table:
    labels = dict(TrajectSoort.choices)
    return Table(
        "components",
        str(_("MAP and PVT")),
        [
            str(_("Component")),
            str(_("Started")),
            str(_("Completed")),
            str(_("Not completed, to blame")),
            str(_("Not completed, other")),
        ],
        [
            [
                str(labels[c.soort]),
                figures.count(c.started),
                figures.count(c.completed),
                figures.count(c.not_completed_verwijtbaar),
                figures.count(c.not_completed_other),
            ]
            for c in indicators.components(f)
        ],
    )


def _exams(f, figures) -> Table:
    labels = dict(Examenonderdeel.choices)
    return Table(
        "exams",
        str(_("Exams")),
        [str(_("Exam part")), str(_("Taken")), str(_("Passed"))],
        [
            [str(labels[e.onderdeel]), figures.count(e.taken), figures.count(e.passed)]
            for e in indicators.exams(f)
        ],
    )


def _ontzorgen(f, figures) -> Table:
    result = indicators.ontzorgen(f)
    return Table(
        "ontzorgen",
        str(_("Financial unburdening (ontzorgen)")),
        [str(_("Indicator")), str(_("Dossiers"))],
        [
            [str(_("Started")), figures.count(result.started)],
            [str(_("Six months completed")), figures.count(result.completed)],
            [str(_("Ended early")), figures.count(result.ended_early)],
        ],
    )


def _enforcement(f, figures) -> Table:
    result = indicators.enforcement(f)
    return Table(
        "enforcement",
        str(_("Enforcement and termijnen")),
        [str(_("Indicator")), str(_("Number"))],
        [
            [str(_("Warnings: brede intake")), figures.count(result.intake_warnings)],
            [str(_("Fines: brede intake")), figures.count(result.intake_fines)],
            [str(_("Warnings: the plan's obligations")), figures.count(result.plan_warnings)],
            [str(_("Fines: the plan's obligations")), figures.count(result.plan_fines)],
            [str(_("Fines by DUO")), figures.count(result.duo_fines)],
            [str(_("Termijnen extended by DUO")), figures.count(result.extended)],
            [str(_("Termijnen with under six months left")), figures.count(result.at_risk)],
            [str(_("Termijnen passed, dossier still running")), figures.count(result.overdue)],
        ],
        str(_("Termijnen: running Wi2021 dossiers, counted on the period's last day.")),
    )


def _load(f, figures) -> Table:
    result = indicators.load(f)
    return Table(
        "load",
        str(_("Today's load")),
        [str(_("Indicator")), str(_("Number"))],
        [
            [str(_("Running dossiers")), figures.count(result.running)],
            [str(_("Waiting for a regisseur")), figures.count(result.unassigned)],
            [str(_("Regisseurs with a caseload")), figures.count(result.regisseurs)],
            [
                str(_("Dossiers per regisseur, median")),
                figures.days(result.per_regisseur_median, result.regisseurs),
            ],
            [
                str(_("Dossiers per regisseur, largest")),
                figures.count(result.per_regisseur_max or 0),
            ],
            [str(_("Open signals")), figures.count(result.open_signals)],
            [str(_("Signals past their follow-up date")), figures.count(result.overdue_signals)],
            [str(_("Reminders past due")), figures.count(result.overdue_reminders)],
        ],
        str(_("Counted today, whatever the period; the other filters apply.")),
    )
