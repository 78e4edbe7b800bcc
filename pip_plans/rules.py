"""When the inburgeringstermijn runs and when a PIP may change route; pure functions."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from inburgering.choices import Leerroute
from inburgering.dates import day_before, shift
from inburgering.law import rules_of

TERMIJN_YEARS_DEFAULT = 3
SCHAKEL_MONTHS_DEFAULT = 18
AFSCHALEN_MIN_LESUREN_DEFAULT = 600


def termijn_start(first_dagtekening: datetime.date) -> datetime.date:
    """The first day of the inburgeringstermijn: the day after the first PIP's dagtekening.

    Only the first vastgestelde PIP counts: later versions, re-decisions after bezwaar or
    beroep and partial revocations never move the start (Wi2021; domain.md §2, step 9).
    """
    return shift(first_dagtekening, datetime.timedelta(days=1))


def _last_day(start: datetime.date, period: relativedelta) -> datetime.date:
    """The last day of a period of months or years from ``start``: the day before the day
    with the start's number in the end month; when that month has no such day (31 March plus
    18 months: there is no 31 September), the last day of that month (the civil-law
    convention for periods: the period ends with the month).

    relativedelta already clamps to the month's last day; a clamped date is the end itself.
    """
    anniversary = shift(start, period)
    if anniversary.day != start.day:  # the end month has no day with the start's number
        return anniversary
    return day_before(anniversary)


def termijn_end(start: datetime.date, *, years: int = TERMIJN_YEARS_DEFAULT) -> datetime.date:
    """The last day of the termijn: the day by which the inburgeringsplicht must be met.

    The period runs up to, not including, the anniversary of the start: a three-year
    termijn from 2025-03-01 ends on 2028-02-29. From a leap day there is no anniversary in a
    common year, so the termijn ends with February: from 2024-02-29 on 2027-02-28.
    """
    return _last_day(start, relativedelta(years=years))


def schakel_deadline(
    start: datetime.date, *, months: int = SCHAKEL_MONTHS_DEFAULT
) -> datetime.date:
    """The last day on which the college may still schakelen to another leerroute.

    Same convention as termijn_end: the window ends the day before the start plus the
    months, or with the end month when it has no such day (from 31 March, 30 September;
    domain.md §2, step 10).
    """
    return _last_day(start, relativedelta(months=months))


@dataclass(frozen=True)
class RuleDecision:
    """Whether a PIP change is allowed and, if not, a sentence saying why for the page."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = RuleDecision(allowed=True)


def check_schakelen(
    *,
    from_route: str,
    to_route: str,
    termijn_start: datetime.date | None,
    on: datetime.date,
    months: int = SCHAKEL_MONTHS_DEFAULT,
) -> RuleDecision:
    """Whether schakelen from one leerroute to another is allowed on a given day.

    Within the first months of the termijn any switch is allowed; later only from the
    onderwijsroute to the B1-route, because a student who drops out must still be able to
    finish an inburgering (also in an extended or new termijn). Without a vastgestelde PIP
    no termijn runs yet, so nothing limits the choice.
    """
    if from_route == to_route:
        return RuleDecision(
            False, _("This is the current learning route; switching needs another route.")
        )
    if from_route == Leerroute.ONDERWIJS and to_route == Leerroute.B1:
        return ALLOWED
    if termijn_start is None:
        return ALLOWED
    deadline = schakel_deadline(termijn_start, months=months)
    if on <= deadline:
        return ALLOWED
    return RuleDecision(
        False,
        _(
            "Switching route is only allowed within %(months)s months of the start of the "
            "integration term, so until %(date)s. Only a switch from the education route to "
            "the B1 route is allowed later."
        )
        % {"months": months, "date": deadline.strftime("%d-%m-%Y")},
    )


