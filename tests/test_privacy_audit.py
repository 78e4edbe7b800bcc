"""The privacy officer's trail: field changes with old and new values, events, filters, CSV."""

import csv
import io

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from inburgering.choices import Role
from inburgering.dossier import services as dossier_services
from inburgering.models import AuditAction, AuditEvent, Inburgeraar, User
from inburgering.privacy import audit, audit_trail
from tests import factories


@pytest.fixture
def fg_client(client, team):
    client.force_login(factories.auditor(team.gemeente, username="fg"))
    return client


@pytest.fixture
def audited(dossier, regisseur):
    """A surname change by the regisseur and a partner's view of the werk domain."""
    dossier_services.update_personal_data(
        actor=regisseur, dossier_id=dossier.pk, expected_version=0, data={"surname": "Nieuwnaam"}
    )
    organisatie = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    factories.share(dossier, regisseur, organisatie)
    partner = factories.user_with_role(
        Role.KETENPARTNER, username="partner", organisatie=organisatie
    )
    partner_client = factories.VerifiedClient()
    partner_client.force_login(partner)
    partner_client.get(dossier.get_absolute_url())
    return Inburgeraar.objects.get(pk=dossier.pk)


def _trail(fg_client, dossier, **params):
    url = reverse("privacy_dossier", kwargs={"dossier_id": dossier.pk})
    return fg_client.get(url, params)


def test_the_trail_shows_changes_with_old_and_new_values_and_views(fg_client, audited, regisseur):
    entries = _trail(fg_client, audited).context["page"].object_list
    renamed = [
        (entry.actor, old)
        for entry in entries
        if entry.action == "~"
        for _label, old, new in entry.changes
        if new == "Nieuwnaam"
    ]
    assert len(renamed) == 1
    actor, old = renamed[0]
    assert actor == regisseur and old and old != "Nieuwnaam"
    view = next(e for e in entries if e.action == "dossier_viewed")
    assert (view.actor.username, view.domein, str(view.organisatie)) == (
        "partner",
        "werk",
        "Werkbedrijf",
    )


def test_the_trail_filters_by_user_action_domain_and_period(fg_client, audited, regisseur):
    by_partner = _trail(fg_client, audited, action="dossier_viewed", domein="werk")
    assert {e.actor.username for e in by_partner.context["page"].object_list} == {"partner"}
    by_regisseur = _trail(fg_client, audited, user=regisseur.pk, action="~")
    assert all(e.actor == regisseur for e in by_regisseur.context["page"].object_list)
    assert not _trail(fg_client, audited, until="2000-01-01").context["page"].object_list


def test_the_csv_export_holds_the_filtered_trail_and_is_logged(fg_client, audited):
    response = _trail(fg_client, audited, format="csv", action="dossier_viewed")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["time", "user", "organisation", "action"]
    assert [row[1] for row in rows[1:]] == ["partner"]
    assert AuditEvent.objects.filter(action="exported", dossier=audited).exists()


def test_a_users_activity_across_dossiers(fg_client, audited, regisseur):
    url = reverse("privacy_user", kwargs={"user_id": regisseur.pk})
    entries = fg_client.get(url).context["page"].object_list
    assert entries and all(e.actor == regisseur for e in entries)


@pytest.mark.parametrize(
    "role", [Role.REGISSEUR, Role.TEAMLEIDER, Role.KETENPARTNER, Role.FUNCTIONEEL_BEHEERDER]
)
def test_only_the_privacy_officer_opens_these_pages(client, audited, role, team):
    """Not the functioneel beheerder either: the trail holds a person's data."""
    client.force_login(factories.auditor(team.gemeente, role=role))
    for url in (
        reverse("privacy_home"),
        reverse("privacy_dossier", kwargs={"dossier_id": audited.pk}),
        reverse("privacy_user", kwargs={"user_id": audited.regisseur_id}),
    ):
        assert client.get(url, {"q": audited.bsn}).status_code in (403, 404)
    client.force_login(factories.auditor(team.gemeente))
    assert client.get(reverse("privacy_home"), {"q": audited.bsn}).status_code == 200


