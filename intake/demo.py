"""Demo intakes for the demo region: started for dossiers in intake, completed for later ones.

Idempotent: a dossier that already has an intake is left alone.
"""

from __future__ import annotations

import datetime
import random

from inburgering.choices import DossierStatus, Leefgebied, Leerroute
from inburgering.models import Inburgeraar
from inburgering.services import save_as
from intake.models import (
    Bevinding,
    BredeIntake,
    Intakegesprek,
    IntakeStatus,
    Leerbaarheidstoets,
    Opleiding,
    Werkervaring,
)

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


def load_demo_intakes(sender=None, seed: int = 0, **_kwargs) -> None:
    rng = random.Random(seed)
    dossiers = (
        Inburgeraar.objects.filter(brede_intake__isnull=True)
        .exclude(status=DossierStatus.AANGEMELD)
        .select_related("regisseur")
        .order_by("pk")
    )
    for dossier in dossiers:
        _demo_intake(dossier, rng, complete=dossier.status in LATER_STATUSES)


def _demo_intake(dossier: Inburgeraar, rng: random.Random, *, complete: bool) -> None:
    actor = dossier.regisseur
    start = (dossier.datum_brp_inschrijving or datetime.date(2025, 1, 6)) + datetime.timedelta(
        days=rng.randint(3, 20)
    )
    intake = BredeIntake(dossier=dossier, status=IntakeStatus.LOPEND)
    save_as(intake, actor=actor)
    gesprek = Intakegesprek(
        intake=intake,
        held_on=start,
        kanaal="locatie",
        interpreter_used=True,
        interpreter_language=(dossier.languages or ["ar"])[0],
        one_on_one_offered=True,
        leefgebieden=list(Leefgebied.values),
    )
    save_as(gesprek, actor=actor)
    recorded = list(Leefgebied) if complete else list(Leefgebied)[: rng.randint(1, 4)]
    for leefgebied in recorded:
        bevinding = Bevinding(
            intake=intake,
            leefgebied=leefgebied,
            gesprek=gesprek,
            current_situation=SITUATIONS[leefgebied],
        )
        if leefgebied == Leefgebied.GEZONDHEID:
            bevinding.physical_health = "Goed"
            bevinding.mental_health = "Slaapt soms slecht"
        save_as(bevinding, actor=actor)
    if not complete:
        return
    save_as(Opleiding(intake=intake, niveau="voortgezet", years=6), actor=actor)
    save_as(Werkervaring(intake=intake, profession="Bouwvakker", years=5), actor=actor)
    route = rng.choice([Leerroute.B1, Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z])
    test = Leerbaarheidstoets(
        intake=intake,
        taken_on=start + datetime.timedelta(days=7),
        indicated_route=route,
        indicated_level="b1" if route != Leerroute.Z else "a1",
    )
    save_as(test, actor=actor)
    intake.status = IntakeStatus.AFGEROND
    intake.advised_leerroute = route
    intake.advice_reasoning = "Het advies volgt de leerbaarheidstoets en de gesprekken."
    intake.completed_on = start + datetime.timedelta(days=14)
    intake.completed_by = actor
    save_as(intake, actor=actor)
