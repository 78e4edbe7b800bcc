"""The terms of an objection (bezwaar) against a decision such as the PIP; pure functions,
unit-tested.

- Algemene wet bestuursrecht (Awb): the objection term is six weeks (art. 6:7) and starts the
  day after the decision was made known (art. 6:8), by handing it over or sending it (art.
  3:41); the college decides within six weeks, twelve when an advisory committee hears the
  objection, from the day after the objection term ended (art. 7:10 lid 1), and may extend
  that once by six weeks (art. 7:10 lid 3).
- Algemene termijnenwet (Atw): a term set by law that ends on a Saturday, a Sunday or a
  generally recognised holiday ends on the next day that is none of these (art. 1); the
  holidays are those of art. 3 lid 1.

These sources are not in domain.md; decision 0025 names them.
"""

from __future__ import annotations

import datetime

from dateutil.easter import easter

from inburgering.dates import shift

OBJECTION_TERM = datetime.timedelta(weeks=6)
DECISION_TERM = datetime.timedelta(weeks=6)
DECISION_TERM_WITH_COMMITTEE = datetime.timedelta(weeks=12)


def holidays(year: int) -> frozenset[datetime.date]:
    """The generally recognised holidays of art. 3 lid 1 Atw in ``year``: New Year's Day,
    Easter Monday, Ascension Day, Whit Monday, King's Day (27 April, the 26th when the 27th
    is a Sunday), 5 May and both Christmas days."""
    sunday = easter(year)
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = datetime.date(year, 4, 26)
    return frozenset(
        {
            datetime.date(year, 1, 1),
            sunday + datetime.timedelta(days=1),
            sunday + datetime.timedelta(days=39),
            sunday + datetime.timedelta(days=50),
            kings_day,
            datetime.date(year, 5, 5),
            datetime.date(year, 12, 25),
            datetime.date(year, 12, 26),
        }
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def term_end(last_day: datetime.date) -> datetime.date:
    """The last day of a statutory term, moved past weekends and holidays (art. 1 Atw)."""
    day = last_day
    while day < datetime.date.max and not is_working_day(day):
        day = shift(day, datetime.timedelta(days=1))
    return day


def objection_deadline(made_known_on: datetime.date) -> datetime.date:
    """The last day an objection is in time: six weeks from the day after the decision was
    made known, so the same weekday six weeks later (art. 6:7, 6:8 Awb), then art. 1 Atw."""
    return term_end(shift(made_known_on, OBJECTION_TERM))


def decision_deadline(made_known_on: datetime.date, *, committee: bool = False) -> datetime.date:
    """The last day for the decision on an objection: six weeks (twelve with an advisory
    committee) from the day after the objection term ended (art. 7:10 lid 1 Awb)."""
    term = DECISION_TERM_WITH_COMMITTEE if committee else DECISION_TERM
    return term_end(shift(objection_deadline(made_known_on), term))


def objection_in_time(received_on: datetime.date, made_known_on: datetime.date) -> bool:
    """Received on or before the term's last day. An objection received later may still be
    in time when posted before the end (art. 6:9 lid 2 Awb) or excusable (art. 6:11): the
    regisseur says so in the outcome, the app only flags it."""
    return received_on <= objection_deadline(made_known_on)
