"""Which dates are plausible for which field; pure functions, unit-tested.

A date typed wrong is worse than a date left empty: an end date of 1900-01-01 put a dossier on
the night's destruction list, and a kennisgeving on 9999-12-31 broke the deadline computations.
Forms show these messages next to the field; the services ask the same functions, so no other
caller can store what the forms refuse.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1900, 1, 1)
# How far ahead a date of the person's life may lie: a kennisgeving or registration that is
# planned, not a typing error in the year.
LIFE_EVENT_AHEAD = relativedelta(years=1)
# Any other date in a form: appointments, deadlines, shares, follow-ups.
ANY_DATE_AHEAD = relativedelta(years=10)


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def latest_date(today: datetime.date) -> datetime.date:
    """The latest date any date field accepts."""
    return today + ANY_DATE_AHEAD


def any_date_problem(value: datetime.date, *, today: datetime.date) -> str:
    """The bounds of every date field: from 1900 up to ten years ahead."""
    if value < EARLIEST or value > latest_date(today):
        return _("Enter a date between %(first)s and %(last)s.") % {
            "first": _day(EARLIEST),
            "last": _day(latest_date(today)),
        }
    return ""


def past_date_problem(value: datetime.date, *, today: datetime.date) -> str:
    """Something that has happened (an exam taken, a decision received): not in the future."""
    if value > today:
        return _("This date cannot be in the future.")
    return any_date_problem(value, today=today)


def birth_date_problem(birth: datetime.date, *, today: datetime.date) -> str:
    if birth > today:
        return _("The date of birth cannot be in the future.")
    if birth < EARLIEST:
        return _("The date of birth cannot be before %(first)s.") % {"first": _day(EARLIEST)}
    return ""


def life_event_problem(
    value: datetime.date, *, birth: datetime.date | None, today: datetime.date
) -> str:
    """The start of the duty, DUO's kennisgeving, COA's koppeling, the BRP registration: not
    before the person was born, and at most a year ahead."""
    if birth is not None and value < birth:
        return _("This date cannot be before the date of birth.")
    if value > today + LIFE_EVENT_AHEAD:
        return _("This date cannot be more than a year from now.")
    return any_date_problem(value, today=today)


def first_contact(
    *dates: datetime.date | None, registered_on: datetime.date | None
) -> datetime.date | None:
    """The first day the municipality had to do with the person: the earliest of the known
    dates (koppeling, kennisgeving, BRP registration, ...) and the dossier's registration."""
    return min((d for d in (*dates, registered_on) if d is not None), default=None)


def end_date_problem(
    ended_on: datetime.date,
    *,
    birth: datetime.date | None,
    duty_start: datetime.date | None,
    first_contact_on: datetime.date | None,
    today: datetime.date,
) -> str:
    """The end of the duty, from which the retention period runs: a real day, not in the
    future, not before the duty started, the person was born, or the municipality first had
    to do with the person."""
    if ended_on > today:
        return _("The duty cannot end in the future.")
    if duty_start is not None and ended_on < duty_start:
        return _("The duty cannot end before it started.")
    if birth is not None and ended_on < birth:
        return _("The duty cannot end before the date of birth.")
    if first_contact_on is not None and ended_on < first_contact_on:
        return _(
            "The duty cannot end before the municipality first had to do with the person "
            "(%(day)s). Check the year."
        ) % {"day": _day(first_contact_on)}
    return ""


def follow_up_problem(
    value: datetime.date, *, dossier_since: datetime.date | None, today: datetime.date
) -> str:
    """A follow-up date: not before the dossier existed (its first contact), and within the
    general bounds."""
    if dossier_since is not None and value < dossier_since:
        return _("This date cannot be before the dossier was opened (%(day)s).") % {
            "day": _day(dossier_since)
        }
    return any_date_problem(value, today=today)


# An appointment may be recorded a few weeks after it took place (forgotten on the day), and
# is planned at most a year ahead.
APPOINTMENT_BEHIND = datetime.timedelta(days=30)
APPOINTMENT_AHEAD = relativedelta(years=1)


def appointment_date_problem(value: datetime.date, *, today: datetime.date) -> str:
    """The date of an appointment being planned or moved."""
    first, last = today - APPOINTMENT_BEHIND, today + APPOINTMENT_AHEAD
    if value < first or value > last:
        return _("An appointment lies between %(first)s and %(last)s.") % {
            "first": _day(first),
            "last": _day(last),
        }
    return ""
