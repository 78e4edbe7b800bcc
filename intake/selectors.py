"""Reads of the brede intake: one overview with everything its pages show, in fixed queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.choices import LEEFGEBIED_ORDER, Leefgebied
from inburgering.models import Inburgeraar
from intake.models import (
    LEEFGEBIED_FIELDS,
    NARRATIVE_FIELDS,
    Bevinding,
    BredeIntake,
    Klantprofiel,
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


def intake_summary(user, dossier: Inburgeraar) -> IntakeOverview:
    """What the dossier page's section shows of the intake (its status, the leefgebieden
    recorded, the parts still missing) in two queries; the lists behind them are on the
    intake's own page."""
    visible = permissions.visible_leefgebieden(user, dossier)
    intake = (
        BredeIntake.objects.filter(dossier=dossier)
        .select_related("leerbaarheidstoets", "completed_by")
        .annotate(
            has_education=Exists(Opleiding.objects.filter(intake=OuterRef("pk"))),
            has_work=Exists(Werkervaring.objects.filter(intake=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("bevindingen", queryset=Bevinding.objects.filter(leefgebied__in=visible))
        )
        .first()
    )
    if intake is None:
        return IntakeOverview(intake=None, progress=[], missing=[])
    return _overview(intake, visible, has_education=intake.has_education, has_work=intake.has_work)


def _overview(intake: BredeIntake, visible, *, has_education: bool, has_work: bool):
    by_leefgebied = {b.leefgebied: b for b in intake.bevindingen.all()}
    progress = [
        LeefgebiedProgress(leefgebied, by_leefgebied.get(leefgebied))
        for leefgebied in Leefgebied
        if leefgebied in visible
    ]
    missing = _missing(intake, by_leefgebied, has_education=has_education, has_work=has_work)
    return IntakeOverview(intake=intake, progress=progress, missing=missing)


def _missing(
    intake: BredeIntake,
    by_leefgebied: dict[str, Bevinding],
    *,
    has_education: bool,
    has_work: bool,
) -> list[str]:
    test = getattr(intake, "leerbaarheidstoets", None)
    werk = by_leefgebied.get(Leefgebied.WERK)
    health = by_leefgebied.get(Leefgebied.GEZONDHEID)
    parts = IntakeParts(
        leerbaarheidstoets=bool(test and test.is_complete),
        education_and_work=bool(has_education and (has_work or (werk and werk.current_situation))),
        personal_circumstances=bool(health and health.physical_health and health.mental_health),
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
    return _missing(
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
