"""Changing personal data: history records the user; concurrent edits never overwrite."""

import pytest
from django.urls import reverse

from inburgering import services
from inburgering.dossier import services as dossier_services
from inburgering.models import Inburgeraar
from tests import factories
from voortgang import services as voortgang_services


@pytest.fixture
def url(dossier):
    return reverse("dossier_edit", kwargs={"dossier_id": dossier.pk})


def test_a_change_shows_up_in_the_history_with_the_user(regisseur_client, regisseur, dossier, url):
    response = regisseur_client.post(url, factories.personal_data_post(dossier, surname="Al-Masri"))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.surname == "Al-Masri"
    newest, previous = dossier.history.order_by("-history_id")[:2]
    assert newest.history_user == regisseur
    delta = newest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "surname"] == [
        ("surname", previous.surname, "Al-Masri")
    ]
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert str(regisseur) in page


def test_a_stale_form_is_refused_and_keeps_what_was_typed(
    regisseur_client, other_regisseur, dossier, url
):
    stale = factories.personal_data_post(dossier, surname="Mijn wijziging")
    dossier_services.update_personal_data(
        actor=other_regisseur,
        dossier_id=dossier.pk,
        expected_version=dossier.lock_version,
        data={"given_names": "Tussendoor"},
    )
    response = regisseur_client.post(url, stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Mijn wijziging"' in html
    assert "Tussendoor" in html  # the data as it is saved now
    dossier.refresh_from_db()
    assert dossier.surname != "Mijn wijziging"
    assert dossier.given_names == "Tussendoor"
    # Resubmitting after seeing the current data is a deliberate choice and succeeds.
    form = response.context["form"]
    resubmit = {**stale, "lock_version": form["lock_version"].value()}
    assert regisseur_client.post(url, resubmit).status_code == 302
    dossier.refresh_from_db()
    assert dossier.surname == "Mijn wijziging"


def test_the_service_refuses_a_stale_version(regisseur, dossier):
    with pytest.raises(services.ConcurrentEditError):
        dossier_services.update_personal_data(
            actor=regisseur,
            dossier_id=dossier.pk,
            expected_version=dossier.lock_version + 1,
            data={"surname": "X"},
        )


def test_invalid_input_keeps_the_form_and_saves_nothing(regisseur_client, dossier, url):
    response = regisseur_client.post(
        url, factories.personal_data_post(dossier, bsn="12", surname="Nieuw")
    )
    assert response.status_code == 200
    assert "bsn" in response.context["form"].errors
    assert 'value="Nieuw"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.surname != "Nieuw"


def test_the_dossier_page_runs_a_fixed_number_of_queries(
    regisseur_client, regisseur, dossier, queries
):
    url = dossier.get_absolute_url()
    before = queries.get(regisseur_client, url)
    for surname in ("Een", "Twee", "Drie", "Vier", "Vijf"):
        dossier_services.update_personal_data(
            actor=regisseur,
            dossier_id=dossier.pk,
            expected_version=Inburgeraar.objects.get(pk=dossier.pk).lock_version,
            data={"surname": surname},
        )
    factories.InburgeraarFactory.create_batch(20, team=dossier.team, regisseur=regisseur)
    for number in range(10):  # notes outside talks, with their authors
        voortgang_services.add_voortgangsnotitie(
            actor=regisseur, dossier=dossier, leefgebied="taal", text=f"Notitie {number}"
        )
    queries.assert_same_count(before, queries.get(regisseur_client, url))
    # session, user (with roles and led teams), second-factor device, dossier (with what the
    # user may do with it), worklist badge, last change, contact details, appointments (with
    # their partners' names), letters; intake 2 (the intake with its findings' facts, the COA
    # profile); plan 3 (versions with the plan, the plan when it has no version, DUO's
    # decisions); progress 3 (talks and the plan as one row, open signals, newest notes); the
    # audit insert
    queries.assert_at_most(before, 18)