def check_afschalen(
    *, route: str, lesuren: int, min_lesuren: int = AFSCHALEN_MIN_LESUREN_DEFAULT
) -> RuleDecision:
    """Whether afschalen from B1 to A2 is allowed: only in the B1-route, after enough lessons.

    The onderwijsroute and Z-route have no A2 level to fall back to; the minimum of
    lesuren shows the person really tried (Besluit art. 5.5; domain.md §4a).
    """
    if route != Leerroute.B1:
        return RuleDecision(False, _("Lowering to A2 is only possible in the B1 route."))
    if lesuren < min_lesuren:
        message = _(
            "Lowering to A2 needs at least %(min)s recorded lesson hours; "
            "%(hours)s have been recorded."
        )
        return RuleDecision(False, message % {"min": min_lesuren, "hours": lesuren})
    return ALLOWED


def check_verhuizing(*, from_route: str, to_route: str) -> RuleDecision:
    """Whether the new municipality's PIP keeps the leerroute, as the law requires on a move."""
    if from_route != to_route:
        return RuleDecision(
            False, _("After a move the learning route of the previous municipality is kept.")
        )
    return ALLOWED


def dagtekening_problem(
    dagtekening: datetime.date, *, today: datetime.date, previous: datetime.date | None = None
) -> str:
    """Why a decision cannot carry this date ("" when it can): not in the future, and not
    before the previous version's decision."""
    if dagtekening > today:
        return _("The date of the decision cannot be in the future.")
    if previous is not None and dagtekening < previous:
        return _(
            "The date of the decision cannot be before that of the previous version (%(date)s)."
        ) % {"date": previous.strftime("%d-%m-%Y")}
    return ""


def check_vaststelling(
    *,
    dagtekening: datetime.date,
    today: datetime.date,
    reden: str,
    to_route: str,
    previous_dagtekening: datetime.date | None = None,
    from_route: str | None = None,
    termijn_start: datetime.date | None = None,
    months: int = SCHAKEL_MONTHS_DEFAULT,
    lowered_to_a2: bool = False,
    recorded_lesuren: int = 0,
    min_lesuren: int = AFSCHALEN_MIN_LESUREN_DEFAULT,
) -> RuleDecision:
    """Whether a concept may become the decision on its dagtekening, whatever path produced
    the draft: the date is not in the future nor before the previous decision's; a new
    leerroute is one the law allows on that date (a move keeps the route; otherwise the
    schakel rules, measured at the dagtekening, not at the day the change was started); and
    levels lowered to A2 need the lesson hours recorded in talks (``recorded_lesuren``)."""
    problem = dagtekening_problem(dagtekening, today=today, previous=previous_dagtekening)
    if problem:
        return RuleDecision(False, problem)
    if from_route is not None and lowered_to_a2:
        decision = check_afschalen(
            route=from_route, lesuren=recorded_lesuren, min_lesuren=min_lesuren
        )
        if not decision:
            return decision
    if from_route is None or from_route == to_route:
        return ALLOWED
    if reden == "verhuizing":
        return check_verhuizing(from_route=from_route, to_route=to_route)
    return check_schakelen(
        from_route=from_route,
        to_route=to_route,
        termijn_start=termijn_start,
        on=dagtekening,
        months=months,
    )


BEZWAAR_WEEKS = 6


def bezwaar_deadline(dagtekening: datetime.date) -> datetime.date:
    """Last day to object (Awb art. 6:7-6:8): six weeks, counted from the day after sending.

    The decision is taken to be sent on its dagtekening.
    """
    return shift(dagtekening, datetime.timedelta(weeks=BEZWAAR_WEEKS))


ONTZORGEN_MONTHS_DEFAULT = 6


def qualifies_for_ontzorgen(*, doelgroep: str, regime: str, bijstand: bool) -> bool:
    """Pw art. 56a: asylum permit holders under the Wi2021 who receive social assistance."""
    return doelgroep == "asielstatushouder" and rules_of(regime).ontzorgen and bijstand


def ontzorgen_planned_end(
    start: datetime.date, *, months: int = ONTZORGEN_MONTHS_DEFAULT
) -> datetime.date:
    """The first six months from the start of the social assistance: the last day of them."""
    return _last_day(start, relativedelta(months=months))
