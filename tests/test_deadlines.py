"""The PIP deadline: which date starts the term, calendar edges, and the caseload signals."""

import datetime

import pytest

from inburgering.deadlines import (
    PIP_DEADLINE_WEEKS_DEFAULT,
    DeadlineStatus,
    days_remaining,
    pip_deadline,
    pip_deadline_status,
)

D = datetime.date


def test_the_default_term_is_ten_weeks():
    assert PIP_DEADLINE_WEEKS_DEFAULT == 10


@pytest.mark.parametrize(
    ("kennisgeving", "brp_inschrijving", "expected"),
    [
        # Leap year: 31 days of January plus 29 of February before 11 March.
        pytest.param(D(2024, 1, 1), None, D(2024, 3, 11), id="leap-year-from-new-year"),
        # Crossing the year and landing exactly on the leap day.
        pytest.param(D(2023, 12, 21), None, D(2024, 2, 29), id="across-year-onto-leap-day"),
        pytest.param(D(2024, 2, 29), None, D(2024, 5, 9), id="start-on-leap-day"),
        # 2027 into 2028: the leap day 2028-02-29 is inside the term.
        pytest.param(D(2027, 12, 31), None, D(2028, 3, 10), id="across-2028-02-29"),
        pytest.param(D(2027, 12, 21), None, D(2028, 2, 29), id="2027-onto-2028-02-29"),
        # The same start a year earlier has no leap day, so the deadline is a day later.
        pytest.param(D(2026, 12, 31), None, D(2027, 3, 11), id="across-non-leap-february"),
        pytest.param(D(2023, 1, 1), None, D(2023, 3, 12), id="non-leap-year-from-new-year"),
    ],
)
def test_calendar_edges(kennisgeving, brp_inschrijving, expected):
    assert pip_deadline(kennisgeving=kennisgeving, brp_inschrijving=brp_inschrijving) == expected


@pytest.mark.parametrize(
    ("kennisgeving", "brp_inschrijving", "expected"),
    [
        pytest.param(D(2024, 1, 1), D(2024, 2, 1), D(2024, 4, 11), id="registration-later-wins"),
        pytest.param(D(2024, 3, 1), D(2024, 1, 15), D(2024, 5, 10), id="notice-later-wins"),
        pytest.param(D(2024, 1, 1), D(2024, 1, 1), D(2024, 3, 11), id="same-day"),
        pytest.param(D(2024, 1, 1), None, D(2024, 3, 11), id="only-notice"),
        pytest.param(None, D(2023, 12, 21), D(2024, 2, 29), id="only-registration"),
        pytest.param(None, None, None, id="neither"),
    ],
)
def test_the_later_date_starts_the_term(kennisgeving, brp_inschrijving, expected):
    assert pip_deadline(kennisgeving=kennisgeving, brp_inschrijving=brp_inschrijving) == expected


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [
        (12, D(2024, 3, 25)),
        (1, D(2024, 1, 8)),
        (52, D(2024, 12, 30)),
    ],
)
def test_custom_number_of_weeks(weeks, expected):
    deadline = pip_deadline(kennisgeving=D(2024, 1, 1), brp_inschrijving=None, weeks=weeks)
    assert deadline == expected


@pytest.mark.parametrize(
    ("deadline", "today", "expected"),
    [
        pytest.param(D(2024, 3, 11), D(2024, 3, 11), 0, id="on-the-day"),
        pytest.param(D(2024, 3, 11), D(2024, 3, 12), -1, id="one-day-late"),
        pytest.param(D(2024, 3, 11), D(2024, 3, 10), 1, id="one-day-left"),
        pytest.param(D(2024, 3, 1), D(2024, 2, 28), 2, id="over-leap-day"),
        pytest.param(D(2023, 3, 1), D(2023, 2, 28), 1, id="no-leap-day"),
        pytest.param(D(2025, 1, 2), D(2024, 12, 31), 2, id="over-new-year"),
        pytest.param(D(2024, 3, 11), D(2024, 4, 11), -31, id="a-month-late"),
    ],
)
def test_days_remaining(deadline, today, expected):
    assert days_remaining(deadline, today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(
            D(2024, 3, 11), DeadlineStatus(D(2024, 3, 11), 0, False, True), id="on-the-day"
        ),
        pytest.param(
            D(2024, 3, 12), DeadlineStatus(D(2024, 3, 11), -1, True, False), id="overdue-by-one"
        ),
        pytest.param(
            D(2024, 2, 26), DeadlineStatus(D(2024, 3, 11), 14, False, True), id="warn-edge"
        ),
        pytest.param(
            D(2024, 2, 25), DeadlineStatus(D(2024, 3, 11), 15, False, False), id="before-warning"
        ),
        pytest.param(
            D(2024, 1, 1), DeadlineStatus(D(2024, 3, 11), 70, False, False), id="on-the-start"
        ),
    ],
)
def test_status_signals(today, expected):
    status = pip_deadline_status(kennisgeving=D(2024, 1, 1), brp_inschrijving=None, today=today)
    assert status == expected


def test_status_fields_by_name():
    status = pip_deadline_status(
        kennisgeving=D(2024, 1, 1), brp_inschrijving=D(2024, 2, 1), today=D(2024, 4, 12)
    )
    assert status is not None
    assert status.deadline == D(2024, 4, 11)
    assert status.days_remaining == -1
    assert status.overdue is True
    assert status.due_soon is False


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(D(2024, 3, 18), DeadlineStatus(D(2024, 3, 25), 7, False, True), id="in"),
        pytest.param(D(2024, 3, 17), DeadlineStatus(D(2024, 3, 25), 8, False, False), id="out"),
    ],
)
def test_status_with_custom_weeks_and_warning(today, expected):
    status = pip_deadline_status(
        kennisgeving=D(2024, 1, 1), brp_inschrijving=None, today=today, weeks=12, warn_days=7
    )
    assert status == expected


def test_no_status_without_any_start_date():
    assert (
        pip_deadline_status(kennisgeving=None, brp_inschrijving=None, today=D(2024, 1, 1)) is None
    )


def test_status_is_immutable():
    status = pip_deadline_status(
        kennisgeving=D(2024, 1, 1), brp_inschrijving=None, today=D(2024, 1, 1)
    )
    with pytest.raises(AttributeError):
        status.overdue = True
