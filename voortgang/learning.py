"""The learning record's rules: where each exam part stands, what a tracked component (MAP,
PVT, maatschappelijke begeleiding) needs, and the figures of the lesson-hours chart; pure
functions, unit-tested."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from inburgering.choices import Examenonderdeel

LEVEL_ORDER = {"a1": 1, "a2": 2, "b1": 3, "b2": 4}
TAAL_ONDERDELEN = ("lezen", "luisteren", "schrijven", "spreken")
# Under the Wi2013 the exams are at A2 (the person chooses a course; domain.md §1).
WI2013_REQUIRED = {**dict.fromkeys(TAAL_ONDERDELEN, "a2"), "knm": ""}


def required_exams(versie) -> dict[str, str]:
    """The exam parts a plan version asks, with the level ("" for KNM, which has none): a
    language part when the plan sets its level, KNM when the plan includes it."""
    required = {}
    for onderdeel in TAAL_ONDERDELEN:
        level = getattr(versie, f"niveau_{onderdeel}")
        if level in LEVEL_ORDER:
            required[onderdeel] = level
    if versie.knm:
        required["knm"] = ""
    return required


def passes(resultaat, level: str) -> bool:
    """A passed result counts for a part at ``level`` when it was at that level or higher
    (KNM and results without a level count when passed)."""
    if resultaat.uitslag != "behaald":
        return False
    if not level or not resultaat.niveau:
        return True
    return LEVEL_ORDER.get(resultaat.niveau, 0) >= LEVEL_ORDER[level]


@dataclass(frozen=True)
class Stand:
    """Where one exam part stands."""

    onderdeel: str
    level: str | None  # None: the part is not in the plan
    state: str  # "behaald", "ontheven", "open", "niet_gevraagd"
    passed_on: datetime.date | None
    attempts: int

    @property
    def label(self) -> str:
        return str(Examenonderdeel(self.onderdeel).label)

    @property
    def outstanding(self) -> bool:
        return self.state == "open"


def exam_standing(
    *, required: dict[str, str], results, exempt: frozenset = frozenset(), released=False
) -> list[Stand]:
    """Each exam part in the GGM's order: passed (the first passing result at the level asked),
    released by DUO (an ontheffing or vrijstelling of the part, or of the whole duty), still
    open, or not asked by the plan."""
    stands = []
    for onderdeel in Examenonderdeel.values:
        own = [r for r in results if r.onderdeel == onderdeel]
        level = required.get(onderdeel)
        passed = next((r for r in own if passes(r, level or "")), None)
        if released or onderdeel in exempt:
            state = "ontheven"
        elif level is None:
            state = "niet_gevraagd"
        elif passed is not None:
            state = "behaald"
        else:
            state = "open"
        stands.append(Stand(onderdeel, level, state, passed and passed.taken_on, len(own)))
    return stands


def traject_problems(
    *,
    soort: str,
    status: str,
    started_on: datetime.date | None,
    finished_on: datetime.date | None,
    reden_niet_afgerond: str,
    verwijtbaar: bool | None,
    today: datetime.date,
    allowed: tuple[str, ...],
    map_hours: int = 0,
    min_map_hours: int = 40,
) -> dict[str, str]:
    """What a tracked component's state needs, per field ({} when nothing): it belongs to
    the regime and route; dates are not in the future and in order; finished or stopped has
    its date; stopped has its reason and whether the person is to blame (the GGM's
    verwijtbaarheid); a completed MAP has its 40 practical hours (domain.md §4a)."""
    problems = {}
    if soort not in allowed:
        problems["status"] = _("This component is not part of this person's duty.")
        return problems
    for name, value in (("started_on", started_on), ("finished_on", finished_on)):
        if value is not None and value > today:
            problems[name] = _("This date cannot be in the future.")
    if started_on and finished_on and finished_on < started_on:
        problems["finished_on"] = _("It cannot finish before it started.")
    if status in ("lopend", "afgerond", "niet_afgerond") and started_on is None:
        problems.setdefault("started_on", _("Fill in when it started."))
    if status in ("afgerond", "niet_afgerond") and finished_on is None:
        problems.setdefault("finished_on", _("Fill in when it finished."))
    if status in ("niet_gestart", "lopend") and finished_on is not None:
        problems.setdefault("finished_on", _("Only a finished component has an end date."))
    if status == "niet_afgerond":
        if not reden_niet_afgerond.strip():
            problems["reden_niet_afgerond"] = _("Say why it was not completed.")
        if verwijtbaar is None:
            problems["verwijtbaar"] = _("Say whether the person is to blame.")
    if soort == "map" and status == "afgerond" and map_hours < min_map_hours:
        problems["status"] = _(
            "The MAP is completed only after at least %(min)s practical hours; %(hours)s have "
            "been recorded in progress talks."
        ) % {"min": min_map_hours, "hours": map_hours}
    return problems


@dataclass(frozen=True)
class ChartPoint:
    """One bar of the lesson-hours chart: the running total reported at a talk, and the hours
    added since the talk before."""

    day: datetime.date
    total: int
    added: int
    x: int
    y: int
    height: int


CHART_HEIGHT = 120
CHART_BAR = 28
CHART_GAP = 8


def chart_width(bars: int) -> int:
    """The drawing's width: the bars and room for the axis label on the left."""
    return bars * (CHART_BAR + CHART_GAP) + 40


def lesson_chart(
    totals: list[tuple[datetime.date, int]], *, target: int
) -> tuple[list[ChartPoint], int]:
    """Bars of the running total of lesson hours at each talk (oldest first), scaled so the
    higher of the last total and ``target`` (afschalen's 600 hours) fills the chart; returns
    the bars and the y of the target line."""
    scale = max([target, 1, *(total for _day, total in totals)])
    points, previous = [], 0
    for index, (day, total) in enumerate(totals):
        height = round(total * CHART_HEIGHT / scale)
        x = index * (CHART_BAR + CHART_GAP)
        points.append(ChartPoint(day, total, total - previous, x, CHART_HEIGHT - height, height))
        previous = total
    return points, CHART_HEIGHT - round(target * CHART_HEIGHT / scale)
