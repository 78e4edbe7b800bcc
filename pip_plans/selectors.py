"""Reads of the PIP, scoped by the policy, with what the plan page shows in fixed queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch

from inburgering import permissions
from inburgering.choices import LEEFGEBIED_ORDER, RenderStatus
from inburgering.law import rules_of
from inburgering.models import ContactDetails, Inburgeraar
from pip_plans import rules
from pip_plans.models import (
    PLAN_CONTENT_FIELDS,
    Afspraak,
    Bezwaar,
    DuoBesluit,
    Pip,
    PipDocument,
    PipVersie,
    Sectie,
    VersieStatus,
)


def duo_besluiten(dossier_id: int) -> list[DuoBesluit]:
    """DUO's decisions in force on a dossier (withdrawn ones stay in the history only)."""
    return list(
        DuoBesluit.objects.filter(dossier_id=dossier_id, withdrawn_at=None).select_related(
            "recorded_by"
        )
    )


def duo_besluit_on(dossier: Inburgeraar, besluit_id: int) -> DuoBesluit | None:
    """A decision of this dossier still in force (the guard has checked the dossier)."""
    return DuoBesluit.objects.filter(pk=besluit_id, dossier=dossier, withdrawn_at=None).first()


def termijn_start_of(dossier: Inburgeraar, pip: Pip | None) -> datetime.date | None:
    """The first day of the termijn: under the Wi2021 the day after the first PIP's
    dagtekening (stored on the plan); under the Wi2013 DUO counts it from the start of the
    duty (domain.md §1)."""
    if rules_of(dossier.regime).pip:
        return pip.termijn_start if pip else None
    return dossier.datum_start_inburgeringsplicht


def termijn_of(
    dossier: Inburgeraar, pip: Pip | None, besluiten: list[DuoBesluit]
) -> rules.Termijn | None:
    """The termijn with DUO's decisions applied; None while no termijn runs."""
    start = termijn_start_of(dossier, pip)
    if start is None:
        return None
    return rules.termijn_after_decisions(
        start, years=settings.PIP_TERMIJN_YEARS, besluiten=besluiten
    )


def termijn_for(dossier: Inburgeraar) -> rules.Termijn | None:
    """``termijn_of`` read for one dossier (two queries)."""
    pip = Pip.objects.filter(dossier=dossier).first()
    return termijn_of(dossier, pip, duo_besluiten(dossier.pk))


@dataclass(frozen=True)
class PlanOverview:
    pip: Pip | None
    versies: list[PipVersie]
    shown: PipVersie | None
    secties: list[Sectie]
    termijn: rules.Termijn | None = None
    bezwaren: list[Bezwaar] = field(default_factory=list)  # against any version, oldest first

    @property
    def shown_bezwaren(self) -> list[Bezwaar]:
        """The objections against the version shown."""
        return [b for b in self.bezwaren if self.shown and b.versie_id == self.shown.pk]

    @property
    def concept(self) -> PipVersie | None:
        return next((v for v in self.versies if v.status == VersieStatus.CONCEPT), None)

    @property
    def current(self) -> PipVersie | None:
        return next((v for v in self.versies if v.status == VersieStatus.VASTGESTELD), None)

    @property
    def termijn_end(self):
        return self.termijn.end if self.termijn else None

    @property
    def schakel_deadline(self):
        if self.pip and self.pip.termijn_start:
            return rules.schakel_deadline(
                self.pip.termijn_start, months=settings.PIP_SCHAKEL_MONTHS
            )
        return None


def plan_overview(user, dossier: Inburgeraar, versie_number: int | None = None) -> PlanOverview:
    """The plan with its versions; one version's sections in full (concept first by default)."""
    versies = list(
        PipVersie.objects.filter(pip__dossier=dossier)
        .select_related("pip", "vastgesteld_by", "created_by", "ontzorging", "bekendmaking")
        .order_by("-number")
    )
    pip = versies[0].pip if versies else Pip.objects.filter(dossier=dossier).first()
    termijn = termijn_of(dossier, pip, duo_besluiten(dossier.pk))
    if pip is None:
        return PlanOverview(pip=None, versies=[], shown=None, secties=[], termijn=termijn)
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
    bezwaren = list(
        Bezwaar.objects.filter(versie__pip=pip).select_related("versie__bekendmaking", "wijziging")
    )
    return PlanOverview(
        pip=pip,
        versies=versies,
        shown=shown,
        secties=secties,
        termijn=termijn,
        bezwaren=bezwaren,
    )


