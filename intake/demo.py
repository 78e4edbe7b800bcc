"""Demo intakes for the demo region: started for dossiers in intake, completed for later ones.

Made through the services, as a regisseur would. Idempotent: a dossier that already has an
intake is left alone.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from inburgering.choices import Doelgroep, DossierStatus, Leefgebied, Leerroute
from inburgering.models import Inburgeraar
from intake import services

SITUATIONS = {
    Leefgebied.TAAL: "Spreekt een paar woorden Nederlands; volgt een startklas.",
    Leefgebied.WERK: "Heeft ervaring in de bouw en wil graag snel aan het werk.",
    Leefgebied.INKOMEN: "Ontvangt bijstand; ontzorgen loopt.",
    Leefgebied.WONEN: "Woont sinds kort in een huurwoning.",
    Leefgebied.JEUGD: "Twee kinderen op de basisschool.",
    Leefgebied.GEZONDHEID: "Geen bijzonderheden gemeld.",
    Leefgebied.SOCIAAL_NETWERK: "Contact met landgenoten via de moskee en een taalmaatje.",
}
LATER_STATUSES = {
    DossierStatus.PLAN,
    DossierStatus.UITVOERING,
    DossierStatus.AFGEROND,
    DossierStatus.VERHUISD,
    DossierStatus.UITGESCHREVEN,
}


def load_demo_intakes(sender=None, seed: int = 0, statuses=None, **_kwargs) -> None:
    """An intake for each newly registered dossier past registration, through the services:
    completed (which moves the dossier to the plan phase) for those meant to get further."""
    rng = random.Random(seed)
    statuses = statuses or {}
    dossiers = (
        Inburgeraar.objects.filter(
            pk__in=[pk for pk, status in statuses.items() if status != DossierStatus.AANGEMELD],
            brede_intake__isnull=True,
        )
        .select_related("regisseur")
        .order_by("pk")
    )
    for dossier in dossiers:
        _demo_intake(dossier, rng, complete=statuses[dossier.pk] in LATER_STATUSES)
    new = Inburgeraar.objects.filter(
        pk__in=[pk for pk, status in statuses.items() if status == DossierStatus.AANGEMELD],
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        klantprofiel__isnull=True,
    ).select_related("regisseur")
    today = timezone.localdate()
    for dossier in new:  # linked by the COA, not housed yet: the COA's profile came in
        services.save_klantprofiel(
            actor=dossier.regisseur,
            dossier_id=dossier.pk,
            expected_version=0,
            data={
                "received_on": min(dossier.datum_koppeling or today, today),
                "opleiding": "Middelbare school, 10 jaar",
                "werkervaring": rng.choice(["Kleermaker", "Monteur", "Kapper", "Boer"]),
                "talen": dossier.languages,
                "voorinburgering": True,
                "voorinburgering_toelichting": "Taalles op de COA-locatie",
            },
        )


def _demo_intake(dossier: Inburgeraar, rng: random.Random, *, complete: bool) -> None:
    actor = dossier.regisseur
    start = (dossier.datum_brp_inschrijving or datetime.date(2025, 1, 6)) + datetime.timedelta(
        days=rng.randint(3, 20)
    )
    intake = services.start_intake(actor=actor, dossier=dossier)
    gesprek = services.save_intakegesprek(
        actor=actor,
        intake_id=intake.pk,
        data={
            "held_on": start,
            "kanaal": "locatie",
            "interpreter_used": True,
            "interpreter_language": (dossier.languages or ["ar"])[0],
            "one_on_one_offered": True,
            "leefgebieden": list(Leefgebied.values),
        },
    )
    recorded = list(Leefgebied) if complete else list(Leefgebied)[: rng.randint(1, 4)]
    for leefgebied in recorded:
        data = {"gesprek": gesprek, "current_situation": SITUATIONS[leefgebied]}
        lists = {}
        if leefgebied == Leefgebied.GEZONDHEID:
            data |= {"physical_health": "Goed", "mental_health": "Slaapt soms slecht"}
        if leefgebied == Leefgebied.WERK and complete:
            lists = {
                "opleidingen": [{"niveau": "voortgezet", "years": 6}],
                "werkervaringen": [{"profession": "Bouwvakker", "years": 5}],
            }
        services.save_bevinding(
            actor=actor,
            intake_id=intake.pk,
            leefgebied=leefgebied,
            expected_version=0,
            data=data,
            **lists,
        )
    if not complete:
        return
    route = rng.choice([Leerroute.B1, Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z])
    services.save_leerbaarheidstoets(
        actor=actor,
        intake_id=intake.pk,
        expected_version=0,
        data={
            "taken_on": start + datetime.timedelta(days=7),
            "indicated_route": route,
            "indicated_level": "b1" if route != Leerroute.Z else "a1",
        },
    )
    services.complete_intake(
        actor=actor,
        intake_id=intake.pk,
        expected_version=intake.lock_version,
        data={
            "advised_leerroute": route,
            "advice_reasoning": "Het advies volgt de leerbaarheidstoets en de gesprekken.",
        },
        today=start + datetime.timedelta(days=14),
    )
