"""The PIP deadline and how close a dossier is to it; pure functions, unit-tested."""

import datetime
from dataclasses import dataclass

from inburgering.dates import shift

PIP_DEADLINE_WEEKS_DEFAULT = 10
DUE_SOON_DAYS_DEFAULT = 14


def pip_deadline(
    *,
    kennisgeving: datetime.date | None,
    brp_inschrijving: datetime.date | None,
    weeks: int = PIP_DEADLINE_WEEKS_DEFAULT,
) -> datetime.date | None:
    """The last day on which the college may still set the PIP.

    The term runs from DUO's kennisgeving, or from the BRP registration in the municipality
    when that comes later, because a person who is not yet registered cannot be given a plan
    (domain.md §2, step 8). The count is in calendar days, so leap days count like any other;
    the deadline day itself is still in time. None when neither date is known yet: without a
    start there is no term, and a guessed one would be worse than none.
    """
    starts = [d for d in (kennisgeving, brp_inschrijving) if d is not None]
    if not starts:
        return None
    return shift(max(starts), datetime.timedelta(weeks=weeks))


def latest_start_for(
    deadline: datetime.date, *, weeks: int = PIP_DEADLINE_WEEKS_DEFAULT
) -> datetime.date:
    """The latest start of the term (see pip_deadline) whose deadline falls on or before
    ``deadline``: lets a query count deadlines in a window by comparing stored dates."""
    return shift(deadline, -datetime.timedelta(weeks=weeks))


def days_remaining(deadline: datetime.date, today: datetime.date) -> int:
    """Days left until the deadline: 0 on the day itself, negative once it has passed."""
    return (deadline - today).days


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a dossier stands against its PIP deadline on a given day."""

    deadline: datetime.date
    days_remaining: int
    overdue: bool
    due_soon: bool

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_remaining)


def pip_deadline_status(
    *,
    kennisgeving: datetime.date | None,
    brp_inschrijving: datetime.date | None,
    today: datetime.date,
    weeks: int = PIP_DEADLINE_WEEKS_DEFAULT,
    warn_days: int = DUE_SOON_DAYS_DEFAULT,
) -> DeadlineStatus | None:
    """The deadline with the two signals a caseload needs: already late, or late soon.

    Due soon includes the deadline day itself, since the plan can still be set that day;
    overdue starts the day after. None when there is no deadline yet (see pip_deadline).
    """
    deadline = pip_deadline(
        kennisgeving=kennisgeving, brp_inschrijving=brp_inschrijving, weeks=weeks
    )
    if deadline is None:
        return None
    remaining = days_remaining(deadline, today)
    return DeadlineStatus(
        deadline=deadline,
        days_remaining=remaining,
        overdue=remaining < 0,
        due_soon=0 <= remaining <= warn_days,
    )
