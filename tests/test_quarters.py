"""Quarters, the monitor's and the quarterly delivery's unit: pure functions."""

import datetime

import pytest

from inburgering.dates import Quarter, quarters_between
from voortgang.monitor.filters import default_period, quarter_choices

D = datetime.date


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (D(2024, 3, 31), Quarter(2024, 1)),
        (D(2024, 4, 1), Quarter(2024, 2)),
        (D(2024, 2, 29), Quarter(2024, 1)),
        (D(2026, 12, 31), Quarter(2026, 4)),
        (D(2027, 1, 1), Quarter(2027, 1)),
    ],
)
def test_the_quarter_of_a_day(day, quarter):
    assert Quarter.of(day) == quarter
    assert quarter.first_day <= day <= quarter.last_day


def test_first_and_last_days_and_neighbours():
    q1 = Quarter(2024, 1)
    assert (q1.first_day, q1.last_day) == (D(2024, 1, 1), D(2024, 3, 31))
    assert Quarter(2024, 4).last_day == D(2024, 12, 31)
    assert Quarter(2024, 4).next() == Quarter(2025, 1)
    assert q1.previous() == Quarter(2023, 4)
    assert (str(q1), q1.label) == ("2024-K1", "K1 2024")


@pytest.mark.parametrize(
    "text", ["2024-K5", "2024-K0", "24-K1", "٢٠٢٤-K1", "2024-K١", "", "2024K1"]
)
def test_only_a_plain_quarter_is_read(text):
    assert Quarter.parse(text) is None


def test_a_period_of_quarters():
    assert quarters_between(Quarter(2025, 3), Quarter(2026, 2)) == [
        Quarter(2025, 3),
        Quarter(2025, 4),
        Quarter(2026, 1),
        Quarter(2026, 2),
    ]
    assert quarters_between(Quarter(2026, 2), Quarter(2025, 3)) == []
    assert default_period(D(2026, 11, 26)) == (Quarter(2026, 1), Quarter(2026, 4))
    assert quarter_choices(D(2026, 11, 26))[0] == ("2026-K4", "K4 2026")
