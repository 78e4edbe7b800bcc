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
    for number, dossier in enumerate(dossiers):
        fix = statuses[dossier.pk] == DossierStatus.UITVOERING
        _demo_plan(dossier, werkbedrijf, fix=fix, number=number)


def _demo_plan(
    dossier: Inburgeraar, werkbedrijf: Organisatie | None, *, fix: bool, number: int
) -> None:
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
    fixed = services.fix_pip(
        actor=actor,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=dagtekening,
    )
    _made_known(fixed, dossier.pk, actor, number)


OBJECTION_GROUNDS = "Wil de onderwijsroute: heeft in Syrië een universitaire studie gevolgd."
OBJECTION_ANSWER = "De leerbaarheidstoets en het intakegesprek wijzen op de B1-route."


def _made_known(versie, dossier_id: int, actor, number: int) -> None:
    """Handed over at a talk a few days after the dagtekening, signed for; every fifth sent by
    post. Now and then an objection: open while its term runs, else decided unfounded."""
    today = timezone.localdate()
    handed = min(versie.dagtekening + datetime.timedelta(days=3), today)
    by_post = number % 5 == 4
    services.record_bekendmaking(
        actor=actor,
        dossier_id=dossier_id,
        versie_id=versie.pk,
        expected_version=0,
        data={
            "wijze": "post" if by_post else "uitgereikt",
            "made_known_on": handed,
            "receipt_signed": not by_post,
            "note": "" if by_post else "Uitgereikt en uitgelegd met een tolk.",
        },
    )
    if number % 4 != 1:
        return
    bezwaar = services.record_bezwaar(
        actor=actor,
        dossier_id=dossier_id,
        versie_id=versie.pk,
        data={
            "received_on": min(handed + datetime.timedelta(days=20), today),
            "grounds": OBJECTION_GROUNDS,
        },
    )
    if bezwaar.received_on + datetime.timedelta(days=30) <= today:
        services.decide_bezwaar(
            actor=actor,
            dossier_id=dossier_id,
            bezwaar_id=bezwaar.pk,
            expected_version=0,
            data={
                "uitkomst": "ongegrond",
                "decided_on": bezwaar.received_on + datetime.timedelta(days=30),
                "uitkomst_toelichting": OBJECTION_ANSWER,
            },
        )
