"""When the inburgeringstermijn runs and when a PIP may change route; pure functions."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from inburgering import plausibility
from inburgering.choices import Leerroute
from inburgering.dates import day_before, shift
from inburgering.law import rules_of

TERMIJN_YEARS_DEFAULT = 3
SCHAKEL_MONTHS_DEFAULT = 18
AFSCHALEN_MIN_LESUREN_DEFAULT = 600


# The exam level a new plan starts from per route (domain.md §4a): B1 in the B1-route and the
# onderwijsroute (B2 is a choice to make), no central exam in the Z-route.
ROUTE_LEVELS = {Leerroute.B1: "b1", Leerroute.ONDERWIJS: "b1", Leerroute.Z: ""}


def starting_levels(route: str) -> dict[str, str]:
    """The four language levels a new plan is prefilled with for its route."""
    level = ROUTE_LEVELS.get(route, "")
    return {f"niveau_{part}": level for part in ("lezen", "luisteren", "schrijven", "spreken")}


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


ONTZORGEN_MONTHS_DEFAULT = 6


def qualifies_for_ontzorgen(
    *, doelgroep: str, regime: str, verblijfsvergunning: str, bijstand_start: datetime.date | None
) -> bool:
    """Pw art. 56a: asylum permit holders under the Wi2021 with an asylum permit who receive
    social assistance; not a nareiziger with a regular permit, not under the Wi2013
    (domain.md §6)."""
    return (
        doelgroep == "asielstatushouder"
        and verblijfsvergunning == "asiel"
        and rules_of(regime).ontzorgen
        and bijstand_start is not None
    )


def ontzorgen_planned_end(
    start: datetime.date, *, months: int = ONTZORGEN_MONTHS_DEFAULT
) -> datetime.date:
    """The first six months from the start of the social assistance: the last day of them."""
    return _last_day(start, relativedelta(months=months))


@dataclass(frozen=True)
class OntzorgenPeriod:
    """When ontzorgen runs: from the first day of bijstand for six months, or until the last
    day of bijstand when that comes first."""

    start: datetime.date
    planned_end: datetime.date
    end: datetime.date

    @property
    def ended_early(self) -> bool:
        return self.end < self.planned_end


def ontzorgen_period(
    *,
    bijstand_start: datetime.date,
    bijstand_end: datetime.date | None,
    months: int = ONTZORGEN_MONTHS_DEFAULT,
) -> OntzorgenPeriod:
    planned = ontzorgen_planned_end(bijstand_start, months=months)
    end = min(planned, bijstand_end) if bijstand_end is not None else planned
    return OntzorgenPeriod(start=bijstand_start, planned_end=planned, end=end)


# --- DUO's decisions and the termijn they move (domain.md §2a, §2b) ---------------------------

DUO_NIEUWE_TERMIJN_MONTHS_DEFAULT = 24


def extended_end(end: datetime.date, months: int) -> datetime.date:
    """The last day of a termijn extended by ``months``: the extension is a period that
    starts the day after the old end (same convention as termijn_end)."""
    return _last_day(shift(end, datetime.timedelta(days=1)), relativedelta(months=months))


def new_term_end(
    dagtekening: datetime.date, *, months: int = DUO_NIEUWE_TERMIJN_MONTHS_DEFAULT
) -> datetime.date:
    """The end DUO usually gives the new termijn that follows a fine: a period from the day
    after the fine (the letter decides; this is the default when it states none)."""
    return extended_end(dagtekening, months)


@dataclass(frozen=True)
class Termijn:
    """The inburgeringstermijn as DUO's decisions left it."""

    start: datetime.date
    base_end: datetime.date
    end: datetime.date
    extended_months: int = 0
    fined: bool = False
    released: bool = False  # a whole ontheffing or vrijstelling: no duty left
    exempt: frozenset = frozenset()  # exam parts released from

    @property
    def moved(self) -> bool:
        return self.end != self.base_end


