"""Deny by default: every URL declares the rule that guards it, and the rules hold."""

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from inburgering import permissions
from inburgering.accounts.admin_site import InburgeringAdminSite
from inburgering.choices import Role
from inburgering.models import AssignmentJob, Waarneming
from pip_plans.models import Afspraak, Bezwaar, DuoBesluit, PipDocument, PipVersie
from tests import factories
from voortgang.models import Herinnering, Kwartaallevering


def _walk(patterns, namespace=None, converters=()):
    """Every URL pattern with its namespace and the names of all its path parameters."""
    for entry in patterns:
        names = (*converters, *entry.pattern.converters)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, entry.namespace or namespace, names)
        elif isinstance(entry, URLPattern):
            entry.parameter_names = names
            yield namespace, entry


pytestmark = pytest.mark.django_db  # each test in a savepoint of the module's transaction

ALL_PATTERNS = list(_walk(get_resolver().url_patterns))
APP_PATTERNS = [p for ns, p in ALL_PATTERNS if ns != "admin"]


def test_every_url_pattern_declares_a_rule():
    missing = [
        str(pattern.pattern)
        for namespace, pattern in ALL_PATTERNS
        if namespace != "admin"
        and not isinstance(getattr(pattern.callback, "guard_rule", None), permissions.Rule)
    ]
    assert not missing, f"URL patterns without a permissions.guard rule: {missing}"


def test_the_admin_urls_are_guarded_by_the_policy():
    assert any(namespace == "admin" for namespace, _ in ALL_PATTERNS)
    assert isinstance(admin.site, InburgeringAdminSite)
    assert admin.site.guard_rule is permissions.ADMIN


def _url(pattern, dossier):
    """The pattern's URL for this dossier, with real ids of its intake objects; each id is looked
    up only when the pattern has it (a query each, and this runs in every test here)."""
    intake = getattr(dossier, "brede_intake", None)
    values = {
        "dossier_id": lambda: dossier.pk,
        "leefgebied": lambda: "taal",
        "gesprek_id": lambda: intake.gesprekken.get().pk if intake else 0,
        "uitnodiging_id": lambda: intake.uitnodigingen.get().pk if intake else 0,
        "document_id": lambda: PipDocument.objects.filter(versie__pip__dossier=dossier).get().pk,
        "voortgangsgesprek_id": lambda: dossier.voortgangsgesprekken.get().pk,
        "signaal_id": lambda: dossier.signalen.get().pk,
        "herinnering_id": lambda: Herinnering.objects.filter(dossier=dossier).first().pk,
        "user_id": lambda: dossier.regisseur_id,
        "deling_id": lambda: dossier.delingen.get().pk,
        "toestemming_id": lambda: dossier.toestemmingen.get().pk,
        "organisatie_id": lambda: dossier.delingen.get().organisatie_id,
        "afspraak_id": lambda: (
            Afspraak.objects.filter(sectie__versie__pip__dossier=dossier).first().pk
        ),
        "export_id": lambda: dossier.exports.get().pk,
        "waarneming_id": lambda: Waarneming.objects.get(regisseur=dossier.regisseur).pk,
        "job_id": lambda: _job_of(dossier).pk,
        "besluit_id": lambda: DuoBesluit.objects.get(dossier=dossier).pk,
        "bijeenkomst_id": lambda: dossier.bijeenkomsten.get().pk,
        "brief_id": lambda: dossier.brieven.get().pk,
        "versie_id": lambda: PipVersie.objects.get(pip__dossier=dossier, status="vastgesteld").pk,
        "bezwaar_id": lambda: Bezwaar.objects.get(versie__pip__dossier=dossier).pk,
        "soort": lambda: "map",
        "fmt": lambda: "pdf",
        "kind": lambda: "xlsx",
        "levering_id": lambda: Kwartaallevering.objects.get(gemeente=dossier.gemeente).pk,
    }
    return reverse(pattern.name, kwargs={name: values[name]() for name in pattern.parameter_names})


def _job_of(dossier) -> AssignmentJob:
    return AssignmentJob.objects.get(dossier_ids__contains=[dossier.pk])


