"""Rules of the law that follow from dates alone; pure functions, unit-tested."""

import datetime
from dataclasses import dataclass

from inburgering.choices import Leerroute, Regime

WI2021_START = datetime.date(2022, 1, 1)


@dataclass(frozen=True)
class RegimeRules:
    """What the municipality's process holds under a regime (domain.md §1-2): under the
    Wi2021 a PIP with its 10-week deadline, the learning routes, the termijn and schakel
    window it tracks, the MAP and ontzorgen; under the Wi2013 none of these (DUO keeps the
    termijn from the start of the duty, the person chooses a course), while both have the
    PVT and maatschappelijke begeleiding."""

    pip: bool
    pip_deadline: bool
    termijn_reminders: bool
    ontzorgen: bool
    leerroutes: tuple[str, ...]
    trajecten: tuple[str, ...]  # voortgang.models.TrajectSoort values


REGIME_RULES = {
    Regime.WI2021: RegimeRules(
        pip=True,
        pip_deadline=True,
        termijn_reminders=True,
        ontzorgen=True,
        leerroutes=tuple(Leerroute.values),
        trajecten=("map", "pvt", "maatschappelijke_begeleiding"),
    ),
    Regime.WI2013: RegimeRules(
        pip=False,
        pip_deadline=False,
        termijn_reminders=False,
        ontzorgen=False,
        leerroutes=(),
        trajecten=("pvt", "maatschappelijke_begeleiding", "participatie"),
    ),
}
# The regimes as query conditions: ``regime__in=PIP_DEADLINE_REGIMES``.
PIP_DEADLINE_REGIMES = tuple(r for r, rules in REGIME_RULES.items() if rules.pip_deadline)
TERMIJN_REMINDER_REGIMES = tuple(r for r, rules in REGIME_RULES.items() if rules.termijn_reminders)
ONTZORGEN_REGIMES = tuple(r for r, rules in REGIME_RULES.items() if rules.ontzorgen)


def rules_of(regime: str) -> RegimeRules:
    """The rules of a stored regime; an unknown value has none of the Wi2021's duties."""
    return REGIME_RULES.get(regime, REGIME_RULES[Regime.WI2013])


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
