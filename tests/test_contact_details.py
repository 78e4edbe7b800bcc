"""The person's contact details (issue 19, point 1): recorded with Dutch messages next to the
field, written the one way letters use, with history; the caseload sees them, a partner for
wonen sees the address only while wonen is shared, any other partner nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inburgering.choices import Role
from inburgering.dossier import services as dossier_services
from inburgering.models import ContactDetails, Deling
from inburgering.services import ConcurrentEditError
from inburgering.sharing import services as sharing_services
from tests import factories

TYPED = {
    "street": "Kerkstraat",
    "house_number": "12a",
    "postcode": "1234ab",
    "city": "Zeewolde",
    "phone": "06-12 34 56 78",
    "email": "selam@example.org",
    "letter_language": "ti",
    "interpreter_needed": "on",
    "interpreter_language": "ti",
    "contact_name": "Yonas Tesfay",
    "contact_role": "familielid",
    "contact_phone": "+32 470 12 34 56",
    "lock_version": "0",
}


def _url(dossier):
    return reverse("dossier_contact", args=[dossier.pk])


def test_typed_details_are_written_the_one_way_letters_use(regisseur_client, dossier, regisseur):
    response = regisseur_client.post(_url(dossier), TYPED)
    assert response.status_code == 302
    contact = ContactDetails.objects.get(dossier=dossier)
    assert (contact.postcode, contact.phone, contact.contact_phone) == (
        "1234 AB",
        "+31 6 12345678",
        "+32 470 12 34 56",
    )
    assert contact.address_lines == ["Kerkstraat 12a", "1234 AB Zeewolde"]
    assert contact.history.get().history_user == regisseur
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert "Kerkstraat 12a" in page and "+31 6 12345678" in page
    assert "Nodig, in het Tigrinya" in page and "Yonas Tesfay (Familielid)" in page


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("postcode", "12345", "Een postcode heeft vier cijfers en twee letters"),
        ("postcode", "١٢٣٤ AB", "Typ de postcode met de cijfers 0 tot en met 9."),
        ("phone", "bel me", "Dit is geen telefoonnummer."),
        ("phone", "06 123", "Dit telefoonnummer bestaat niet"),
        ("phone", "٠٦١٢٣٤٥٦٧٨", "Typ het telefoonnummer met de cijfers 0 tot en met 9."),
        ("email", "selam@", "Voer een geldig e-mailadres in."),
        ("interpreter_language", "", "Kies de taal van de tolk."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(
    regisseur_client, dossier, field, typed, message
):
    response = regisseur_client.post(_url(dossier), {**TYPED, field: typed})
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert form[field].value() == typed and form["street"].value() == "Kerkstraat"
    assert not ContactDetails.objects.exists()


def test_a_contact_person_needs_a_name_and_a_role(regisseur_client, dossier):
    response = regisseur_client.post(
        _url(dossier), {**TYPED, "contact_name": "", "contact_role": "maatje"}
    )
    assert "Vul de naam van de contactpersoon in." in response.content.decode()
    response = regisseur_client.post(_url(dossier), {**TYPED, "contact_role": ""})
    assert "Zeg wie de contactpersoon is voor de persoon." in response.content.decode()


def test_markup_comes_out_literally(regisseur_client, dossier):
    marked = {**TYPED, "street": "<b>Straat</b>{{ dossier.bsn }}", "contact_name": "<i>X</i>"}
    assert regisseur_client.post(_url(dossier), marked).status_code == 302
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Straat&lt;/b&gt;{{ dossier.bsn }}" in page
    assert "<b>Straat" not in page and "&lt;i&gt;X&lt;/i&gt;" in page


def test_two_people_saving_at_once_do_not_overwrite_each_other(dossier, regisseur):
    data = {"street": "Dorpsstraat", "interpreter_needed": False}
    dossier_services.save_contact_details(
        actor=regisseur, dossier_id=dossier.pk, expected_version=0, data=data
    )
    with pytest.raises(ConcurrentEditError):
        dossier_services.save_contact_details(
            actor=regisseur, dossier_id=dossier.pk, expected_version=0, data={"city": "Ede"}
        )
    assert ContactDetails.objects.get().city == ""


def _partner(domein):
    organisatie = factories.OrganisatieFactory(naam=f"Partner {domein}", domeinen=[domein])
    user = factories.user_with_role(Role.KETENPARTNER, organisatie=organisatie)
    user.groups.add(organisatie.group)
    client = factories.VerifiedClient()
    client.force_login(user)
    return organisatie, client


def test_only_the_wonen_partner_sees_the_address_and_only_while_shared(
    regisseur_client, dossier, regisseur
):
    regisseur_client.post(_url(dossier), TYPED)
    wonen, wonen_client = _partner("wonen")
    werk, werk_client = _partner("werk")
    factories.share(dossier, regisseur, wonen)
    factories.share(dossier, regisseur, werk)

    seen = wonen_client.get(dossier.get_absolute_url()).content.decode()
    assert "Kerkstraat 12a" in seen and "1234 AB Zeewolde" in seen
    for private in ("+31 6 12345678", "selam@example.org", "Yonas Tesfay", "Tigrinya"):
        assert private not in seen
    seen = werk_client.get(dossier.get_absolute_url()).content.decode()
    for private in ("Kerkstraat", "+31 6 12345678", "selam@example.org", "Yonas Tesfay"):
        assert private not in seen
    preview = regisseur_client.get(reverse("delen_preview", args=[dossier.pk, wonen.pk]))
    assert "Kerkstraat 12a" in preview.content.decode()
    assert "+31 6 12345678" not in preview.content.decode()
    assert wonen_client.get(_url(dossier)).status_code in (403, 404)

    sharing_services.revoke_share(
        actor=regisseur, deling_id=Deling.objects.get(organisatie=wonen).pk, reden="Woning gevonden"
    )
    response = wonen_client.get(dossier.get_absolute_url())
    assert response.status_code == 404 or "Kerkstraat" not in response.content.decode()


def test_the_dossier_page_asks_the_same_queries_with_details_or_without(
    regisseur_client, dossier, regisseur, queries
):
    before = queries.get(regisseur_client, dossier.get_absolute_url())
    regisseur_client.post(_url(dossier), TYPED)
    queries.assert_same_count(before, queries.get(regisseur_client, dossier.get_absolute_url()))


def test_the_contact_page_asks_the_same_queries_whatever_the_caseload(
    regisseur_client, dossier, regisseur, team, queries
):
    before = queries.get(regisseur_client, _url(dossier))
    factories.many_dossiers(team, 30, regisseur=regisseur)
    regisseur_client.post(_url(dossier), TYPED)
    queries.assert_same_count(before, queries.get(regisseur_client, _url(dossier)))
