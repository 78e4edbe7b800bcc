"""Django admin is for administering, never for reading or changing a person's data.

The functioneel beheerder once opened any dossier's history in admin, with BSN and date of
birth in an editable form whose POST saved past the services, and could make any account a
superuser, their own included. The leak sweep (test_leak_sweep.py) requests every admin URL
with every dossier id as every role; these tests hold the rest.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core import checks
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inburgering.accounts.admin_site import no_person_data_in_admin
from inburgering.choices import Role, TeamRole
from inburgering.models import AuditEvent, Inburgeraar, TeamMembership, User, UserSession
from inburgering.privacy import events
from tests import factories


@pytest.fixture
def beheerder(db):
    return factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER, username="beheer")


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client


def _snapshot(dossier) -> tuple:
    dossier.refresh_from_db()
    return (
        dossier.bsn,
        dossier.date_of_birth,
        dossier.surname,
        dossier.lock_version,
        Inburgeraar.history.filter(id=dossier.pk).count(),
    )


def test_no_model_with_a_persons_data_is_registered_in_admin():
    assert no_person_data_in_admin() == []
    assert Inburgeraar not in admin.site._registry


def test_the_system_check_refuses_a_dossier_model_in_admin():
    admin.site.register(Inburgeraar)
    try:
        errors = no_person_data_in_admin()
    finally:
        admin.site.unregister(Inburgeraar)
    assert [error.id for error in errors] == ["inburgering.E001"]
    assert all(isinstance(error, checks.Error) for error in errors)


def test_the_dossier_history_pages_of_admin_are_gone(beheer_client, dossier):
    before = _snapshot(dossier)
    version = Inburgeraar.history.filter(id=dossier.pk).first().history_id
    base = f"/beheer/inburgering/inburgeraar/{dossier.pk}"
    for url in (f"{base}/history/", f"{base}/history/{version}/", f"{base}/change/"):
        response = beheer_client.get(url, follow=True)
        assert response.status_code == 404, url
        assert dossier.bsn not in response.content.decode()
        posted = beheer_client.post(url, {"bsn": "111222333", "surname": "Gewijzigd"})
        assert posted.status_code in (302, 404)
    assert _snapshot(dossier) == before


def test_the_view_on_site_shortcut_does_not_lead_to_a_dossier(beheer_client, dossier):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Inburgeraar)
    url = reverse("admin:view_on_site", args=[content_type.pk, dossier.pk])
    assert beheer_client.get(url).status_code == 404


def test_the_beheerder_reads_no_audit_trail(beheer_client, dossier):
    for url in (
        reverse("privacy_home"),
        reverse("privacy_dossier", kwargs={"dossier_id": dossier.pk}),
    ):
        assert beheer_client.get(url, {"q": dossier.bsn}).status_code in (403, 404)


def _user_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "organisatie": user.organisatie_id or "",
        "gemeenten": [str(pk) for pk in user.gemeenten.values_list("pk", flat=True)],
    }
    return {key: value for key, value in (data | changes).items() if value not in ("", None)}


def _change_url(user) -> str:
    return reverse("admin:inburgering_user_change", args=[user.pk])


def test_nobody_becomes_a_superuser_through_admin(beheer_client, regisseur, beheerder):
    for user in (regisseur, beheerder):
        response = beheer_client.post(
            _change_url(user), _user_form(user, is_superuser="on", is_staff="on")
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert not user.is_superuser
        assert not user.is_staff


def test_the_beheerder_cannot_change_their_own_roles(beheer_client, beheerder):
    regisseurs = Group.objects.get(name=Role.REGISSEUR)
    own = _user_form(beheerder)
    own["groups"] = [*own["groups"], str(regisseurs.pk)]
    beheer_client.post(_change_url(beheerder), own)
    assert set(beheerder.groups.values_list("name", flat=True)) == {Role.FUNCTIONEEL_BEHEERDER}
    page = beheer_client.get(_change_url(beheerder)).content.decode()
    assert 'name="groups"' not in page


def test_a_role_change_is_an_audit_event_with_before_and_after(beheer_client, regisseur):
    teamleiders = Group.objects.get(name=Role.TEAMLEIDER)
    data = _user_form(regisseur)
    data["groups"] = [*data["groups"], str(teamleiders.pk)]
    assert beheer_client.post(_change_url(regisseur), data).status_code == 302
    event = AuditEvent.objects.get(action="roles_changed")
    assert event.actor.username == "beheer"
    assert event.payload == {
        "user": regisseur.pk,
        "username": regisseur.username,
        "before": ["regisseur"],
        "after": ["regisseur", "teamleider"],
    }
    with translation.override("nl"):
        shown = events.describe(event.action, event.payload)
    assert shown == f"Rollen van {regisseur.username}: Regisseur → Regisseur, Teamleider"


def test_changes_to_teams_and_municipalities_are_audit_events(beheer_client, team):
    response = beheer_client.post(
        reverse("admin:inburgering_gemeente_add"), {"naam": "Zeewolde", "cbs_code": "GM0050"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="admin_added", payload__name="Zeewolde").exists()
    change = reverse("admin:inburgering_team_change", args=[team.pk])
    data = {
        "gemeente": team.gemeente_id,
        "naam": "Team Noord",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    inline_prefix = _inline_prefix(beheer_client, change)
    data = {key.replace("memberships", inline_prefix): value for key, value in data.items()}
    assert beheer_client.post(change, data).status_code == 302
    event = AuditEvent.objects.get(action="admin_changed")
    assert (event.payload["model"], event.payload["object"]) == ("inburgering.team", team.pk)
    assert "Team Noord" in event.payload["name"]


def _inline_prefix(client, url) -> str:
    """The management form prefix of the team's membership inline, as admin renders it."""
    page = client.get(url).content.decode()
    marker = '-TOTAL_FORMS"'
    end = page.index(marker)
    start = page.rindex('name="', 0, end) + len('name="')
    return page[start:end]


