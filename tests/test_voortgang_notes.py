"""Progress notes outside a talk reach the regisseur: on the dossier page, the progress
overview and the timeline; a partner still sees only what was shared with it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.choices import Role
from tests import factories
from voortgang import services
from voortgang.models import Voortgangsnotitie

TODAY = timezone.localdate()


@pytest.fixture
def werkbedrijf(db):
    return factories.OrganisatieFactory(naam="Werkbedrijf Noord", domeinen=["werk"])


@pytest.fixture
def shared_dossier(dossier, regisseur, werkbedrijf):
    factories.fixed_plan(dossier, regisseur, dagtekening=TODAY)
    factories.share(dossier, regisseur, werkbedrijf)
    return dossier


@pytest.fixture
def jobcoach(werkbedrijf):
    user = factories.user_with_role(
        Role.KETENPARTNER,
        username="jobcoach",
        first_name="Joris",
        last_name="Coach",
        email="joris@werkbedrijf.test",
        organisatie=werkbedrijf,
    )
    user.groups.add(werkbedrijf.group)
    return user


def _partner_note(client, jobcoach, dossier, text="Start bij de bakker op maandag"):
    client.force_login(jobcoach)
    url = reverse("notitie_create", kwargs={"dossier_id": dossier.pk})
    assert client.post(url, {"leefgebied": "werk", "text": text}).status_code == 302
    return Voortgangsnotitie.objects.get(text=text)


def _page(name, dossier):
    if name == "dossier":
        return dossier.get_absolute_url()
    return reverse(name, kwargs={"dossier_id": dossier.pk})


@pytest.mark.parametrize("page", ["dossier", "voortgang_overview", "dossier_timeline"])
def test_a_partners_note_reaches_the_regisseur_with_who_wrote_it_and_when(
    client, regisseur, jobcoach, shared_dossier, page
):
    _partner_note(client, jobcoach, shared_dossier)
    client.force_login(regisseur)
    html = client.get(_page(page, shared_dossier)).content.decode()
    assert "Start bij de bakker" in html
    assert "Joris Coach" in html and "Werkbedrijf Noord" in html
    assert f'datetime="{TODAY:%Y-%m-%d}"' in html


@pytest.mark.parametrize("page", ["dossier", "voortgang_overview", "dossier_timeline"])
def test_the_regisseurs_own_note_outside_a_talk_shows_on_the_regisseurs_pages(
    regisseur_client, regisseur, shared_dossier, page
):
    regisseur.first_name, regisseur.last_name = "Sanne", "de Vries"
    regisseur.save()
    services.add_note(
        actor=regisseur, dossier=shared_dossier, leefgebied="taal", text="Oefent thuis met de app"
    )
    html = regisseur_client.get(_page(page, shared_dossier)).content.decode()
    assert "Oefent thuis met de app" in html and "Sanne de Vries" in html


def test_the_timeline_names_the_note_with_its_leefgebied_author_and_organisation(
    client, regisseur, jobcoach, shared_dossier
):
    note = _partner_note(client, jobcoach, shared_dossier)
    client.force_login(regisseur)
    entries = client.get(_page("dossier_timeline", shared_dossier)).context["entries"]
    entry = next(e for e in entries if e.kind == "notitie")
    assert entry.day == TODAY
    assert "Werk en participatie" in entry.title
    assert entry.detail.startswith("Joris Coach, Werkbedrijf Noord")
    assert client.get(entry.url).status_code == 200
    assert entry.url.endswith(f"#notitie-{note.pk}")


def test_a_partner_never_sees_notes_of_domains_not_shared_with_it(
    client, regisseur, werkbedrijf, jobcoach, shared_dossier
):
    hidden = ("wonen", "inkomen", "gezondheid")
    for leefgebied in ("werk", *hidden):
        services.add_note(
            actor=regisseur,
            dossier=shared_dossier,
            leefgebied=leefgebied,
            text=f"Notitie over {leefgebied}",
        )
    _partner_note(client, jobcoach, shared_dossier, text="Notitie van de jobcoach")
    preview = reverse(
        "delen_preview",
        kwargs={"dossier_id": shared_dossier.pk, "organisatie_id": werkbedrijf.pk},
    )
    client.force_login(regisseur)
    pages = {"preview": client.get(preview).content.decode()}
    client.force_login(jobcoach)
    pages["partner"] = client.get(shared_dossier.get_absolute_url()).content.decode()
    for html in pages.values():
        assert "Notitie over werk" in html and "Notitie van de jobcoach" in html
        for leefgebied in hidden:
            assert f"Notitie over {leefgebied}" not in html
    for name in ("voortgang_overview", "dossier_timeline"):
        assert client.get(_page(name, shared_dossier)).status_code == 404
    assert not client.get(reverse("worklist")).context["page"].object_list
