"""Registering a dossier: validation in Dutch next to the field, nothing typed is lost."""

from django.urls import reverse
from django.utils import translation

from inburgering.choices import DossierStatus, Regime, Role
from inburgering.models import Inburgeraar
from tests import factories

URL = reverse("dossier_register")


def test_a_regisseur_registers_a_dossier_on_their_own_caseload(
    regisseur_client, regisseur, team, registration_data
):
    response = regisseur_client.post(URL, registration_data)
    dossier = Inburgeraar.objects.get(bsn="111222333")
    assert response.status_code == 302
    assert response["Location"] == dossier.get_absolute_url()
    assert dossier.regisseur == regisseur
    assert dossier.team == team
    assert dossier.gemeente == team.gemeente
    assert dossier.status == DossierStatus.AANGEMELD
    assert dossier.regime == Regime.WI2021  # derived from the start of the duty
    assert dossier.languages == ["ti", "ar"]


def test_the_registration_is_in_the_history_with_the_user(
    regisseur_client, regisseur, registration_data
):
    regisseur_client.post(URL, registration_data)
    record = Inburgeraar.history.get(bsn="111222333")
    assert record.history_type == "+"
    assert record.history_user == regisseur


def test_an_invalid_bsn_is_explained_and_the_typed_values_stay(regisseur_client, registration_data):
    registration_data["bsn"] = "123456789"
    with translation.override("nl"):
        response = regisseur_client.post(URL, registration_data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Inburgeraar.objects.exists()
    assert "voldoet niet aan de 11-proef" in html
    assert 'id="id_bsn_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Tesfamariam"' in html
    assert 'value="123456789"' in html
    assert (
        'value="ti" class="utrecht-checkbox utrecht-checkbox--html-input" id="id_languages_' in html
    )
    form = response.context["form"]
    assert set(form.errors) == {"bsn"}


def test_missing_required_fields_are_named(regisseur_client, team):
    with translation.override("nl"):
        response = regisseur_client.post(URL, {"team": team.pk})
    assert set(response.context["form"].errors) >= {"bsn", "surname", "date_of_birth", "doelgroep"}
    assert "Dit veld is verplicht." in response.content.decode()


def test_a_regime_that_contradicts_the_duty_start_is_refused(regisseur_client, registration_data):
    registration_data["regime"] = Regime.WI2013
    response = regisseur_client.post(URL, registration_data)
    assert "regime" in response.context["form"].errors
    assert not Inburgeraar.objects.exists()


def test_a_duplicate_bsn_links_to_the_existing_dossier_when_visible(
    regisseur_client, dossier, registration_data
):
    registration_data["bsn"] = dossier.bsn
    response = regisseur_client.post(URL, registration_data)
    errors = response.context["form"].errors["bsn"]
    assert dossier.get_absolute_url() in errors[0]
    assert Inburgeraar.objects.count() == 1


def test_a_duplicate_bsn_on_another_caseload_is_refused_without_a_link(
    regisseur_client, other_regisseur, team, registration_data
):
    hidden = factories.InburgeraarFactory(team=team, regisseur=other_regisseur, surname="Verborgen")
    registration_data["bsn"] = hidden.bsn
    response = regisseur_client.post(URL, registration_data)
    errors = response.context["form"].errors["bsn"]
    assert hidden.get_absolute_url() not in errors[0]
    assert hidden.surname not in response.content.decode()
    assert Inburgeraar.objects.count() == 1


def test_a_team_the_user_is_not_in_is_refused(regisseur_client, registration_data):
    registration_data["team"] = factories.TeamFactory().pk
    response = regisseur_client.post(URL, registration_data)
    assert "team" in response.context["form"].errors
    assert not Inburgeraar.objects.exists()


def test_a_teamleider_registers_an_unassigned_dossier(client, teamleider, registration_data):
    client.force_login(teamleider)
    client.post(URL, registration_data)
    assert Inburgeraar.objects.get().regisseur is None


def test_chain_partners_cannot_register(client, registration_data):
    client.force_login(factories.user_with_role(Role.KETENPARTNER))
    assert client.get(URL).status_code == 403
    assert client.post(URL, registration_data).status_code == 403
    assert not Inburgeraar.objects.exists()