def test_the_beheerder_cannot_put_themselves_in_a_team(beheer_client, beheerder, team):
    change = reverse("admin:inburgering_team_change", args=[team.pk])
    prefix = _inline_prefix(beheer_client, change)
    data = {
        "gemeente": team.gemeente_id,
        "naam": team.naam,
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-user": beheerder.pk,
        f"{prefix}-0-role": TeamRole.TEAMLEIDER,
        f"{prefix}-0-team": team.pk,
    }
    response = beheer_client.post(change, data)
    assert response.status_code == 200
    assert not TeamMembership.objects.filter(user=beheerder).exists()


def test_deactivating_an_account_deletes_its_sessions(beheer_client, regisseur):
    browser = factories.VerifiedClient()
    browser.force_login(regisseur)
    assert browser.get(reverse("caseload")).status_code == 200
    assert UserSession.objects.filter(user=regisseur).count() == 1

    data = _user_form(regisseur)
    del data["is_active"]
    assert beheer_client.post(_change_url(regisseur), data).status_code == 302
    assert not UserSession.objects.filter(user=regisseur).exists()

    beheer_client.post(_change_url(regisseur), _user_form(User.objects.get(pk=regisseur.pk)))
    data = _user_form(User.objects.get(pk=regisseur.pk), is_active="on")
    beheer_client.post(_change_url(regisseur), data)
    assert User.objects.get(pk=regisseur.pk).is_active
    response = browser.get(reverse("caseload"))
    assert response.status_code == 302  # the old session is gone, not merely refused
    assert response["Location"].startswith(reverse("login"))


def test_sessions_know_their_user_and_logging_out_removes_it(regisseur):
    browser = Client()
    browser.force_login(regisseur)
    assert UserSession.objects.get().user == regisseur
    browser.logout()
    assert not UserSession.objects.filter(user=regisseur).exists()


def test_an_old_version_cannot_be_posted_back(beheer_client, regisseur):
    """simple-history's form saves a whole old version when posted: a superuser flag that an
    account once had would come back. The history is shown, never reverted."""
    User.objects.filter(pk=regisseur.pk).update(is_superuser=True)
    regisseur.refresh_from_db()
    regisseur.save()  # a version with the flag set
    regisseur.is_superuser = False
    regisseur.save()
    old = regisseur.history.filter(is_superuser=True).get().history_id
    url = reverse("admin:inburgering_user_simple_history", args=[regisseur.pk, old])
    assert beheer_client.get(url).status_code == 200
    assert beheer_client.post(url, _user_form(regisseur)).status_code == 405
    assert not User.objects.get(pk=regisseur.pk).is_superuser
    bad = reverse("admin:inburgering_user_simple_history", args=["¹", old])
    assert beheer_client.get(bad).status_code == 404
