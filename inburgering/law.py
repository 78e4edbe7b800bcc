"""Rules of the law that follow from dates alone; pure functions, unit-tested."""

import datetime

from inburgering.choices import Regime

WI2021_START = datetime.date(2022, 1, 1)


def regime_for_duty_start(duty_start: datetime.date) -> Regime:
    """Wi2021 applies to everyone whose duty started on or after 1 January 2022 (domain.md §1)."""
    return Regime.WI2021 if duty_start >= WI2021_START else Regime.WI2013


def closing_refusal(
    *,
    current_status: str,
    new_status: str,
    ended_on: datetime.date,
    duty_start: datetime.date | None,
    today: datetime.date,
) -> str:
    """Why a dossier cannot be closed this way, or "" when it can. Closing sets the end of the
    duty, from which the retention period runs, so the date must be real: not in the future
    and not before the duty started."""
    from django.utils.translation import gettext as _

    from inburgering.choices import ENDED_STATUSES

    if current_status in ENDED_STATUSES:
        return _("This dossier has already been closed.")
    if new_status not in ENDED_STATUSES:
        return _("Choose how the duty ended.")
    if ended_on > today:
        return _("The duty cannot end in the future.")
    if duty_start is not None and ended_on < duty_start:
        return _("The duty cannot end before it started.")
    return ""
