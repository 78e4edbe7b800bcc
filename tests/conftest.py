"""Shared fixtures: a gemeente with a team, its regisseurs and a teamleider."""

import pytest

from tests import factories
from tests.browser import browser, page  # noqa: F401 (fixtures for the browser tests)


@pytest.fixture
def client():
    """Django's test client, with force_login completing the second factor too."""
    return factories.VerifiedClient()


@pytest.fixture
def team(db):
    return factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Leiden"))


@pytest.fixture
def regisseur(team):
    return factories.regisseur(team, username="sanne")


@pytest.fixture
def other_regisseur(team):
    return factories.regisseur(team, username="youssef")


@pytest.fixture
def teamleider(team):
    return factories.teamleider(team, username="marieke")


@pytest.fixture
def dossier(regisseur, team):
    return factories.InburgeraarFactory(team=team, regisseur=regisseur)


@pytest.fixture
def regisseur_client(client, regisseur):
    client.force_login(regisseur)
    return client
