"""Rules of the law that follow from dates alone; pure functions, unit-tested."""

import datetime

from inburgering.choices import Regime

WI2021_START = datetime.date(2022, 1, 1)


def regime_for_duty_start(duty_start: datetime.date) -> Regime:
    """Wi2021 applies to everyone whose duty started on or after 1 January 2022 (domain.md §1)."""
    return Regime.WI2021 if duty_start >= WI2021_START else Regime.WI2013
