"""Demo progress: a held talk for every dossier with a fixed plan, signals for some, and
the reminders that follow from them. Idempotent: a dossier with a held talk is left alone."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from inburgering.choices import PRE_PLAN_STATUSES, DossierStatus, Leefgebied, Regime, Role
from inburgering.models import Inburgeraar, Organisatie, User
from inburgering.services import system_user
from voortgang import reminders, selectors, services
from voortgang.models import GesprekStatus, Voortgangsgesprek

NOTES = {
    Leefgebied.TAAL: "Komt trouw naar de lessen; spreken gaat beter dan schrijven.",
    Leefgebied.INKOMEN: "Rekeningen worden betaald; budgetcursus nog niet gestart.",
    Leefgebied.WERK: "Oriënteert zich op de bouw; gesprek met het werkbedrijf gepland.",
}
SIGNALS = [
    (Leefgebied.INKOMEN, "Schulden", "Achterstand bij de energieleverancier.", "hoog"),
    (
        Leefgebied.WONEN,
        "Vocht in de woning",
        "Schimmel in de slaapkamer van de kinderen.",
        "midden",
    ),
    (Leefgebied.JEUGD, "Schoolverzuim", "De oudste zoon mist vaak de eerste les.", "midden"),
]


def load_demo_voortgang(sender=None, seed: int = 0, statuses=None, **_kwargs) -> None:
    rng = random.Random(seed)
    teamleider = User.objects.filter(groups__name=Role.TEAMLEIDER).order_by("pk").first()
    dossiers = (
        Inburgeraar.objects.filter(
            status=DossierStatus.UITVOERING, pip__termijn_start__isnull=False
        )
        .exclude(voortgangsgesprekken__held_on__isnull=False)
        .select_related("regisseur")
        .order_by("pk")
    )
    for number, dossier in enumerate(dossiers):
        _held_talk(dossier, rng, number)
        _trajecten(dossier, number)
        if number == 1:
            _verlenging(dossier)
        if number % 2 == 0:
            _signal(dossier, number, teamleider)
    wi2013 = Inburgeraar.objects.filter(regime=Regime.WI2013, status__in=PRE_PLAN_STATUSES)
    for dossier in wi2013.exclude(pk__in=statuses or {}).select_related("regisseur"):
        _wi2013(dossier)  # the ondertussengroep; the others are about to be closed
    reminders.sync(actor=system_user(), reason="demo data")


def _held_talk(dossier: Inburgeraar, rng: random.Random, number: int) -> None:
    actor = dossier.regisseur
    gesprek = Voortgangsgesprek.objects.filter(
        dossier=dossier, status=GesprekStatus.GEPLAND
    ).first() or services.plan_gesprek(
        actor=actor, dossier=dossier, planned_on=timezone.localdate()
    )
    gesprek = services.save_verslag(
        actor=actor,
        gesprek_id=gesprek.pk,
        expected_version=gesprek.lock_version,
        data={
            "held_on": min(gesprek.planned_on, timezone.localdate()),
            "interpreter_used": True,
            "interpreter_language": (dossier.languages or ["ar"])[0],
            "lesuren_gevolgd": rng.randint(80, 400),
            "uren_geoorloofd_verzuim": rng.randint(0, 12),
            "uren_ongeoorloofd_verzuim": rng.randint(0, 6),
            "map_praktijkuren": rng.randint(10, 50) if number % 3 == 0 else None,
        },
        notities=NOTES,
        examens=[
            {
                "onderdeel": onderdeel,
                "niveau": "b1",
                "taken_on": min(gesprek.planned_on, timezone.localdate()),
                "uitslag": "behaald" if (number + index) % 3 else "niet_behaald",
            }
            for index, onderdeel in enumerate(("lezen", "luisteren", "knm")[: number % 4])
        ],
    )
    services.conclude_gesprek(
        actor=actor,
        gesprek_id=gesprek.pk,
        expected_version=gesprek.lock_version,
        data={"conclusie": "doorgaan", "toelichting": ""},
    )


def _signal(dossier: Inburgeraar, number: int, teamleider: User | None) -> None:
    leefgebied, subject, description, ernst = SIGNALS[number // 2 % len(SIGNALS)]
    owner, organisatie = dossier.regisseur, None
    if leefgebied == Leefgebied.WONEN:
        organisatie = Organisatie.objects.filter(domeinen__contains=["wonen"]).first()
        owner = None if organisatie else owner
    elif leefgebied == Leefgebied.JEUGD and teamleider is not None:
        owner = teamleider
    services.raise_signaal(
        actor=dossier.regisseur,
        dossier=dossier,
        data={
            "leefgebied": leefgebied,
            "subject": subject,
            "description": description,
            "ernst": ernst,
            "owner": owner,
            "owner_organisatie": organisatie,
            # Some follow-ups have passed already, so the worklist shows what is overdue.
            "follow_up_on": timezone.localdate() + datetime.timedelta(days=number * 3 - 9),
        },
    )


def _trajecten(dossier: Inburgeraar, number: int) -> None:
    """The MAP under way for a third of them, the PVT signed for half."""
    today = timezone.localdate()
    allowed = selectors.trajecten_for(dossier)
    if number % 3 == 0 and "map" in allowed:
        services.save_traject(
            actor=dossier.regisseur,
            dossier_id=dossier.pk,
            soort="map",
            expected_version=0,
            data={
                "status": "lopend",
                "started_on": today - datetime.timedelta(days=40),
                "uitvoerder": "Leerwerkplaats Leidse Regio",
            },
        )
    if number % 2 == 0:
        services.save_traject(
            actor=dossier.regisseur,
            dossier_id=dossier.pk,
            soort="pvt",
            expected_version=0,
            data={
                "status": "afgerond",
                "started_on": today - datetime.timedelta(days=70),
                "finished_on": today - datetime.timedelta(days=14),
                "uitvoerder": "Stichting Welkom",
            },
        )


def _wi2013(dossier: Inburgeraar) -> None:
    """The municipality's part under the Wi2013: maatschappelijke begeleiding, the PVT and
    participation; DUO extended the termijn (the person was ill)."""
    from pip_plans import services as pip_services

    actor = dossier.regisseur
    today = timezone.localdate()
    started = dossier.datum_brp_inschrijving or today
    services.save_traject(
        actor=actor,
        dossier_id=dossier.pk,
        soort="maatschappelijke_begeleiding",
        expected_version=0,
        data={"status": "lopend", "started_on": started, "uitvoerder": "VluchtelingenWerk"},
    )
    services.save_traject(
        actor=actor,
        dossier_id=dossier.pk,
        soort="pvt",
        expected_version=0,
        data={"status": "lopend", "started_on": today - datetime.timedelta(days=21)},
    )
    services.save_traject(
        actor=actor,
        dossier_id=dossier.pk,
        soort="participatie",
        expected_version=0,
        data={
            "status": "lopend",
            "started_on": today - datetime.timedelta(days=90),
            "uitvoerder": "Vrijwilligerswerk bij de voedselbank",
        },
    )
    pip_services.record_duo_besluit(
        actor=actor,
        dossier_id=dossier.pk,
        soort="verlenging",
        dagtekening=today - datetime.timedelta(days=30),
        grond="Langdurig ziek geweest",
        verwijtbaar=False,
        maanden=36,
    )


def _verlenging(dossier: Inburgeraar) -> None:
    """DUO extended one Wi2021 termijn by six months: a course that started late."""
    from pip_plans import services as pip_services

    pip_services.record_duo_besluit(
        actor=dossier.regisseur,
        dossier_id=dossier.pk,
        soort="verlenging",
        dagtekening=timezone.localdate() - datetime.timedelta(days=7),
        grond="Taalschool had geen plek",
        verwijtbaar=False,
        maanden=6,
    )
