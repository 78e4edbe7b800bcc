"""Data for the production-shape test, made inside the stack's own database by
`manage.py shell` (production settings): a regisseur with an authenticator app, a dossier
with a concept plan ready to be fixed, and one whose progress talk is overdue but whose
reminders are gone, so that only the beat-triggered job can make them again."""

import json

from django_otp.plugins.otp_totp.models import TOTPDevice

from pip_plans import services as pip_services
from tests import factories
from voortgang.models import Herinnering


def main() -> None:
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="stack-regisseur")
    to_fix = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Vaststellen")
    concept = pip_services.create_pip(actor=regisseur, dossier=to_fix)
    pip_services.update_concept(
        actor=regisseur, versie_id=concept.pk, expected_version=0, data={"leerroute": "b1"}
    )
    overdue = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Achterstand")
    factories.fixed_plan(overdue, regisseur)  # its first talk was due months ago
    Herinnering.objects.filter(dossier=overdue).delete()
    long_plan = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Lang")
    wat = "Elke week naar de taalschool en het huiswerk maken, samen met de taalmaatje. " * 4
    fixed = factories.fixed_plan(
        long_plan, regisseur, afspraken=[("taal", f"{n}. {wat}") for n in range(250)]
    )
    # Version 2, a concept nobody printed yet: the worker-kill test asks for its PDF.
    pip_services.start_wijziging(actor=regisseur, pip_id=fixed.pip_id, reden="anders")
    print(
        json.dumps(
            {
                "username": regisseur.username,
                "password": factories.PASSWORD,
                "totp_key": TOTPDevice.objects.get(user=regisseur).key,
                "to_fix": to_fix.pk,
                "overdue": overdue.pk,
                "long_plan": long_plan.pk,
            }
        )
    )