def test_each_gemeente_audits_only_its_own_dossiers(client, audited, regisseur):
    """In a regional cooperation each gemeente is its own controller: another gemeente's
    privacy officer finds nothing, opens nothing, and sees none of its dossiers in a user's
    activity."""
    elders = factories.TeamFactory()
    own_dossier = factories.InburgeraarFactory(team=elders, surname="Eigenaar")
    client.force_login(factories.auditor(elders.gemeente, username="fg-elders"))
    assert not client.get(reverse("privacy_home"), {"q": audited.bsn}).context["dossiers"]
    assert client.get(reverse("privacy_home"), {"q": "Eigenaar"}).context["dossiers"]
    trail = reverse("privacy_dossier", kwargs={"dossier_id": audited.pk})
    assert client.get(trail).status_code == 404
    assert (
        client.get(reverse("privacy_dossier", kwargs={"dossier_id": own_dossier.pk})).status_code
        == 200
    )
    activity = reverse("privacy_user", kwargs={"user_id": regisseur.pk})
    assert client.get(activity).status_code == 404

    regisseur.gemeenten.add(elders.gemeente)  # now works for both gemeenten
    entries = client.get(activity).context["page"].object_list
    assert all(entry.dossier_id in (None, own_dossier.pk) for entry in entries)


def test_the_csv_export_neutralises_formulas(fg_client, audited, regisseur):
    dossier_services.update_personal_data(
        actor=regisseur,
        dossier_id=audited.pk,
        expected_version=audited.lock_version,
        data={"surname": '=HYPERLINK("http://x")', "given_names": "@SUM(A1)"},
    )
    response = _trail(fg_client, audited, format="csv", action="~")
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells and "'@SUM(A1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_a_trail_page_costs_the_same_however_long_the_trail_is(
    fg_client, audited, regisseur, queries
):
    url = reverse("privacy_dossier", kwargs={"dossier_id": audited.pk})
    fg_client.get(url)  # the trail's statements run once: the next run prepares them
    short = queries.get(fg_client, url)
    for number in range(settings.LIST_PAGE_SIZE + 10):  # views and changes: more than a page
        audit.change(actor=regisseur, action=AuditAction.DOSSIER_VIEWED, dossier=audited)
        dossier_services.update_personal_data(
            actor=regisseur,
            dossier_id=audited.pk,
            expected_version=Inburgeraar.objects.get(pk=audited.pk).lock_version,
            data={"surname": f"Naam{number}"},
        )
    long = queries.get(fg_client, url)
    queries.assert_same_count(short, long)
    page = long.response.context["page"]
    assert page.paginator.count > 2 * settings.LIST_PAGE_SIZE
    assert len(page.object_list) == settings.LIST_PAGE_SIZE
    newest = page.object_list[0]
    assert newest.at >= page.object_list[-1].at
    # The second page starts where the first ended, and its changes still name old and new.
    second = _trail(fg_client, audited, page=2).context["page"].object_list
    assert second[0].at <= page.object_list[-1].at
    renamed = [c for e in second if e.action == "~" for c in e.changes if c[2].startswith("Naam")]
    assert renamed and all(old != new for _label, old, new in renamed)
    # The database counts, orders and cuts the page: no query reads the whole trail's keys.
    # The statements have the same text for every dossier (the server binds the values), so
    # this session prepared them on their second run and only executes them since.
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("count(*)" in sql and "inburgering_auditevent" in sql for sql in prepared)
    assert any("LIMIT $" in sql and "inburgering_auditevent" in sql for sql in prepared)
    # A page is the same slice of the trail as reading all of it gives.
    trail = audit_trail.dossier_trail(audited.pk, audit_trail.Filters())
    everything = [(e.at, e.action, e.subject) for e in trail]
    assert len(everything) == len(trail) > page.paginator.count  # reading it is logged too
    assert [(e.at, e.action, e.subject) for e in trail[50:75]] == everything[50:75]


def test_the_trail_filters_by_organisation_and_offers_only_the_people_in_it(
    fg_client, audited, regisseur, team
):
    stranger = factories.regisseur(
        factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Elders")),
        username="elders",
    )
    response = _trail(fg_client, audited)
    offered = {value for value, _label in response.context["form"].fields["user"].choices}
    assert offered == {"", regisseur.pk, User.objects.get(username="partner").pk}
    assert stranger.pk not in offered
    organisatie = User.objects.get(username="partner").organisatie
    entries = _trail(fg_client, audited, organisatie=organisatie.pk).context["page"].object_list
    assert entries and {entry.actor.username for entry in entries} == {"partner"}
