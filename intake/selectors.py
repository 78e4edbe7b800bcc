"""Reads of the brede intake: one overview with everything its pages show, in fixed queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.choices import LEEFGEBIED_ORDER, Leefgebied, Leerroute, label_of
from inburgering.compiled_reads import compiled_read
from inburgering.models import USER_NAME_COLUMNS, Inburgeraar, name_in
from intake.models import (
    LEEFGEBIED_FIELDS,
    NARRATIVE_FIELDS,
    Bevinding,
    BredeIntake,
    IntakeStatus,
    Klantprofiel,
    Leerbaarheidstoets,
    Opleiding,
    Werkervaring,
)
from intake.rules import IntakeParts, advice_deviates, missing_parts


@dataclass(frozen=True)
class LeefgebiedProgress:
    leefgebied: Leefgebied
    bevinding: Bevinding | None

    @property
    def recorded(self) -> bool:
        return self.bevinding is not None


@dataclass(frozen=True)
class IntakeOverview:
    intake: BredeIntake | None
    progress: list[LeefgebiedProgress]
    missing: list[str]

    @property
    def recorded_count(self) -> int:
        return sum(1 for item in self.progress if item.recorded)

    @property
    def leerbaarheidstoets(self):
        return getattr(self.intake, "leerbaarheidstoets", None) if self.intake else None

    @property
    def advice_deviates(self) -> bool:
        test = self.leerbaarheidstoets
        return bool(
            self.intake
            and test
            and advice_deviates(test.indicated_route, self.intake.advised_leerroute)
        )


def intake_overview(user, dossier: Inburgeraar) -> IntakeOverview:
    """The intake of a dossier the user may see, with only the leefgebieden they may see."""
    visible = permissions.visible_leefgebieden(user, dossier)
    intake = (
        BredeIntake.objects.filter(dossier=dossier)
        .select_related("leerbaarheidstoets", "completed_by")
        .prefetch_related(
            "gesprekken",
            "uitnodigingen",
            Prefetch(
                "bevindingen",
                queryset=Bevinding.objects.filter(leefgebied__in=visible).select_related("gesprek"),
            ),
            *(["opleidingen", "werkervaringen"] if Leefgebied.WERK in visible else []),
            *(["kinderen"] if Leefgebied.JEUGD in visible else []),
        )
        .first()
    )
    if intake is None:
        return IntakeOverview(intake=None, progress=[], missing=[])
    return _overview(
        intake,
        visible,
        has_education=bool(intake.opleidingen.all()),
        has_work=bool(intake.werkervaringen.all()),
    )


@dataclass(frozen=True)
class IntakeSummary:
    """What the dossier page's section shows of the intake: its status and advice, how many
    of the leefgebieden the user sees are recorded, and the parts still missing."""

    status: str
    advised_leerroute: str
    advice_reasoning: str
    deviation_motivation: str
    completed_on: datetime.date | None
    completed_by: str
    recorded_count: int
    leefgebieden_count: int
    missing: list[str]

    @property
    def status_label(self) -> str:
        return label_of(IntakeStatus, self.status)

    @property
    def advised_leerroute_label(self) -> str:
        return label_of(Leerroute, self.advised_leerroute)


def intake_summary(user, dossier: Inburgeraar) -> IntakeSummary | None:
    """The dossier page's section of the intake in one compiled query (``compiled_reads``);
    None before the intake has started."""
    visible = sorted(permissions.visible_leefgebieden(user, dossier))
    rows = _intake_summary_row(dossier_id=dossier.pk, leefgebieden=visible)
    if not rows:
        return None
    row = rows[0]
    test = None
    if row["leerbaarheidstoets__id"] is not None:
        test = Leerbaarheidstoets(
            **{name: row[f"leerbaarheidstoets__{name}"] for name in _TEST_OUTCOME}
        )
    return IntakeSummary(
        status=row["status"],
        advised_leerroute=row["advised_leerroute"],
        advice_reasoning=row["advice_reasoning"],
        deviation_motivation=row["deviation_motivation"],
        completed_on=row["completed_on"],
        completed_by=name_in(row, "completed_by"),
        recorded_count=len(set(row["recorded"])),
        leefgebieden_count=len(visible),
        missing=_missing(
            test,
            has_education=row["has_education"],
            has_work=row["has_work"],
            werk_situation_known=row["werk_situation_known"],
            health_known=row["health_known"],
        ),
    )


_TEST_OUTCOME = ("vrijstelling", "taken_on", "indicated_route")  # what ``is_complete`` reads


@compiled_read
def _intake_summary_row(dossier_id: int, leefgebieden: list[str]):
    findings = Bevinding.objects.filter(intake=OuterRef("pk"), leefgebied__in=leefgebieden)
    health = findings.filter(leefgebied=Leefgebied.GEZONDHEID)
    return BredeIntake.objects.filter(dossier_id=dossier_id).values(
        "status",
        "advised_leerroute",
        "advice_reasoning",
        "deviation_motivation",
        "completed_on",
        *(f"completed_by__{column}" for column in USER_NAME_COLUMNS),
        "leerbaarheidstoets__id",
        *(f"leerbaarheidstoets__{name}" for name in _TEST_OUTCOME),
        recorded=ArraySubquery(findings.values("leefgebied")),
        has_education=Exists(Opleiding.objects.filter(intake=OuterRef("pk"))),
        has_work=Exists(Werkervaring.objects.filter(intake=OuterRef("pk"))),
        werk_situation_known=Exists(
            findings.filter(leefgebied=Leefgebied.WERK).exclude(current_situation="")
        ),
        health_known=Exists(health.exclude(physical_health="").exclude(mental_health="")),
    )


def _overview(intake: BredeIntake, visible, *, has_education: bool, has_work: bool):
    by_leefgebied = {b.leefgebied: b for b in intake.bevindingen.all()}
    progress = [
        LeefgebiedProgress(leefgebied, by_leefgebied.get(leefgebied))
        for leefgebied in Leefgebied
        if leefgebied in visible
    ]
    missing = _missing_from(intake, by_leefgebied, has_education=has_education, has_work=has_work)
    return IntakeOverview(intake=intake, progress=progress, missing=missing)


def _missing_from(
    intake: BredeIntake, by_leefgebied: dict[str, Bevinding], *, has_education: bool, has_work: bool
) -> list[str]:
    werk = by_leefgebied.get(Leefgebied.WERK)
    health = by_leefgebied.get(Leefgebied.GEZONDHEID)
    return _missing(
        getattr(intake, "leerbaarheidstoets", None),
        has_education=has_education,
        has_work=has_work,
        werk_situation_known=bool(werk and werk.current_situation),
        health_known=bool(health and health.physical_health and health.mental_health),
    )


def _missing(
    test: Leerbaarheidstoets | None,
    *,
    has_education: bool,
    has_work: bool,
    werk_situation_known: bool,
    health_known: bool,
) -> list[str]:
    parts = IntakeParts(
        leerbaarheidstoets=bool(test and test.is_complete),
        education_and_work=bool(has_education and (has_work or werk_situation_known)),
        personal_circumstances=health_known,
    )
    return missing_parts(parts)


def missing_parts_of(intake: BredeIntake) -> list[str]:
    """The legal parts still missing, read afresh from every leefgebied (whoever asks): the
    completion service asks it under the intake's lock."""
    by_leefgebied = {
        b.leefgebied: b
        for b in Bevinding.objects.filter(
            intake=intake, leefgebied__in=[Leefgebied.WERK, Leefgebied.GEZONDHEID]
        )
    }
    return _missing_from(
        intake,
        by_leefgebied,
        has_education=intake.opleidingen.exists(),
        has_work=intake.werkervaringen.exists(),
    )


