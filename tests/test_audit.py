"""The audit log: reads, refusals, logins and share changes; one insert per request; append-only."""

import pytest
from django.urls import path, reverse

from inburgering import permissions
from inburgering import urls as project_urls
from inburgering.choices import Role
from inburgering.models import AppendOnlyError, AuditEvent
from tests import factories


def _events(**filters):
    return list(AuditEvent.objects.filter(**filters).values_list("action", "domein", "detail"))


def test_viewing_a_dossier_is_logged_with_who_and_where(regisseur_client, regisseur, dossier):
    regisseur_client.get(
        dossier.get_absolute_url(), HTTP_USER_AGENT="Firefox", REMOTE_ADDR="10.1.2.3"
    )
    event = AuditEvent.objects.get(action="dossier_viewed")
    assert (event.actor, event.dossier, event.domein, event.detail) == (
        regisseur,
        dossier,
        "",
        "dossier_detail",
    )
    assert (event.ip_address, event.user_agent) == ("10.1.2.3", "Firefox")


def test_a_partner_view_is_logged_per_shared_domain(client, dossier, regisseur):
    organisatie = factories.OrganisatieFactory(domeinen=["werk", "wonen"])
    factories.share(dossier, regisseur, organisatie)
    partner = factories.user_with_role(Role.KETENPARTNER, organisatie=organisatie)
    client.force_login(partner)
    client.get(dossier.get_absolute_url())
    assert sorted(_events(actor=partner, action="dossier_viewed")) == [
        ("dossier_viewed", "werk", "dossier_detail"),
        ("dossier_viewed", "wonen", "dossier_detail"),
    ]
    assert AuditEvent.objects.filter(actor=partner).first().organisatie == organisatie


def test_a_refused_url_is_logged(client, dossier, team):
    stranger = factories.regisseur(team, username="stranger")
    client.force_login(stranger)
    assert client.get(dossier.get_absolute_url()).status_code == 404
    assert _events(actor=stranger) == [("access_denied", "", dossier.get_absolute_url())]


def test_logins_and_failed_logins_are_logged(client, regisseur):
    client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    client.post(reverse("login"), {"username": "sanne", "password": factories.PASSWORD})
    assert _events(action="login_failed") == [("login_failed", "", "sanne")]
    assert AuditEvent.objects.get(action="login").actor == regisseur


def test_share_changes_are_logged(regisseur_client, dossier):
    organisatie = factories.OrganisatieFactory(domeinen=["werk"])
    regisseur_client.post(
        reverse("delen_grant", kwargs={"dossier_id": dossier.pk}),
        {
            "organisatie": organisatie.pk,
            "domeinen": ["werk"],
            "grondslag": "wettelijke_taak",
            "wettelijk_artikel": "art. 7 Pw",
            "valid_until": "2027-01-01",
            "reden": "Werk",
        },
    )
    assert _events(action="share_granted", dossier=dossier)[0][1] == "werk"


def test_the_audit_log_adds_one_insert_to_a_page(regisseur_client, dossier, queries):
    page = queries.get(regisseur_client, dossier.get_absolute_url())
    inserts = [sql for sql in page.sql if sql.startswith('INSERT INTO "inburgering_auditevent"')]
    assert len(inserts) == 1, page.listing()


@pytest.mark.parametrize("url_name", ["caseload", "partner_home", "worklist"])
def test_list_pages_write_no_audit_rows_per_item(
    regisseur_client, regisseur, team, url_name, queries
):
    factories.InburgeraarFactory.create_batch(5, team=team, regisseur=regisseur)
    with queries.capture() as page:
        regisseur_client.get(reverse(url_name))
    assert sum("inburgering_auditevent" in sql for sql in page.sql) <= 1, page.listing()


def test_the_audit_log_cannot_be_changed_or_deleted(regisseur_client, dossier):
    regisseur_client.get(dossier.get_absolute_url())
    event = AuditEvent.objects.get(action="dossier_viewed")
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(detail="weg")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@permissions.guard(permissions.VIEW_DOSSIER)
def _failing_view(request, dossier):
    raise RuntimeError("the page fails after reading the dossier")


urlpatterns = [
    *project_urls.urlpatterns,
    path("faalt/<int:dossier_id>/", _failing_view, name="failing"),
]


def test_the_read_is_logged_even_when_the_page_then_fails(regisseur_client, dossier, settings):
    settings.ROOT_URLCONF = __name__
    regisseur_client.raise_request_exception = False
    assert regisseur_client.get(f"/faalt/{dossier.pk}/").status_code == 500
    assert _events(dossier=dossier) == [("dossier_viewed", "", "failing")]
