"""Reads of the PIP, scoped by the policy, with what the plan page shows in fixed queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from inburgering import permissions
from inburgering.choices import LEEFGEBIED_ORDER
from inburgering.models import Inburgeraar
from pip_plans import rules
from pip_plans.models import (
    Afspraak,
    DocumentStatus,
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
            return rules.termijn_end(self.pip.termijn_start)
        return None

    @property
    def schakel_deadline(self):
        if self.pip and self.pip.termijn_start:
            return rules.schakel_deadline(self.pip.termijn_start)
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


def concept_for_update(dossier: Inburgeraar) -> PipVersie | None:
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
            pk=document_id, versie__pip__dossier=dossier, status=DocumentStatus.READY
        )
        .select_related("versie")
        .first()
    )
