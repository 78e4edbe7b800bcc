"""Reads of the PIP, scoped by the policy, with what the plan page shows in fixed queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch

from inburgering import permissions
from inburgering.choices import LEEFGEBIED_ORDER, RenderStatus
from inburgering.models import Inburgeraar
from pip_plans import rules
from pip_plans.models import (
    PLAN_CONTENT_FIELDS,
    Afspraak,
    Pip,
    PipDocument,
    PipVersie,
    Sectie,
    VersieStatus,
)


@dataclass(frozen=True)
class PlanOverview:
    pip: Pip | None
    versies: list[PipVersie]
    shown: PipVersie | None
    secties: list[Sectie]

    @property
    def concept(self) -> PipVersie | None:
        return next((v for v in self.versies if v.status == VersieStatus.CONCEPT), None)

    @property
    def current(self) -> PipVersie | None:
        return next((v for v in self.versies if v.status == VersieStatus.VASTGESTELD), None)

    @property
    def termijn_end(self):
        if self.pip and self.pip.termijn_start:
            return rules.termijn_end(self.pip.termijn_start, years=settings.PIP_TERMIJN_YEARS)
        return None

    @property
    def schakel_deadline(self):
        if self.pip and self.pip.termijn_start:
            return rules.schakel_deadline(
                self.pip.termijn_start, months=settings.PIP_SCHAKEL_MONTHS
            )
        return None


def plan_overview(user, dossier: Inburgeraar, versie_number: int | None = None) -> PlanOverview:
    """The plan with its versions; one version's sections in full (concept first by default)."""
    pip = Pip.objects.filter(dossier=dossier).first()
    if pip is None:
        return PlanOverview(pip=None, versies=[], shown=None, secties=[])
    versies = list(
        pip.versies.select_related("vastgesteld_by", "created_by", "ontzorging").order_by("-number")
    )
    if versie_number is not None:
        shown = next((v for v in versies if v.number == versie_number), None)
    else:
        shown = versies[0] if versies else None
    secties = []
    if shown is not None:
        visible = permissions.visible_leefgebieden(user, dossier)
        secties = sorted(
            Sectie.objects.filter(versie=shown, leefgebied__in=visible).prefetch_related(
                Prefetch("afspraken", queryset=Afspraak.objects.select_related("organisatie"))
            ),
            key=lambda sectie: LEEFGEBIED_ORDER[sectie.leefgebied],
        )
    return PlanOverview(pip=pip, versies=versies, shown=shown, secties=secties)


def concept_of(dossier: Inburgeraar) -> PipVersie | None:
    """The plan's concept version, for a write page (the services lock it when they write)."""
    return (
        PipVersie.objects.filter(pip__dossier=dossier, status=VersieStatus.CONCEPT)
        .select_related("pip")
        .first()
    )


def current_document(versie: PipVersie | None) -> PipDocument | None:
    """The printed plan of the version as it is now, if one was asked for."""
    if versie is None:
        return None
    return PipDocument.objects.filter(
        versie=versie, versie_lock_version=versie.lock_version
    ).first()


def ready_document(dossier: Inburgeraar, document_id: int) -> PipDocument | None:
    """A rendered document of this dossier's plan (the guard has checked the dossier)."""
    return (
        PipDocument.objects.filter(
            pk=document_id, versie__pip__dossier=dossier, status=RenderStatus.READY
        )
        .select_related("versie")
        .first()
    )


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


def version_diff(pip: Pip, old_number: int, new_number: int) -> list[FieldChange]:
    """What changed between two versions: the plan's fields, each section and its afspraken."""
    versies = {
        v.number: v
        for v in pip.versies.filter(number__in=[old_number, new_number]).prefetch_related(
            Prefetch("secties__afspraken", queryset=Afspraak.objects.select_related("organisatie"))
        )
    }
    if old_number not in versies or new_number not in versies:
        return []
    old, new = versies[old_number], versies[new_number]
    changes = [
        FieldChange(str(field.verbose_name), _display(old, field), _display(new, field))
        for field in PipVersie._meta.concrete_fields
        if field.name in PLAN_CONTENT_FIELDS and _display(old, field) != _display(new, field)
    ]
    old_secties = {s.leefgebied: s for s in old.secties.all()}
    for sectie in sorted(new.secties.all(), key=lambda s: LEEFGEBIED_ORDER[s.leefgebied]):
        before = old_secties.get(sectie.leefgebied)
        for name in ("situatie", "doelen"):
            old_value = getattr(before, name, "") if before else ""
            if old_value != getattr(sectie, name):
                field = Sectie._meta.get_field(name)
                label = f"{sectie.get_leefgebied_display()}: {field.verbose_name}"
                changes.append(FieldChange(label, old_value, getattr(sectie, name)))
        old_afspraken = {str(a) for a in before.afspraken.all()} if before else set()
        new_afspraken = {str(a) for a in sectie.afspraken.all()}
        if old_afspraken != new_afspraken:
            changes.append(
                FieldChange(
                    f"{sectie.get_leefgebied_display()}: {Afspraak._meta.verbose_name_plural}",
                    "; ".join(sorted(old_afspraken)),
                    "; ".join(sorted(new_afspraken)),
                )
            )
    return changes


def _display(versie: PipVersie, field) -> str:
    if field.choices:
        return str(getattr(versie, f"get_{field.name}_display")())
    value = getattr(versie, field.name)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class SharedPlan:
    """The plan as a partner sees it: the version in force, the sections the lens shows."""

    versie: PipVersie | None
    secties: list[Sectie]


def shared_plan(dossier: Inburgeraar, lens: permissions.Lens) -> SharedPlan:
    """Only the fixed plan: a concept is the municipality's draft, not yet shared work."""
    versie = (
        PipVersie.objects.filter(pip__dossier=dossier, status=VersieStatus.VASTGESTELD)
        .order_by("-number")
        .first()
    )
    if versie is None:
        return SharedPlan(None, [])
    secties = Sectie.objects.filter(
        versie=versie, leefgebied__in=lens.leefgebieden
    ).prefetch_related(
        Prefetch("afspraken", queryset=Afspraak.objects.select_related("organisatie"))
    )
    return SharedPlan(versie, sorted(secties, key=lambda s: LEEFGEBIED_ORDER[s.leefgebied]))


def afspraak_for_partner(
    dossier: Inburgeraar, lens: permissions.Lens, afspraak_id
) -> Afspraak | None:
    """An afspraak of the plan in force that this lens may update: the caseload any, a partner
    those assigned to its organisation in a domein where it may add notes."""
    afspraken = Afspraak.objects.filter(
        pk=afspraak_id,
        sectie__versie__pip__dossier=dossier,
        sectie__versie__status=VersieStatus.VASTGESTELD,
    ).select_related("sectie")
    if not lens.full:
        afspraken = afspraken.filter(
            organisatie_id=lens.organisatie_id, sectie__domein__in=lens.note_domeinen
        )
    return afspraken.first()
