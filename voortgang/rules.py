"""When the next talk falls, what makes a reminder, and what a conclusion needs; pure functions.

Each reminder rule looks at one fact on one day and answers with a ``Cause`` or None. The
cause's key includes the date it is about, so a moved talk or a new follow-up date is a new
cause, and the same fact on the next day is the same cause (the job stays idempotent).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from inburgering.choices import Leefgebied
from inburgering.dates import shift
from inburgering.deadlines import DeadlineStatus
from pip_plans.rules import ALLOWED, RuleDecision

TALK_WARN_DAYS = 7
SCHAKEL_WARN_DAYS = 60
NOTE_REMINDER_DAYS_DEFAULT = 30
TERMIJN_WARN_MONTHS = 6
BOETE_MAX_EUR_DEFAULT = 800


def next_talk_date(
    *, last_held: datetime.date | None, plan_date: datetime.date | None, weeks: int, today
) -> datetime.date:
    """The proposed date of the next progress talk: the agreed frequency after the last talk,
    or after the plan's date when there was none; never in the past, where no one can meet."""
    base = last_held or plan_date
    if base is None:
        return today
    return max(shift(base, datetime.timedelta(weeks=weeks)), today)


@dataclass(frozen=True)
class Cause:
    """Why a reminder exists: its kind, a key unique to the fact and its date, the due day."""

    soort: str
    key: str
    due_on: datetime.date
    dossier_id: int
    gesprek_id: int | None = None
    signaal_id: int | None = None
    notitie_id: int | None = None
    afspraak_id: int | None = None


def talk_due(
    *, gesprek_id: int, dossier_id: int, planned_on, today, warn_days: int = TALK_WARN_DAYS
) -> Cause | None:
    """A planned talk within ``warn_days`` from today, or already overdue."""
    if (planned_on - today).days > warn_days:
        return None
    return Cause(
        "gesprek", f"gesprek:{gesprek_id}:{planned_on}", planned_on, dossier_id, gesprek_id
    )


def signal_overdue(*, signaal_id: int, dossier_id: int, follow_up_on, today) -> Cause | None:
    """An open signal whose follow-up date has passed (the date itself is still in time)."""
    if follow_up_on >= today:
        return None
    return Cause(
        "signaal",
        f"signaal:{signaal_id}:{follow_up_on}",
        follow_up_on,
        dossier_id,
        signaal_id=signaal_id,
    )


def partner_note(
    *,
    notitie_id: int,
    dossier_id: int,
    written_on: datetime.date,
    today: datetime.date,
    days: int = NOTE_REMINDER_DAYS_DEFAULT,
) -> Cause | None:
    """A chain partner's progress note outside a talk, for the municipality to read: news for
    ``days`` days from the day it was written (that day included). An older note is history,
    read on the dossier and in the next talk, no longer an item to act on."""
    if not 0 <= (today - written_on).days < days:
        return None
    return Cause(
        "notitie",
        f"notitie:{notitie_id}:{written_on}",
        written_on,
        dossier_id,
        notitie_id=notitie_id,
    )


def pip_deadline_near(*, dossier_id: int, status: DeadlineStatus | None) -> Cause | None:
    """The PIP deadline is close (see inburgering.deadlines) or has passed."""
    if status is None or not (status.due_soon or status.overdue):
        return None
    return Cause(
        "pip_termijn", f"pip_termijn:{dossier_id}:{status.deadline}", status.deadline, dossier_id
    )


def afspraak_overdue(*, afspraak_id: int, dossier_id: int, uiterlijk, today) -> Cause | None:
    """An agreement of the plan in force, not done, whose date has passed (the date itself
    is still in time)."""
    if uiterlijk is None or uiterlijk >= today:
        return None
    return Cause(
        "afspraak",
        f"afspraak:{afspraak_id}:{uiterlijk}",
        uiterlijk,
        dossier_id,
        afspraak_id=afspraak_id,
    )


def waiting_for_regisseur(*, dossier_id: int, today) -> Cause:
    """A running dossier without a regisseur (registered by the teamleider, or back in the
    queue because its regisseur left): its team leads hear of it once, from the day it is
    seen, until someone is assigned."""
    return Cause("wachtrij", f"wachtrij:{dossier_id}", today, dossier_id)


def schakel_window_closing(
    *, dossier_id: int, schakel_deadline, today, warn_days: int = SCHAKEL_WARN_DAYS
) -> Cause | None:
    """The last day to switch route is within ``warn_days``; once it has passed, nothing can
    be done any more, so there is nothing to remind of."""
    if not 0 <= (schakel_deadline - today).days <= warn_days:
        return None
    return Cause(
        "schakelen", f"schakelen:{dossier_id}:{schakel_deadline}", schakel_deadline, dossier_id
    )


def termijn_ending(
    *, dossier_id: int, termijn_end, today, months: int = TERMIJN_WARN_MONTHS
) -> Cause | None:
    """The integration term ends within ``months`` (or has ended while the plan still runs)."""
    if termijn_end > shift(today, relativedelta(months=months)):
        return None
    return Cause(
        "termijn_einde", f"termijn_einde:{dossier_id}:{termijn_end}", termijn_end, dossier_id
    )


def check_maatregel(
    *, maatregel: str, boete_eur: int | None, max_eur: int = BOETE_MAX_EUR_DEFAULT
) -> RuleDecision:
    """A fine needs an amount of at most the legal maximum (€800, Wi2021 art. 23; domain.md
    §2b); a warning has no amount."""
    if maatregel == "boete":
        if not boete_eur:
            return RuleDecision(False, _("Enter the amount of the fine."))
        if boete_eur > max_eur:
            return RuleDecision(False, _("A fine is at most €%(max)s.") % {"max": max_eur})
    elif boete_eur:
        return RuleDecision(False, _("Only a fine has an amount."))
    return ALLOWED


def domein_of(leefgebied: str) -> str:
    """The partner domain of a leefgebied, or "" for taal, gezondheid and sociaal netwerk."""
    return Leefgebied(leefgebied).domein or ""


def organisation_may_own(leefgebied: str, domeinen: list[str]) -> RuleDecision:
    """A partner organisation may own a signal only in a domain it works in; health and the
    other leefgebieden without a partner domain stay with the municipality."""
    domein = domein_of(leefgebied)
    if domein and domein in domeinen:
        return ALLOWED
    return RuleDecision(
        False, _("This chain partner does not work in this life domain; choose a colleague.")
    )


def check_signaal_status(*, status: str, resolution: str) -> RuleDecision:
    """A signal is only resolved with a note of how: the next reader must know what was done."""
    if status == "afgehandeld" and not resolution.strip():
        return RuleDecision(False, _("Describe how the signal was resolved."))
    return ALLOWED


def ontzorgen_ending(
    *, dossier_id: int, end: datetime.date, today: datetime.date, warn_days: int = 28
) -> Cause | None:
    """Ontzorgen ends within ``warn_days`` (its six months, or earlier because bijstand stops):
    the regisseur arranges the person's own payments. Once it has ended there is nothing left
    to prepare."""
    if not 0 <= (end - today).days <= warn_days:
        return None
    return Cause("ontzorgen", f"ontzorgen:{dossier_id}:{end}", end, dossier_id)