def plan_summary(dossier: Inburgeraar) -> PlanOverview:
    """What the dossier page's section shows of the plan (the version in force, a draft, the
    termijn) in two queries: the versions with their plan, and DUO's decisions; the sections
    and objections are on the plan's own page."""
    versies = list(
        PipVersie.objects.filter(pip__dossier=dossier)
        .select_related("pip")
        .only("number", "status", "dagtekening", "leerroute", "pip")
        .order_by("-number")
    )
    pip = versies[0].pip if versies else Pip.objects.filter(dossier=dossier).first()
    termijn = termijn_of(dossier, pip, duo_besluiten(dossier.pk))
    return PlanOverview(pip=pip, versies=versies, shown=None, secties=[], termijn=termijn)


def made_known_versie(dossier: Inburgeraar, versie_id: int) -> PipVersie | None:
    """A fixed version this municipality decided, with how it was made known, if any."""
    return (
        PipVersie.objects.filter(
            pk=versie_id,
            pip__dossier=dossier,
            status=VersieStatus.VASTGESTELD,
            vorige_gemeente="",
        )
        .select_related("bekendmaking")
        .first()
    )


def concept_of(dossier: Inburgeraar) -> PipVersie | None:
    """The plan's concept version, for a write page (the services lock it when they write)."""
    return (
        PipVersie.objects.filter(pip__dossier=dossier, status=VersieStatus.CONCEPT)
        .select_related("pip")
        .first()
    )


def current_document(versie: PipVersie | None, termijn: rules.Termijn | None) -> PipDocument | None:
    """The printed plan of the version as it is now (its termijn as DUO's decisions left
    it) last asked for, with whichever summary language, if one was."""
    if versie is None:
        return None
    return (
        PipDocument.objects.filter(
            versie=versie,
            versie_lock_version=versie.lock_version,
            termijn_einde=termijn.end if termijn else None,
        )
        .order_by("-requested_at", "-pk")
        .first()
    )


def letter_language_of(dossier: Inburgeraar) -> str:
    """The language the person reads letters in (contact details), for the summary page."""
    contact = ContactDetails.objects.filter(dossier=dossier).only("letter_language").first()
    return contact.letter_language if contact else ""


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
    """Only the fixed plan: a concept is the municipality's draft, not yet shared work. Three
    queries whatever the plan holds (none fixed, no section in the lens): the version, its
    sections and their afspraken, each section's on ``shared_afspraken``."""
    latest = PipVersie.objects.filter(
        pip__dossier=dossier, status=VersieStatus.VASTGESTELD
    ).order_by("-number")
    versie = latest.first()
    in_lens = {"leefgebied__in": lens.leefgebieden}
    secties = list(Sectie.objects.filter(versie=latest.values("pk")[:1], **in_lens))
    afspraken = Afspraak.objects.filter(
        sectie__versie=latest.values("pk")[:1], **{f"sectie__{k}": v for k, v in in_lens.items()}
    ).select_related("organisatie")
    by_sectie = defaultdict(list)
    for afspraak in afspraken:
        by_sectie[afspraak.sectie_id].append(afspraak)
    for sectie in secties:
        sectie.shared_afspraken = by_sectie[sectie.pk]
    if versie is None:
        return SharedPlan(None, [])
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


def ontzorgen_of(dossier: Inburgeraar) -> rules.OntzorgenPeriod | None:
    """When ontzorgen runs for this person, from the dossier's permit and bijstand dates;
    None when it does not apply."""
    if not rules.qualifies_for_ontzorgen(
        doelgroep=dossier.doelgroep,
        regime=dossier.regime,
        verblijfsvergunning=dossier.verblijfsvergunning,
        bijstand_start=dossier.datum_start_bijstand,
    ):
        return None
    return rules.ontzorgen_period(
        bijstand_start=dossier.datum_start_bijstand,
        bijstand_end=dossier.datum_einde_bijstand,
        months=settings.ONTZORGEN_MONTHS,
    )
