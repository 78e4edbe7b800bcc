"""What is missing or inconsistent in one person's record before the quarter is delivered;
pure functions, unit-tested. Each problem names the page where it is put right."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from inburgering.choices import Doelgroep, Regime
from voortgang.kwartaallevering.records import Record
from voortgang.models import TrajectStatus

ENDED = (TrajectStatus.AFGEROND, TrajectStatus.NIET_AFGEROND)


# Each problem by its code (kept in the stored check), its message and the URL name of the
# dossier's page where it is put right.
PROBLEMS = {
    "duty_start": (_("The start of the integration duty is missing."), "dossier_edit"),
    "v_nummer": (_("The V-number is missing."), "dossier_edit"),
    "intake_no_session": (
        _("The brede intake is completed, but no intake session is recorded."),
        "intake_overview",
    ),
    "intake_order": (
        _("The brede intake was completed before its first session."),
        "intake_overview",
    ),
    "pip_before_duty": (_("The first PIP is dated before the duty started."), "dossier_edit"),
    "termijn_start": (_("The plan has no start of the termijn."), "plan_overview"),
    "map_end": (_("The date of the MAP's final talk is missing."), "learning_record"),
    "pvt_end": (
        _("The date the participation statement was signed is missing."),
        "learning_record",
    ),
    "map_verwijtbaar": (
        _("MAP not completed: whether the person is to blame is not recorded."),
        "learning_record",
    ),
    "pvt_verwijtbaar": (
        _("PVT not completed: whether the person is to blame is not recorded."),
        "learning_record",
    ),
}


@dataclass(frozen=True)
class Problem:
    code: str

    @property
    def message(self) -> str:
        return PROBLEMS[self.code][0]

    @property
    def page(self) -> str:
        return PROBLEMS[self.code][1]


def problems(record: Record) -> list[Problem]:
    return [Problem(code) for code in problem_codes(record)]


def problem_codes(record: Record) -> list[str]:
    found = []
    if record.duty_start is None:
        found.append("duty_start")
    if record.doelgroep == Doelgroep.ASIELSTATUSHOUDER and not record.v_nummer:
        found.append("v_nummer")
    if record.intake_end and not record.intake_start:
        found.append("intake_no_session")
    elif record.intake_end and record.intake_start and record.intake_end < record.intake_start:
        found.append("intake_order")
    if record.first_pip and record.duty_start and record.first_pip < record.duty_start:
        found.append("pip_before_duty")
    if record.regime == Regime.WI2021 and record.first_pip and not record.termijn_start:
        found.append("termijn_start")
    for name, status, end, verwijtbaar in (
        ("map", record.map_status, record.map_end, record.map_verwijtbaar),
        ("pvt", record.pvt_status, record.pvt_end, record.pvt_verwijtbaar),
    ):
        if status in ENDED and end is None:
            found.append(f"{name}_end")
        if status == TrajectStatus.NIET_AFGEROND and verwijtbaar is None:
            found.append(f"{name}_verwijtbaar")
    return found
