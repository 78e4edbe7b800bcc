"""Demo plans: a concept for dossiers in the plan phase, a fixed plan for those in progress.

Made through the services, so fixing starts the termijn, plans the first progress talk and
asks for the PDF. Idempotent: a dossier that already has a plan is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from inburgering.choices import DossierStatus, Leefgebied
from inburgering.models import Inburgeraar, Organisatie
from inburgering.services import save_as
from intake.models import IntakeStatus
from pip_plans import services
from pip_plans.models import Afspraak, Uitvoerder


def load_demo_plans(sender=None, **_kwargs) -> None:
    werkbedrijf = Organisatie.objects.filter(domeinen__contains=["werk"]).order_by("pk").first()
    dossiers = (
        Inburgeraar.objects.filter(
            status__in=[DossierStatus.PLAN, DossierStatus.UITVOERING],
            pip__isnull=True,
            brede_intake__status=IntakeStatus.AFGEROND,
        )
        .select_related("regisseur", "brede_intake")
        .order_by("pk")
    )
    for dossier in dossiers:
        _demo_plan(dossier, werkbedrijf)


def _demo_plan(dossier: Inburgeraar, werkbedrijf: Organisatie | None) -> None:
    actor = dossier.regisseur
    concept = services.create_pip(actor=actor, dossier=dossier)
    completed = dossier.brede_intake.completed_on or timezone.localdate()
    secties = {sectie.leefgebied: sectie for sectie in concept.secties.all()}
    afspraken = [
        (Leefgebied.TAAL, "Elke week 12 uur naar de taalschool", Uitvoerder.INBURGERAAR, None),
        (Leefgebied.INKOMEN, "Budgetcursus volgen", Uitvoerder.INBURGERAAR, None),
        (Leefgebied.WERK, "Een werkervaringsplek zoeken", Uitvoerder.PARTNER, werkbedrijf),
    ]
    for leefgebied, wat, wie, organisatie in afspraken:
        if wie == Uitvoerder.PARTNER and organisatie is None:
            continue
        save_as(
            Afspraak(
                sectie=secties[leefgebied],
                wat=wat,
                wie=wie,
                organisatie=organisatie,
                uiterlijk=completed + datetime.timedelta(days=120),
            ),
            actor=actor,
        )
    if dossier.status != DossierStatus.UITVOERING:
        return
    dagtekening = min(completed + datetime.timedelta(days=21), timezone.localdate())
    services.fix_pip(
        actor=actor,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=dagtekening,
    )
