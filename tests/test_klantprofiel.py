"""Before the municipality: a dossier opened at koppeling, before the BRP registration, with
the COA's client profile (issue 18, point 2). Health signals are special-category data: the
caseload sees them, a partner never does, and a handover never carries them."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse

from inburgering.choices import Role
from inburgering.deadlines import pip_deadline
from inburgering.demo import demo_bsn
from inburgering.dossier import services as dossier_services
from inburgering.privacy import inzage
from inburgering.services import ConcurrentEditError, ServiceError
from intake import services as intake_services
from tests import factories

TODAY = datetime.date.today()
PROFIEL = {
    "received_on": TODAY - datetime.timedelta(days=3),
    "opleiding": "Middelbare school in Asmara, 10 jaar",
    "werkervaring": "Kleermaker, 6 jaar",
    "talen": ["ti", "ar"],
    "voorinburgering": True,
    "voorinburgering_toelichting": "Taalles op het AZC, 3 maanden",
    "gezondheidssignalen": "GEHEIM-GEZONDHEID rugklachten",
}


@pytest.fixture
def at_koppeling(team, regisseur):
    """Opened for the koppelgemeente at koppeling: no kennisgeving, no BRP registration."""
    return dossier_services.register_inburgeraar(
        actor=regisseur,
        team=team,
        data={
            "bsn": demo_bsn(4242),
            "surname": "Tesfamariam",
            "date_of_birth": datetime.date(1994, 2, 11),
            "doelgroep": "asielstatushouder",
            "verblijfsvergunning": "asiel",
            "datum_start_inburgeringsplicht": TODAY - datetime.timedelta(days=20),
            "datum_koppeling": TODAY - datetime.timedelta(days=6),
        },
    )


def test_the_intake_starts_from_the_coa_profile_before_the_person_is_housed(
    at_koppeling, regisseur
):
    profiel = intake_services.save_klantprofiel(
        actor=regisseur, dossier_id=at_koppeling.pk, expected_version=0, data=PROFIEL
    )
    assert (profiel.lock_version, profiel.history.get().history_user) == (1, regisseur)
    intake_services.start_intake(actor=regisseur, dossier=at_koppeling)
    at_koppeling.refresh_from_db()
    assert at_koppeling.status == "intake"
    # The PIP deadline starts counting only once DUO's notice or the BRP registration is in.
    assert pip_deadline(kennisgeving=None, brp_inschrijving=None) is None
    housed = dossier_services.update_personal_data(
        actor=regisseur,
        dossier_id=at_koppeling.pk,
        expected_version=at_koppeling.lock_version,
        data={"datum_brp_inschrijving": TODAY},
    )
    assert pip_deadline(
        kennisgeving=housed.datum_kennisgeving, brp_inschrijving=housed.datum_brp_inschrijving
    ) == TODAY + datetime.timedelta(weeks=10)


def test_a_stale_profile_form_is_refused(at_koppeling, regisseur, other_regisseur):
    intake_services.save_klantprofiel(
        actor=regisseur, dossier_id=at_koppeling.pk, expected_version=0, data=PROFIEL
    )
    with pytest.raises(ConcurrentEditError):
        intake_services.save_klantprofiel(
            actor=regisseur,
            dossier_id=at_koppeling.pk,
            expected_version=0,
            data={"opleiding": "Overschreven"},
        )
    with pytest.raises(ServiceError):
        intake_services.save_klantprofiel(
            actor=regisseur,
            dossier_id=at_koppeling.pk,
            expected_version=1,
            data={"received_on": TODAY + datetime.timedelta(days=1)},
        )


def test_health_signals_stay_with_the_caseload_and_never_travel(at_koppeling, regisseur, client):
    intake_services.save_klantprofiel(
        actor=regisseur, dossier_id=at_koppeling.pk, expected_version=0, data=PROFIEL
    )
    client.force_login(regisseur)
    page = client.get(at_koppeling.get_absolute_url()).content.decode()
    assert "GEHEIM-GEZONDHEID" in page and "Kleermaker" in page

    werk = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    factories.share(at_koppeling, regisseur, werk)
    partner = factories.user_with_role(Role.KETENPARTNER, organisatie=werk)
    partner.groups.add(werk.group)
    client.force_login(partner)
    shown = client.get(at_koppeling.get_absolute_url())
    assert shown.status_code == 200
    assert "GEHEIM-GEZONDHEID" not in shown.content.decode()

    handover = json.loads(inzage.as_json(inzage.collect(at_koppeling, "overdracht")))
    (row,) = handover["records"]["intake.Klantprofiel"]["rows"]
    assert "gezondheidssignalen" not in row and row["werkervaring"] == "Kleermaker, 6 jaar"
    access = json.loads(inzage.as_json(inzage.collect(at_koppeling, "inzage")))
    (row,) = access["records"]["intake.Klantprofiel"]["rows"]
    assert row["gezondheidssignalen"] == "GEHEIM-GEZONDHEID rugklachten"  # the person's own


def test_the_profile_form_keeps_what_was_typed(at_koppeling, regisseur, client):
    client.force_login(regisseur)
    url = reverse("save_klantprofiel", args=[at_koppeling.pk])
    response = client.post(
        url,
        {
            "received_on": (TODAY + datetime.timedelta(days=2)).isoformat(),
            "opleiding": "Basisschool",
            "talen": ["ti"],
            "lock_version": "0",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["received_on"]
    assert "Basisschool" in response.content.decode()
    response = client.post(
        url,
        {
            "received_on": TODAY.isoformat(),
            "opleiding": "Basisschool",
            "talen": ["ti"],
            "voorinburgering": "false",
            "lock_version": "0",
        },
    )
    assert response.status_code == 302
    assert at_koppeling.klantprofiel.voorinburgering is False
