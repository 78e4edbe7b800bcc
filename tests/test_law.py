import datetime

import pytest

from inburgering.choices import Regime
from inburgering.law import regime_for_duty_start


@pytest.mark.parametrize(
    ("duty_start", "expected"),
    [
        (datetime.date(2021, 12, 31), Regime.WI2013),
        (datetime.date(2022, 1, 1), Regime.WI2021),
        (datetime.date(2013, 1, 1), Regime.WI2013),
        (datetime.date(2026, 6, 30), Regime.WI2021),
    ],
)
def test_regime_follows_the_start_of_the_duty(duty_start, expected):
    assert regime_for_duty_start(duty_start) == expected


def test_the_regime_decides_which_duties_the_process_holds():
    from inburgering.law import PIP_DEADLINE_REGIMES, rules_of

    assert rules_of("wi2021").pip_deadline and rules_of("wi2021").ontzorgen
    wi2013 = rules_of("wi2013")
    assert not (wi2013.pip_deadline or wi2013.termijn_reminders or wi2013.ontzorgen)
    assert rules_of("") == wi2013  # an unknown value has none of the Wi2021's duties
    assert PIP_DEADLINE_REGIMES == ("wi2021",)
