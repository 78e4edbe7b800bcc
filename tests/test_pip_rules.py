"""PIP rules: the termijn and its calendar edges, and when schakelen, afschalen and a move
may change the leerroute."""

import calendar
import datetime

import pytest
from django.utils import translation

from inburgering.choices import Leerroute
from pip_plans.rules import (
    AFSCHALEN_MIN_LESUREN_DEFAULT,
    SCHAKEL_MONTHS_DEFAULT,
    TERMIJN_YEARS_DEFAULT,
    RuleDecision,
    check_afschalen,
    check_schakelen,
    check_vaststelling,
    check_verhuizing,
    schakel_deadline,
    termijn_end,
    termijn_start,
)

D = datetime.date
B1, ONDERWIJS, Z = "b1", "onderwijs", "z"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_defaults():
    assert TERMIJN_YEARS_DEFAULT == 3
    assert SCHAKEL_MONTHS_DEFAULT == 18
    assert AFSCHALEN_MIN_LESUREN_DEFAULT == 600


def test_route_values_match_the_choices():
    assert (Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z) == (B1, ONDERWIJS, Z)


@pytest.mark.parametrize(
    ("dagtekening", "expected"),
    [
        pytest.param(D(2025, 3, 10), D(2025, 3, 11), id="normal"),
        pytest.param(D(2024, 12, 31), D(2025, 1, 1), id="across-year"),
        pytest.param(D(2024, 2, 28), D(2024, 2, 29), id="onto-leap-day"),
        pytest.param(D(2023, 2, 28), D(2023, 3, 1), id="no-leap-day"),
    ],
)
def test_termijn_start_is_the_day_after_the_dagtekening(dagtekening, expected):
    assert termijn_start(dagtekening) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        pytest.param(D(2025, 6, 16), 3, D(2028, 6, 15), id="normal"),
        pytest.param(D(2025, 1, 1), 3, D(2027, 12, 31), id="new-year"),
        # The anniversary 2028-03-01 is out, so the leap day is the last day.
        pytest.param(D(2025, 3, 1), 3, D(2028, 2, 29), id="ends-on-leap-day"),
        # 2027 has no 29 February: the termijn ends with February.
        pytest.param(D(2024, 2, 29), 3, D(2027, 2, 28), id="starts-on-leap-day"),
        pytest.param(D(2024, 2, 29), 4, D(2028, 2, 28), id="leap-day-to-leap-year"),
        pytest.param(D(2025, 1, 1), 1, D(2025, 12, 31), id="custom-one-year"),
        pytest.param(D(2025, 5, 20), 5, D(2030, 5, 19), id="custom-five-years"),
    ],
)
def test_termijn_end(start, years, expected):
    assert termijn_end(start, years=years) == expected


def test_termijn_end_defaults_to_three_years():
    assert termijn_end(D(2025, 6, 16)) == D(2028, 6, 15)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(D(2024, 1, 1), 18, D(2025, 6, 30), id="new-year"),
        # There is no 31 February: the window ends with February.
        pytest.param(D(2023, 8, 31), 18, D(2025, 2, 28), id="month-end-clamped"),
        # The case: from 31 March, the last day is 30 September, not the 29th.
        pytest.param(D(2025, 3, 31), 18, D(2026, 9, 30), id="no-31-september"),
        pytest.param(D(2025, 3, 30), 18, D(2026, 9, 29), id="30-september-exists"),
        # 29 August + 18 months is 29 February 2024 itself, so the 28th is the last day.
        pytest.param(D(2022, 8, 29), 18, D(2024, 2, 28), id="anniversary-on-leap-day"),
        # There is no 31 February 2024 either: the window ends on the leap day.
        pytest.param(D(2022, 8, 31), 18, D(2024, 2, 29), id="clamped-onto-leap-day"),
        # From 1 September the anniversary is 1 March, so the leap day is the last day.
        pytest.param(D(2022, 9, 1), 18, D(2024, 2, 29), id="last-day-is-leap-day"),
        pytest.param(D(2025, 1, 15), 12, D(2026, 1, 14), id="custom-months"),
    ],
)
def test_schakel_deadline(start, months, expected):
    assert schakel_deadline(start, months=months) == expected


def _month_ends(year: int) -> list[datetime.date]:
    return [D(year, month, calendar.monthrange(year, month)[1]) for month in range(1, 13)]


@pytest.mark.parametrize(
    "start", _month_ends(2023) + _month_ends(2024), ids=lambda day: day.isoformat()
)
@pytest.mark.parametrize("months", [1, 6, 12, 18, 36])
def test_a_period_from_every_month_end_of_a_common_and_a_leap_year(start, months):
    """From the last day of a month, a period of months ends on the day before the
    same-numbered day of the end month, or with the end month when it has no such day
    (civil-law convention): the end is never more than one day before the month's end."""
    end = schakel_deadline(start, months=months)
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    last_of_month = calendar.monthrange(year, month)[1]
    if start.day > last_of_month:  # no such day: the period ends with the month
        assert end == D(year, month, last_of_month)
    else:
        assert end == D(year, month, start.day) - datetime.timedelta(days=1)
    if months % 12 == 0:  # a termijn of whole years follows the same rule
        assert termijn_end(start, years=months // 12) == end


def test_schakel_deadline_defaults_to_eighteen_months():
    assert schakel_deadline(D(2024, 1, 1)) == D(2025, 6, 30)


def test_rule_decision_is_truthy_when_allowed():
    assert RuleDecision(allowed=True, reason="")
    assert not RuleDecision(allowed=False, reason="no")
    assert bool(RuleDecision(True, "")) is True


def test_schakelen_allowed_on_the_last_day():
    decision = check_schakelen(
        from_route=B1, to_route=Z, termijn_start=D(2024, 1, 1), on=D(2025, 6, 30)
    )
    assert decision == RuleDecision(allowed=True, reason="")


def test_schakelen_refused_the_day_after_with_the_date():
    decision = check_schakelen(
        from_route=B1, to_route=Z, termijn_start=D(2024, 1, 1), on=D(2025, 7, 1)
    )
    assert not decision
    assert decision.reason == (
        "Switching route is only allowed within 18 months of the start of the integration "
        "term, so until 30-06-2025. Only a switch from the education route to the B1 route "
        "is allowed later."
    )


def test_schakelen_from_onderwijs_to_b1_allowed_years_later():
    decision = check_schakelen(
        from_route=ONDERWIJS, to_route=B1, termijn_start=D(2024, 1, 1), on=D(2029, 5, 1)
    )
    assert decision == RuleDecision(allowed=True, reason="")


def test_schakelen_from_b1_to_onderwijs_refused_after_the_window():
    decision = check_schakelen(
        from_route=B1, to_route=ONDERWIJS, termijn_start=D(2024, 1, 1), on=D(2026, 1, 1)
    )
    assert not decision
    assert "30-06-2025" in decision.reason


def test_schakelen_from_onderwijs_to_z_refused_after_the_window():
    decision = check_schakelen(
        from_route=ONDERWIJS, to_route=Z, termijn_start=D(2024, 1, 1), on=D(2025, 7, 1)
    )
    assert not decision


@pytest.mark.parametrize("route", [B1, ONDERWIJS, Z])
def test_schakelen_to_the_same_route_refused(route):
    decision = check_schakelen(
        from_route=route, to_route=route, termijn_start=D(2024, 1, 1), on=D(2024, 2, 1)
    )
    assert decision == RuleDecision(
        allowed=False,
        reason="This is the current learning route; switching needs another route.",
    )


def test_schakelen_to_the_same_route_refused_without_termijn():
    assert not check_schakelen(from_route=B1, to_route=B1, termijn_start=None, on=D(2030, 1, 1))


def test_schakelen_allowed_without_termijn():
    decision = check_schakelen(from_route=B1, to_route=Z, termijn_start=None, on=D(2030, 1, 1))
    assert decision == RuleDecision(allowed=True, reason="")


def test_schakelen_with_custom_months():
    start = D(2025, 1, 15)
    assert check_schakelen(
        from_route=Z, to_route=B1, termijn_start=start, on=D(2026, 1, 14), months=12
    )
    decision = check_schakelen(
        from_route=Z, to_route=B1, termijn_start=start, on=D(2026, 1, 15), months=12
    )
    assert not decision
    assert decision.reason == (
        "Switching route is only allowed within 12 months of the start of the integration "
        "term, so until 14-01-2026. Only a switch from the education route to the B1 route "
        "is allowed later."
    )


def test_afschalen_refused_below_the_minimum():
    decision = check_afschalen(route=B1, lesuren=599)
    assert decision == RuleDecision(
        allowed=False,
        reason="Lowering to A2 needs at least 600 recorded lesson hours; 599 have been recorded.",
    )


@pytest.mark.parametrize("lesuren", [600, 601])
def test_afschalen_allowed_from_the_minimum(lesuren):
    assert check_afschalen(route=B1, lesuren=lesuren) == RuleDecision(allowed=True, reason="")


def test_afschalen_with_custom_minimum():
    assert check_afschalen(route=B1, lesuren=400, min_lesuren=400)
    decision = check_afschalen(route=B1, lesuren=399, min_lesuren=400)
    assert not decision
    assert "at least 400" in decision.reason
    assert "399 have been recorded" in decision.reason


@pytest.mark.parametrize("route", [ONDERWIJS, Z])
def test_afschalen_only_in_the_b1_route(route):
    decision = check_afschalen(route=route, lesuren=1000)
    assert decision == RuleDecision(
        allowed=False, reason="Lowering to A2 is only possible in the B1 route."
    )


@pytest.mark.parametrize("route", [B1, ONDERWIJS, Z])
def test_verhuizing_keeping_the_route_allowed(route):
    assert check_verhuizing(from_route=route, to_route=route) == RuleDecision(
        allowed=True, reason=""
    )


def test_verhuizing_changing_the_route_refused():
    decision = check_verhuizing(from_route=ONDERWIJS, to_route=B1)
    assert decision == RuleDecision(
        allowed=False,
        reason="After a move the learning route of the previous municipality is kept.",
    )


def test_reasons_are_concrete_strings():
    decision = check_afschalen(route=Z, lesuren=0)
    assert type(decision.reason) is str


@pytest.mark.parametrize(
    ("doelgroep", "regime", "permit", "bijstand", "expected"),
    [
        ("asielstatushouder", "wi2021", "asiel", True, True),
        ("asielstatushouder", "wi2021", "asiel", False, False),
        ("asielstatushouder", "wi2021", "regulier", True, False),  # a nareiziger, regular permit
        ("asielstatushouder", "wi2021", "", True, False),  # permit not known
        ("asielstatushouder", "wi2013", "asiel", True, False),
        ("gezinsmigrant", "wi2021", "regulier", True, False),
        ("overige_migrant", "wi2021", "regulier", True, False),
    ],
)
def test_who_qualifies_for_ontzorgen(doelgroep, regime, permit, bijstand, expected):
    from pip_plans.rules import qualifies_for_ontzorgen

    start = datetime.date(2026, 1, 1) if bijstand else None
    assert (
        qualifies_for_ontzorgen(
            doelgroep=doelgroep, regime=regime, verblijfsvergunning=permit, bijstand_start=start
        )
        is expected
    )


def test_ontzorgen_ends_after_six_months():
    from pip_plans.rules import ontzorgen_planned_end

    assert ontzorgen_planned_end(datetime.date(2025, 3, 1)) == datetime.date(2025, 8, 31)
    # No 31 February: the six months end with February.
    assert ontzorgen_planned_end(datetime.date(2025, 8, 31)) == datetime.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("changes", "allowed"),
    [
        pytest.param({}, True, id="same-route"),
        pytest.param({"dagtekening": D(2025, 11, 27)}, False, id="in-the-future"),
        pytest.param({"dagtekening": D(2024, 1, 4)}, False, id="before-the-previous"),
        pytest.param({"dagtekening": D(2024, 1, 5)}, True, id="same-day-as-the-previous"),
        pytest.param({"to_route": Z, "dagtekening": D(2025, 7, 5)}, True, id="switch-in-window"),
        pytest.param({"to_route": Z}, False, id="switch-after-window"),
        pytest.param({"from_route": ONDERWIJS}, True, id="onderwijs-to-b1-later"),
        pytest.param({"to_route": Z, "reden": "verhuizing"}, False, id="move-keeps-route"),
        pytest.param({"from_route": None, "previous_dagtekening": None}, True, id="first"),
        pytest.param({"lowered_to_a2": True, "recorded_lesuren": 599}, False, id="a2-599-hours"),
        pytest.param({"lowered_to_a2": True, "recorded_lesuren": 600}, True, id="a2-600-hours"),
        pytest.param(
            {"lowered_to_a2": True, "recorded_lesuren": 900, "from_route": Z, "to_route": Z},
            False,
            id="a2-outside-b1",
        ),
    ],
)
def test_a_vaststelling_is_checked_on_its_own_dagtekening(changes, allowed):
    facts = {
        "dagtekening": D(2025, 11, 1),
        "today": D(2025, 11, 26),
        "reden": "anders",
        "from_route": B1,
        "to_route": B1,
        "previous_dagtekening": D(2024, 1, 5),
        "termijn_start": D(2024, 1, 6),
        **changes,
    }
    decision = check_vaststelling(**facts)
    assert bool(decision) is allowed
    assert bool(decision.reason) is not allowed
