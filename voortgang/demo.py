"""Demo progress: a held talk for every dossier with a fixed plan, signals for some, and
the reminders that follow from them. Idempotent: a dossier with a held talk is left alone."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from inburgering.choices import DossierStatus, Leefgebied, Role
from inburgering.models import Inburgeraar, Organisatie, User
from inburgering.services import system_user
from voortgang import reminders, services
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


def load_demo_voortgang(sender=None, seed: int = 0, **_kwargs) -> None:
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
        _held_talk(dossier, rng)
        if number % 2 == 0:
            _signal(dossier, number, teamleider)
    reminders.sync(actor=system_user(), reason="demo data")


def _held_talk(dossier: Inburgeraar, rng: random.Random) -> None:
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
        },
        notities=NOTES,
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
