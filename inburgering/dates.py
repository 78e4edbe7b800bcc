"""Date arithmetic that holds at the ends of the calendar; a pure function, unit-tested.

Deadlines are computed from stored dates. A date typed as 9999-12-31 (or read from an old
system) would make ``date + timedelta`` raise and the page answer 500 until someone repaired
the data; held at the calendar's end, the deadline is simply "9999-12-31" and the page shows
it, so the user sees the typing error and can correct it.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# The zone of every appointment, letter and calendar file: the person lives here.
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")

_REFERENCE = datetime.date(2000, 1, 1)


def shift(day: datetime.date, delta: datetime.timedelta | relativedelta) -> datetime.date:
    """``day + delta``, or the first or last day there is when that lies beyond the calendar."""
    try:
        return day + delta
    except (OverflowError, ValueError):
        return datetime.date.max if _REFERENCE + delta >= _REFERENCE else datetime.date.min


def day_before(day: datetime.date) -> datetime.date:
    return shift(day, datetime.timedelta(days=-1))


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: the unit of the monitor and of the quarterly delivery to CBS."""

    year: int
    number: int  # 1-4

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        """``2026-K3`` (as in a URL) or None for anything else."""
        year, sep, number = (text or "").partition("-K")
        if not (sep and len(year) == 4 and year.isascii() and year.isdecimal()):
            return None
        if number not in ("1", "2", "3", "4"):
            return None
        return cls(int(year), int(number))

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.next().first_day - datetime.timedelta(days=1)

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.year}-K{self.number}"

    @property
    def label(self) -> str:
        return f"K{self.number} {self.year}"


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    """Every quarter from ``first`` up to and including ``last`` (none when reversed)."""
    quarters = []
    quarter = first
    while quarter <= last:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters
