"""The objection terms of the Awb with the Algemene termijnenwet, worked out by hand."""

import datetime

import pytest

from inburgering import awb

D = datetime.date


@pytest.mark.parametrize(
    ("made_known", "deadline"),
    [
        (D(2026, 6, 1), D(2026, 7, 13)),  # Monday: six weeks later, the same weekday
        (D(2025, 3, 3), D(2025, 4, 14)),
        (D(2024, 2, 1), D(2024, 3, 14)),  # across the leap day of 2024
        (D(2026, 2, 27), D(2026, 4, 10)),  # Friday to Friday; no leap day in 2026
        (D(2028, 2, 25), D(2028, 4, 7)),  # across the leap day of 2028
        (D(2026, 11, 14), D(2026, 12, 28)),  # Saturday's end moves to Monday
        (D(2026, 11, 13), D(2026, 12, 28)),  # ends on Friday 25 December: past Christmas
        (D(2026, 3, 23), D(2026, 5, 4)),  # Monday 4 May: Remembrance Day is no holiday
        (D(2027, 3, 17), D(2027, 4, 28)),  # 28 April 2027: a normal Wednesday
        (D(2025, 3, 15), D(2025, 4, 28)),  # Saturday 26 April 2025 (King's Day, the 27th is
        # a Sunday), Sunday: Monday the 28th
        (D(2026, 3, 25), D(2026, 5, 6)),  # Wednesday 6 May 2026
        (D(2026, 3, 24), D(2026, 5, 6)),  # Tuesday 5 May 2026, a holiday: Wednesday
        (D(2026, 4, 2), D(2026, 5, 15)),  # Thursday 14 May 2026, Ascension Day: Friday
        (D(2026, 4, 13), D(2026, 5, 26)),  # Monday 25 May 2026, Whit Monday: Tuesday
        (D(2026, 11, 20), D(2027, 1, 4)),  # Friday 1 January 2027: past the weekend too
    ],
)
def test_the_objection_term_ends_six_weeks_after_the_decision_was_made_known(made_known, deadline):
    assert awb.objection_deadline(made_known) == deadline


def test_easter_monday_and_kings_day_are_holidays():
    assert D(2026, 4, 6) in awb.holidays(2026)  # Easter Monday 2026
    assert D(2026, 4, 27) in awb.holidays(2026)  # King's Day, a Monday
    assert D(2025, 4, 26) in awb.holidays(2025)  # the 27th was a Sunday
    assert D(2026, 4, 3) not in awb.holidays(2026)  # Good Friday is not one (art. 3 Atw)
    assert awb.term_end(D(2026, 4, 4)) == D(2026, 4, 7)  # Saturday, Sunday, Easter Monday


@pytest.mark.parametrize(
    ("committee", "deadline"),
    [(False, D(2026, 8, 24)), (True, D(2026, 10, 5))],
)
def test_the_college_decides_within_six_or_twelve_weeks_after_the_objection_term(
    committee, deadline
):
    # Made known Monday 1 June 2026: objections until Monday 13 July; decision six weeks on.
    assert awb.decision_deadline(D(2026, 6, 1), committee=committee) == deadline


def test_an_objection_on_the_last_day_is_in_time_and_the_day_after_is_flagged():
    assert awb.objection_in_time(D(2026, 7, 13), D(2026, 6, 1))
    assert not awb.objection_in_time(D(2026, 7, 14), D(2026, 6, 1))


def test_the_end_of_the_calendar_does_not_break_the_terms():
    assert awb.objection_deadline(D(9999, 12, 1)) == datetime.date.max
