"""What is missing or inconsistent in one person's record before the quarter is delivered;
pure functions, unit-tested. Each problem names the page where it is put right."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from inburgering.choices import Doelgroep, Regime
from voortgang.kwartaallevering.records import Record
from voortgang.models import TrajectStatus

ENDED = (TrajectStatus.AFGEROND, TrajectStatus.NIET_AFGEROND)


@dataclass(frozen=True)
class Problem:
    message: str
    page: str  # the URL name of the dossier's page where it is put right


def problems(record: Record) -> list[Problem]:
    found = []
    if record.duty_start is None:
        found.append(Problem(_("The start of the integration duty is missing."), "dossier_edit"))
    if record.doelgroep == Doelgroep.ASIELSTATUSHOUDER and not record.v_nummer:
        found.append(Problem(_("The V-number is missing."), "dossier_edit"))
    if record.intake_end and not record.intake_start:
        found.append(
            Problem(
                _("The brede intake is completed, but no intake session is recorded."),
                "intake_overview",
            )
        )
    elif record.intake_end and record.intake_start and record.intake_end < record.intake_start:
        found.append(
            Problem(
                _("The brede intake was completed before its first session."), "intake_overview"
            )
        )
    if record.first_pip and record.duty_start and record.first_pip < record.duty_start:
        found.append(Problem(_("The first PIP is dated before the duty started."), "dossier_edit"))
    if record.regime == Regime.WI2021 and record.first_pip and not record.termijn_start:
        found.append(Problem(_("The plan has no start of the termijn."), "plan_overview"))
    for name, status, end, verwijtbaar, date_missing in (
        (
            "MAP",
            record.map_status,
            record.map_end,
            record.map_verwijtbaar,
            _("The date of the MAP's final talk is missing."),
        ),
        (
            "PVT",
            record.pvt_status,
            record.pvt_end,
            record.pvt_verwijtbaar,
            _("The date the participation statement was signed is missing."),
        ),
    ):
        if status in ENDED and end is None:
            found.append(Problem(date_missing, "learning_record"))
        if status == TrajectStatus.NIET_AFGEROND and verwijtbaar is None:
            found.append(
                Problem(
                    _(
                        "%(component)s not completed: whether the person is to blame is not "
                        "recorded."
                    )
                    % {"component": name},
                    "learning_record",
                )
            )
    return found
