"""Demo plans: a concept for dossiers in the plan phase, a fixed plan for those in progress.

Made through the services (afspraken too), so fixing starts the termijn, plans the first
progress talk and asks for the PDF. Idempotent: a dossier that already has a plan is left
alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from inburgering.choices import DossierStatus, Leefgebied
from inburgering.models import Inburgeraar, Organisatie
from intake.models import IntakeStatus
from pip_plans import services
from pip_plans.models import Uitvoerder


def load_demo_plans(sender=None, statuses=None, **_kwargs) -> None:
    """A concept for each newly registered dossier meant for the plan phase, a fixed plan for
    those meant to be in progress (fixing moves the dossier there)."""
    werkbedrijf = Organisatie.objects.filter(domeinen__contains=["werk"]).order_by("pk").first()
    statuses = statuses or {}
    dossiers = (
        Inburgeraar.objects.filter(
            pk__in=[
                pk
                for pk, status in statuses.items()
                if status in (DossierStatus.PLAN, DossierStatus.UITVOERING)
            ],
            pip__isnull=True,
            brede_intake__status=IntakeStatus.AFGEROND,
        )
        .select_related("regisseur", "brede_intake")
        .order_by("pk")
    )
    for dossier in dossiers:
        _demo_plan(dossier, werkbedrijf, fix=statuses[dossier.pk] == DossierStatus.UITVOERING)


def _demo_plan(dossier: Inburgeraar, werkbedrijf: Organisatie | None, *, fix: bool) -> None:
    actor = dossier.regisseur
    concept = services.create_pip(actor=actor, dossier=dossier)
    completed = dossier.brede_intake.completed_on or timezone.localdate()
    afspraken = [
        (Leefgebied.TAAL, "Elke week 12 uur naar de taalschool", Uitvoerder.INBURGERAAR, None),
        (Leefgebied.INKOMEN, "Budgetcursus volgen", Uitvoerder.INBURGERAAR, None),
        (Leefgebied.WERK, "Een werkervaringsplek zoeken", Uitvoerder.PARTNER, werkbedrijf),
    ]
    for leefgebied, wat, wie, organisatie in afspraken:
        if wie == Uitvoerder.PARTNER and organisatie is None:
            continue
        concept.refresh_from_db(fields=["lock_version"])
        services.save_sectie(
            actor=actor,
            versie_id=concept.pk,
            expected_version=concept.lock_version,
            leefgebied=leefgebied,
            data={},
            afspraken=[
                {
                    "wat": wat,
                    "wie": wie,
                    "organisatie": organisatie,
                    "uiterlijk": completed + datetime.timedelta(days=120),
                }
            ],
        )
    if not fix:
        return
    concept.refresh_from_db(fields=["lock_version"])
    dagtekening = min(completed + datetime.timedelta(days=21), timezone.localdate())
    services.fix_pip(
        actor=actor,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=dagtekening,
    )
