"""Date arithmetic that holds at the ends of the calendar; a pure function, unit-tested.

Deadlines are computed from stored dates. A date typed as 9999-12-31 (or read from an old
system) would make ``date + timedelta`` raise and the page answer 500 until someone repaired
the data; held at the calendar's end, the deadline is simply "9999-12-31" and the page shows
it, so the user sees the typing error and can correct it.
"""

from __future__ import annotations

import datetime
import zoneinfo

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
