"""The pure rules of voortgang: the next talk's date, what makes a reminder, and checks."""

import datetime

import pytest

from inburgering.deadlines import pip_deadline_status
from voortgang import rules

D = datetime.date
TODAY = D(2026, 11, 23)


@pytest.mark.parametrize(
    ("last_held", "plan_date", "expected"),
    [
        (D(2026, 11, 2), D(2026, 1, 5), D(2027, 1, 25)),  # 12 weeks after the last talk
        (None, D(2026, 11, 16), D(2027, 2, 8)),  # the first: 12 weeks after the plan
        (D(2026, 6, 1), None, TODAY),  # long overdue: today, never in the past
        (None, None, TODAY),
    ],
)
def test_the_next_talk_follows_the_agreed_frequency(last_held, plan_date, expected):
    assert (
        rules.next_talk_date(last_held=last_held, plan_date=plan_date, weeks=12, today=TODAY)
        == expected
    )


@pytest.mark.parametrize(
    ("planned_on", "reminds"),
    [
        (TODAY + datetime.timedelta(days=8), False),
        (TODAY + datetime.timedelta(days=7), True),
        (TODAY, True),
        (TODAY - datetime.timedelta(days=30), True),
    ],
)
def test_a_talk_reminds_from_seven_days_before_and_while_overdue(planned_on, reminds):
    cause = rules.talk_due(gesprek_id=4, dossier_id=9, planned_on=planned_on, today=TODAY)
    assert (cause is not None) == reminds
    if cause:
        assert (cause.key, cause.due_on, cause.gesprek_id) == (
            f"gesprek:4:{planned_on}",
            planned_on,
            4,
        )


def test_a_moved_talk_is_a_new_cause():
    first = rules.talk_due(gesprek_id=4, dossier_id=9, planned_on=TODAY, today=TODAY)
    moved = rules.talk_due(
        gesprek_id=4, dossier_id=9, planned_on=TODAY + datetime.timedelta(days=1), today=TODAY
    )
    assert first.key != moved.key


def test_a_signal_reminds_the_day_after_its_follow_up_date():
    assert rules.signal_overdue(signaal_id=1, dossier_id=2, follow_up_on=TODAY, today=TODAY) is None
    cause = rules.signal_overdue(
        signaal_id=1, dossier_id=2, follow_up_on=TODAY - datetime.timedelta(days=1), today=TODAY
    )
    assert (cause.soort, cause.signaal_id) == ("signaal", 1)


@pytest.mark.parametrize(
    ("days_left", "reminds"), [(15, False), (14, True), (3, True), (-20, True)]
)
def test_the_pip_deadline_reminds_when_close_or_passed(days_left, reminds):
    kennisgeving = TODAY + datetime.timedelta(days=days_left) - datetime.timedelta(weeks=10)
    status = pip_deadline_status(kennisgeving=kennisgeving, brp_inschrijving=None, today=TODAY)
    cause = rules.pip_deadline_near(dossier_id=3, status=status)
    assert (cause is not None) == reminds


def test_no_pip_deadline_without_its_dates():
    assert rules.pip_deadline_near(dossier_id=3, status=None) is None


@pytest.mark.parametrize(
    ("days_left", "reminds"), [(61, False), (60, True), (0, True), (-1, False)]
)
def test_the_schakel_window_reminds_in_its_last_sixty_days(days_left, reminds):
    deadline = TODAY + datetime.timedelta(days=days_left)
    cause = rules.schakel_window_closing(dossier_id=3, schakel_deadline=deadline, today=TODAY)
    assert (cause is not None) == reminds


@pytest.mark.parametrize(
    ("days_ago", "reminds"), [(-1, False), (0, True), (29, True), (30, False), (400, False)]
)
def test_a_partners_note_reminds_for_thirty_days_from_the_day_it_was_written(days_ago, reminds):
    written_on = TODAY - datetime.timedelta(days=days_ago)
    cause = rules.partner_note(notitie_id=5, dossier_id=3, written_on=written_on, today=TODAY)
    assert (cause is not None) == reminds
    if cause:
        assert (cause.soort, cause.key, cause.due_on, cause.notitie_id) == (
            "notitie",
            f"notitie:5:{written_on}",
            written_on,
            5,
        )


@pytest.mark.parametrize(
    ("end", "reminds"),
    [
        (D(2027, 5, 24), False),
        (D(2027, 5, 23), True),
        (D(2027, 4, 23), True),
        (D(2026, 11, 1), True),
    ],
)
def test_the_termijn_reminds_in_its_last_six_months(end, reminds):
    assert (rules.termijn_ending(dossier_id=3, termijn_end=end, today=TODAY) is not None) == reminds


@pytest.mark.parametrize(
    ("maatregel", "bedrag", "allowed"),
    [
        ("waarschuwing", None, True),
        ("waarschuwing", 100, False),
        ("boete", None, False),
        ("boete", 800, True),
        ("boete", 801, False),
    ],
)
def test_a_fine_has_an_amount_of_at_most_800_euros(maatregel, bedrag, allowed):
    assert bool(rules.check_maatregel(maatregel=maatregel, boete_eur=bedrag)) == allowed


def test_the_maximum_fine_is_a_parameter():
    assert rules.check_maatregel(maatregel="boete", boete_eur=900, max_eur=1000)


@pytest.mark.parametrize(
    ("leefgebied", "domeinen", "allowed"),
    [
        ("inkomen", ["inkomen"], True),
        ("inkomen", ["werk"], False),
        ("gezondheid", ["werk", "inkomen", "jeugd", "wonen"], False),
        ("taal", ["werk"], False),
    ],
)
def test_a_partner_owns_signals_only_in_its_own_domain(leefgebied, domeinen, allowed):
    assert bool(rules.organisation_may_own(leefgebied, domeinen)) == allowed


def test_a_signal_is_resolved_only_with_a_note_of_how():
    assert not rules.check_signaal_status(status="afgehandeld", resolution="  ")
    assert rules.check_signaal_status(status="afgehandeld", resolution="Schuldhulp gestart")
    assert rules.check_signaal_status(status="in_behandeling", resolution="")