def intake_of(dossier: Inburgeraar) -> BredeIntake:
    """The dossier's intake for a write page (the guard has already checked access; the
    services lock it when they write)."""
    return BredeIntake.objects.select_related("dossier").get(dossier=dossier)


@dataclass(frozen=True)
class SharedFinding:
    """A finding as a partner sees it: its leefgebied and the fields that belong to it."""

    leefgebied: Leefgebied
    fields: list[tuple[str, str]]


def shared_findings(dossier: Inburgeraar, lens: permissions.Lens) -> list[SharedFinding]:
    """The intake's findings of the leefgebieden the lens shows, field by field, in one query."""
    findings = Bevinding.objects.filter(intake__dossier=dossier, leefgebied__in=lens.leefgebieden)
    shared = []
    for bevinding in sorted(findings, key=lambda b: LEEFGEBIED_ORDER[b.leefgebied]):
        leefgebied = Leefgebied(bevinding.leefgebied)
        names = [*NARRATIVE_FIELDS, *LEEFGEBIED_FIELDS[leefgebied]]
        fields = [
            (str(Bevinding._meta.get_field(n).verbose_name), _display(bevinding, n)) for n in names
        ]
        shared.append(
            SharedFinding(leefgebied, [(label, value) for label, value in fields if value])
        )
    return shared


def _display(bevinding: Bevinding, name: str) -> str:
    field = Bevinding._meta.get_field(name)
    value = getattr(bevinding, name)
    if field.choices and value:
        return str(getattr(bevinding, f"get_{name}_display")())
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return "" if value is None else str(value)


def klantprofiel_of(dossier: Inburgeraar) -> Klantprofiel | None:
    """The COA's client profile: the caseload's only (the section is not rendered for a
    partner's lens), health signals included."""
    return Klantprofiel.objects.filter(dossier=dossier).first()
