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
    birth: datetime.date | None = None,
    first_contact_on: datetime.date | None = None,
) -> str:
    """Why a dossier cannot be closed this way, or "" when it can. Closing sets the end of the
    duty, from which the retention period runs, so the date must be real
    (``plausibility.end_date_problem``)."""
    from django.utils.translation import gettext as _

    from inburgering.choices import ENDED_STATUSES
    from inburgering.plausibility import end_date_problem

    if current_status in ENDED_STATUSES:
        return _("This dossier has already been closed.")
    if new_status not in ENDED_STATUSES:
        return _("Choose how the duty ended.")
    return end_date_problem(
        ended_on,
        birth=birth,
        duty_start=duty_start,
        first_contact_on=first_contact_on,
        today=today,
    )