@pytest.fixture(scope="module")
def stranger_dossier(django_db_setup, django_db_blocker):
    """One dossier for the whole module, made once: these tests only open it, and whatever a
    test changes is rolled back inside this module's own transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        team = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Utrecht"))
        yield factories.stranger_dossier(team, factories.regisseur(team, username="youssef"))
        transaction.set_rollback(True)


@pytest.mark.parametrize("pattern", APP_PATTERNS, ids=lambda p: p.name)
def test_the_dossiers_own_regisseur_reaches_every_url(client, pattern, stranger_dossier):
    """The control for the 404s below: these URLs exist for the right user (the privacy
    officer for the privacy pages, the functioneel beheerder for retention, the teamleider for
    the queue, the dossier's regisseur for the rest)."""
    if pattern.callback.guard_rule in permissions.AUDIT_RULES:
        client.force_login(factories.auditor(stranger_dossier.gemeente))
    elif pattern.callback.guard_rule is permissions.MANAGE_RETENTION:
        client.force_login(factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER))
    elif pattern.callback.guard_rule is permissions.ASSIGNMENT_JOB:
        client.force_login(_job_of(stranger_dossier).actor)
    elif pattern.callback.guard_rule in (permissions.MONITOR, permissions.RELEASE_DELIVERY) or (
        pattern.callback.guard_rule.name == "delivery_file"
    ):
        client.force_login(factories.contactpersoon(team=stranger_dossier.team))
    elif pattern.callback.guard_rule in permissions.TEAM_RULES:
        client.force_login(factories.teamleider(stranger_dossier.team))
    else:
        client.force_login(stranger_dossier.regisseur)
    response = client.get(_url(pattern, stranger_dossier))
    assert response.status_code in (200, 302, 405)


@pytest.mark.parametrize("pattern", APP_PATTERNS, ids=lambda p: p.name)
def test_anonymous_users_are_sent_to_the_login_page(client, pattern, stranger_dossier):
    if pattern.callback.guard_rule is permissions.PUBLIC:
        assert client.get(_url(pattern, stranger_dossier)).status_code == 200
        return
    response = client.get(_url(pattern, stranger_dossier))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("pattern", APP_PATTERNS, ids=lambda p: p.name)
@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.KETENPARTNER, Role.PRIVACY_OFFICER])
def test_a_guessed_url_never_shows_another_caseloads_dossier(
    client, pattern, role, stranger_dossier, team
):
    user = factories.user_with_role(role, team)
    client.force_login(user)
    response = client.get(_url(pattern, stranger_dossier), follow=True)
    assert response.status_code in (200, 403, 404, 405)
    assert stranger_dossier.bsn not in response.content.decode()
    assert "Verborgen" not in response.content.decode()
    if isinstance(pattern.callback.guard_rule, permissions.RecordRule):
        assert response.status_code in (404, 405)
        assert client.post(_url(pattern, stranger_dossier)).status_code == 404


def test_a_regisseur_guessing_another_regisseurs_dossier_gets_404(
    regisseur_client, stranger_dossier
):
    for name in ("dossier_detail", "dossier_edit"):
        url = reverse(name, kwargs={"dossier_id": stranger_dossier.pk})
        assert regisseur_client.get(url).status_code == 404
        assert regisseur_client.post(url, {"surname": "Overschreven"}).status_code == 404
    stranger_dossier.refresh_from_db()
    assert stranger_dossier.surname == "Verborgen"


def test_admin_is_only_for_the_functioneel_beheerder(client, regisseur):
    index = reverse("admin:index")
    response = client.get(index, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next=/beheer/"
    client.force_login(regisseur)
    assert client.get(index, follow=True).status_code == 403
    client.force_login(factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER))
    assert client.get(index).status_code == 200
    assert client.get(reverse("admin:inburgering_gemeente_changelist")).status_code == 200


OFFICE_RULES = (*permissions.AUDIT_RULES, permissions.MANAGE_RETENTION)


@pytest.mark.parametrize(
    "pattern",
    [p for p in APP_PATTERNS if p.callback.guard_rule in OFFICE_RULES],
    ids=lambda p: p.name,
)
@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.TEAMLEIDER, Role.KETENPARTNER])
def test_caseworkers_and_partners_never_reach_the_privacy_and_retention_pages(
    client, pattern, role, stranger_dossier
):
    """Even for dossiers on their own caseload: these pages are for the privacy officer and
    the functioneel beheerder."""
    client.force_login(factories.user_with_role(role, stranger_dossier.team))
    assert client.get(_url(pattern, stranger_dossier)).status_code in (403, 404)
