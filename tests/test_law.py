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
