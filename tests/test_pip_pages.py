"""The plan pages: create, edit a concept and its sections, fix, change; no silent overwrites."""

import datetime

import pytest
from django.urls import reverse

from inburgering.dossier import services as dossier_services
from pip_plans import services
from pip_plans.models import Afspraak, Ontzorging, PipVersie, Sectie
from tests import factories


def _url(name, dossier, **kwargs):
    return reverse(name, kwargs={"dossier_id": dossier.pk, **kwargs})


@pytest.fixture
def concept(regisseur, dossier):
    versie = services.create_pip(actor=regisseur, dossier=dossier)
    services.update_concept(
        actor=regisseur, versie_id=versie.pk, expected_version=0, data={"leerroute": "b1"}
    )
    versie.refresh_from_db()
    return versie


def _afspraken(*rows, initial=0):
    data = {"afspraken-TOTAL_FORMS": str(len(rows)), "afspraken-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"afspraken-{index}-{name}": value for name, value in row.items()})
    return data


def test_creating_the_plan_through_the_page(regisseur_client, dossier):
    response = regisseur_client.post(_url("create_pip", dossier))
    assert response.status_code == 302
    assert PipVersie.objects.get(pip__dossier=dossier).status == "concept"
    page = regisseur_client.get(_url("plan_overview", dossier)).content.decode()
    assert "Versie 1 (Concept)" in page


def test_a_section_with_afspraken_for_the_person_and_a_partner(regisseur_client, dossier, concept):
    partner = factories.OrganisatieFactory(naam="Werkbedrijf")
    data = {
        "situatie": "Zoekt werk",
        "doelen": "Werkervaringsplek",
        "lock_version": concept.lock_version,
        **_afspraken(
            {"wat": "CV maken", "wie": "inburgeraar", "uiterlijk": "2026-01-15", "status": "open"},
            {"wat": "Plek zoeken", "wie": "partner", "organisatie": partner.pk, "status": "open"},
        ),
    }
    response = regisseur_client.post(_url("save_sectie", dossier, leefgebied="werk"), data)
    assert response.status_code == 302
    sectie = Sectie.objects.get(versie=concept, leefgebied="werk")
    assert sorted(sectie.afspraken.values_list("wat", flat=True)) == ["CV maken", "Plek zoeken"]
    assert sectie.afspraken.get(wie="partner").organisatie == partner


def test_a_partner_afspraak_needs_the_organisation(regisseur_client, dossier, concept):
    data = {
        "situatie": "x",
        "lock_version": concept.lock_version,
        **_afspraken({"wat": "Plek zoeken", "wie": "partner", "status": "open"}),
    }
    response = regisseur_client.post(_url("save_sectie", dossier, leefgebied="werk"), data)
    assert response.status_code == 200
    assert "ketenpartner" in response.content.decode()
    assert not Afspraak.objects.exists()


def test_two_people_saving_the_same_concept_never_overwrite_each_other(
    regisseur, teamleider, dossier, concept
):
    first, second = factories.VerifiedClient(), factories.VerifiedClient()
    first.force_login(regisseur)
    second.force_login(teamleider)
    url = _url("save_sectie", dossier, leefgebied="wonen")
    form_one = first.get(url).context["form"]
    form_two = second.get(url).context["form"]
    version = form_one["lock_version"].value()
    assert version == form_two["lock_version"].value()
    ok = first.post(url, {"situatie": "Van de eerste", "lock_version": version, **_afspraken()})
    assert ok.status_code == 302
    conflict = second.post(
        url, {"situatie": "Van de tweede", "lock_version": version, **_afspraken()}
    )
    assert conflict.status_code == 200
    html = conflict.content.decode()
    assert "Iemand anders heeft dit gewijzigd" in html
    assert "Van de tweede" in html  # their input is kept
    assert Sectie.objects.get(versie=concept, leefgebied="wonen").situatie == "Van de eerste"


def test_fixing_asks_for_confirmation_and_a_date(regisseur_client, dossier, concept):
    url = _url("fix_pip", dossier)
    page = regisseur_client.get(url)
    assert "Wat wordt vastgesteld" in page.content.decode()
    response = regisseur_client.post(
        url, {"dagtekening": "2025-03-03", "lock_version": concept.lock_version}
    )
    assert "confirm" in response.context["form"].errors
    response = regisseur_client.post(
        url, {"dagtekening": "2025-03-03", "lock_version": concept.lock_version, "confirm": "on"}
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert (concept.status, concept.dagtekening) == ("vastgesteld", datetime.date(2025, 3, 3))
    overview = regisseur_client.get(_url("plan_overview", dossier)).content.decode()
    assert "4 maart 2025" in overview  # the termijn starts the day after


def test_the_pages_print_the_configured_periods(
    regisseur_client, regisseur, dossier, concept, settings
):
    settings.PIP_TERMIJN_YEARS = 2
    settings.PIP_SCHAKEL_MONTHS = 6
    page = regisseur_client.get(_url("fix_pip", dossier)).content.decode()
    assert "inburgeringstermijn van 2 jaar" in page
    services.fix_pip(
        actor=regisseur,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=datetime.date(2025, 3, 30),  # the termijn starts on 31 March
    )
    overview = regisseur_client.get(_url("plan_overview", dossier)).content.decode()
    assert "tot en met 30 maart 2027" in overview  # two years
    assert "tot en met 30 september 2025" in overview  # six months; there is no 31 September


def test_schakelen_through_the_page_is_refused_after_18_months(
    regisseur_client, regisseur, dossier, concept
):
    services.fix_pip(
        actor=regisseur,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=datetime.date(2020, 1, 6),
    )
    url = _url("start_wijziging", dossier)
    response = regisseur_client.post(url, {"reden": "schakelen", "new_route": "z"})
    assert response.status_code == 200
    assert "18" in str(response.context["form"].non_field_errors())
    assert PipVersie.objects.filter(pip__dossier=dossier).count() == 1


def test_the_plan_page_runs_a_fixed_number_of_queries(regisseur_client, dossier, concept, queries):
    url = _url("plan_overview", dossier)
    Sectie.objects.filter(versie=concept).exclude(leefgebied="werk").delete()
    werk = Sectie.objects.get(versie=concept, leefgebied="werk")
    Afspraak.objects.create(sectie=werk, wat="Eerste", wie="inburgeraar")
    small = queries.get(regisseur_client, url)
    partner = factories.OrganisatieFactory()
    for leefgebied in ("taal", "inkomen", "wonen", "jeugd", "gezondheid", "sociaal_netwerk"):
        sectie = Sectie.objects.create(versie=concept, leefgebied=leefgebied)
        for number in range(5):
            Afspraak.objects.create(
                sectie=sectie, wat=f"Afspraak {number}", wie="partner", organisatie=partner
            )
    assert Afspraak.objects.count() == 31
    queries.assert_same_count(small, queries.get(regisseur_client, url))


def test_sections_follow_the_order_of_the_leefgebieden(regisseur_client, dossier, concept):
    page = regisseur_client.get(_url("plan_overview", dossier))
    shown = [sectie.leefgebied for sectie in page.context["overview"].secties]
    assert shown == ["taal", "werk", "inkomen", "wonen", "jeugd", "gezondheid", "sociaal_netwerk"]


def test_two_versions_can_be_compared(regisseur_client, regisseur, dossier, concept):
    sectie = concept.secties.get(leefgebied="wonen")
    Afspraak.objects.create(sectie=sectie, wat="Huurtoeslag aanvragen", wie="inburgeraar")
    services.fix_pip(
        actor=regisseur,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=datetime.date(2025, 3, 3),
    )
    change = services.start_wijziging(actor=regisseur, pip_id=concept.pip_id, reden="anders")
    services.update_concept(
        actor=regisseur,
        versie_id=change.pk,
        expected_version=change.lock_version,
        data={"taalschool": "Taalhuis Leiden"},
    )
    Afspraak.objects.filter(sectie__versie=change).update(wat="Zorgtoeslag aanvragen")
    response = regisseur_client.get(_url("plan_diff", dossier), {"van": 1, "naar": 2})
    changes = {(c.label, c.old, c.new) for c in response.context["changes"]}
    assert ("taalschool", "", "Taalhuis Leiden") in changes
    assert ("Wonen: afspraken", "Huurtoeslag aanvragen", "Zorgtoeslag aanvragen") in changes
    assert len(changes) == 2


def test_ontzorgen_for_an_asylum_permit_holder_on_social_assistance(
    regisseur_client, regisseur, dossier, concept
):
    url = _url("save_ontzorging", dossier)
    assert regisseur_client.get(url).status_code == 404  # no social assistance recorded yet
    dossier_services.update_personal_data(  # housed after the intake, then on bijstand
        actor=regisseur,
        dossier_id=dossier.pk,
        expected_version=dossier.lock_version,
        data={"datum_start_bijstand": datetime.date(2025, 3, 1)},
    )
    concept.refresh_from_db()
    assert "1 maart 2025" in regisseur_client.get(url).content.decode()  # the period's start
    response = regisseur_client.post(
        url,
        {
            "items": ["huur", "energie"],
            "machtiging_getekend_op": "2025-02-20",
            "lock_version": concept.lock_version,
        },
    )
    assert response.status_code == 302
    ontzorging = Ontzorging.objects.get(versie=concept)
    assert ontzorging.items == ["huur", "energie"]
    assert ontzorging.geplande_einddatum == datetime.date(2025, 8, 31)
    page = regisseur_client.get(_url("plan_overview", dossier)).content.decode()
    assert "Huur, Energie" in page


def test_ontzorgen_is_refused_for_a_family_migrant(regisseur, dossier, concept):
    dossier.doelgroep = "gezinsmigrant"
    dossier.save()
    assert not services.ontzorgen_applies(dossier)