def termijn_after_decisions(start: datetime.date, *, years: int, besluiten) -> Termijn:
    """The termijn from its start and DUO's decisions in the order of their dagtekening:
    a verlenging adds its months to the end reached so far, a fine replaces the end with the
    new term's, an ontheffing or vrijstelling releases from the whole duty (no parts named)
    or from the parts named. ``besluiten`` are rows with ``soort``, ``dagtekening``,
    ``maanden``, ``nieuwe_einddatum`` and ``onderdelen``."""
    base = termijn_end(start, years=years)
    end, months, fined, released, exempt = base, 0, False, False, set()
    for besluit in sorted(besluiten, key=lambda b: b.dagtekening):
        if besluit.soort == "verlenging":
            end = extended_end(end, besluit.maanden)
            months += besluit.maanden
        elif besluit.soort == "boete":
            end, fined = besluit.nieuwe_einddatum, True
        elif besluit.onderdelen:
            exempt |= set(besluit.onderdelen)
        else:
            released = True
    return Termijn(start, base, end, months, fined, released, frozenset(exempt))


VERLENGING_MAX_MONTHS = 60


def duo_besluit_problems(
    *,
    soort: str,
    dagtekening: datetime.date | None,
    today: datetime.date,
    duty_start: datetime.date | None,
    termijn: Termijn | None,
    maanden: int | None = None,
    bedrag_eur: int | None = None,
    nieuwe_einddatum: datetime.date | None = None,
    verwijtbaar: bool | None = None,
    max_boete_eur: int = 1250,
) -> dict[str, str]:
    """What is wrong with a DUO decision as typed, per field ({} when nothing): dated between
    the start of the duty and today; a verlenging or fine needs a running termijn, the months
    or the amount and the new end its letter states."""
    problems = {}
    if dagtekening is not None:
        if dagtekening > today:
            problems["dagtekening"] = _("A decision of DUO cannot be dated in the future.")
        elif duty_start is not None and dagtekening < duty_start:
            problems["dagtekening"] = _(
                "A decision of DUO cannot be dated before the duty started (%(date)s)."
            ) % {"date": duty_start.strftime("%d-%m-%Y")}
    if termijn is not None and termijn.released:
        problems["soort"] = _("DUO has already released this person from the whole duty.")
    elif soort in ("verlenging", "boete") and termijn is None:
        problems["soort"] = _(
            "No integration term runs yet: it starts the day after the date of the first plan."
        )
    if soort == "verlenging":
        if not maanden or maanden > VERLENGING_MAX_MONTHS:
            problems["maanden"] = _("Enter the extension in months, from 1 to %(max)s.") % {
                "max": VERLENGING_MAX_MONTHS
            }
        if verwijtbaar is None:
            problems["verwijtbaar"] = _("Say whether DUO found the person to blame.")
    if soort == "boete":
        if not bedrag_eur or bedrag_eur > max_boete_eur:
            problems["bedrag_eur"] = _("Enter the fine in euros, from 1 to %(max)s.") % {
                "max": max_boete_eur
            }
        if nieuwe_einddatum is None:
            problems["nieuwe_einddatum"] = _("Enter the end of the new term DUO gave.")
        elif dagtekening is not None and nieuwe_einddatum <= dagtekening:
            problems["nieuwe_einddatum"] = _("The new term ends after the date of the fine.")
    return problems


def since_decision_problem(
    value: datetime.date, dagtekening: datetime.date | None, *, today: datetime.date
) -> str:
    """A date that follows a fixed version (made known, an objection received): not in the
    future, not before the version's dagtekening."""
    problem = plausibility.past_date_problem(value, today=today)
    if not problem and dagtekening and value < dagtekening:
        problem = _("This date cannot be before the plan's date (%(day)s).") % {
            "day": dagtekening.strftime("%d-%m-%Y")
        }
    return problem
