"""The policy: caseload access is relational; everybody else sees nothing yet."""

import re

import pytest
from django.http import Http404
from django.urls import reverse

from inburgering import permissions
from inburgering.choices import Role
from inburgering.permissions import Action
from tests import factories


def test_a_regisseur_sees_only_the_dossiers_assigned_to_them(dossier, regisseur, other_regisseur):
    other = factories.InburgeraarFactory(team=dossier.team, regisseur=other_regisseur)
    assert list(permissions.dossiers_visible_to(regisseur)) == [dossier]
    assert permissions.can(regisseur, Action.EDIT, dossier)
    assert not permissions.can(regisseur, Action.VIEW, other)
    with pytest.raises(Http404):
        permissions.dossier_for(regisseur, other.pk)


def test_a_teamleider_sees_the_dossiers_of_their_team_only(dossier, teamleider, team):
    unassigned = factories.InburgeraarFactory(team=team, regisseur=None)
    elsewhere = factories.InburgeraarFactory()
    visible = set(permissions.dossiers_visible_to(teamleider))
    assert visible == {dossier, unassigned}
    assert elsewhere not in visible
    assert permissions.can(teamleider, Action.EDIT, dossier)


def test_a_teamleider_role_without_leading_the_team_grants_nothing(dossier):
    lead_elsewhere = factories.teamleider(factories.TeamFactory())
    assert not permissions.dossiers_visible_to(lead_elsewhere).exists()


@pytest.mark.parametrize(
    "role", [Role.KETENPARTNER, Role.PRIVACY_OFFICER, Role.FUNCTIONEEL_BEHEERDER]
)
def test_other_roles_see_no_dossiers_yet(dossier, role):
    user = factories.user_with_role(role)
    assert not permissions.dossiers_visible_to(user).exists()
    assert not permissions.can(user, Action.VIEW, dossier)
    assert not permissions.can_register_dossier(user)


def test_an_assigned_regisseur_without_the_role_sees_nothing(team):
    user = factories.UserFactory()
    factories.InburgeraarFactory(team=team, regisseur=user)
    assert not permissions.dossiers_visible_to(user).exists()


def test_an_inactive_regisseur_sees_nothing(dossier, regisseur):
    regisseur.is_active = False
    regisseur.save()
    assert not permissions.dossiers_visible_to(regisseur).exists()


def test_dossier_for_rejects_nonsense_ids(regisseur):
    with pytest.raises(Http404):
        permissions.dossier_for(regisseur, "abc")


def test_only_the_functioneel_beheerder_may_use_admin(client, regisseur):
    client.force_login(regisseur)
    assert client.get("/beheer/", follow=True).status_code == 403
    beheerder = factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER)
    assert not permissions.can_use_admin(beheerder)  # outside a request: no second factor
    client.force_login(beheerder)
    assert client.get("/beheer/").status_code == 200


def test_a_request_reads_the_user_with_organisation_and_roles_in_one_query(client, queries):
    organisatie = factories.OrganisatieFactory(domeinen=["werk"])
    partner = factories.user_with_role(Role.KETENPARTNER, organisatie=organisatie)
    client.force_login(partner)
    captured = queries.get(client, reverse("partner_home"))
    (user_query,) = [sql for sql in captured.sql if 'FROM "inburgering_user"' in sql]
    assert '"auth_group"' in user_query and '"inburgering_organisatie"' in user_query
    assert not [
        sql
        for sql in captured.sql
        if re.match(r'SELECT "(auth_group|inburgering_organisatie)"', sql)
    ]
    assert captured.response.context["user"].organisatie == partner.organisatie


def test_a_role_taken_away_holds_from_the_next_request(regisseur_client, regisseur, dossier):
    assert regisseur_client.get(dossier.get_absolute_url()).status_code == 200
    regisseur.groups.clear()
    assert regisseur_client.get(dossier.get_absolute_url()).status_code == 404
