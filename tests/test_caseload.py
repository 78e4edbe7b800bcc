"""The caseload page: search, filters, sorting, pagination, and a fixed number of queries."""

import pytest
from django.urls import reverse

from inburgering.choices import Doelgroep, DossierStatus
from tests import factories

URL = reverse("caseload")


def _names(response):
    return [d.surname for d in response.context["page"].object_list]


@pytest.fixture
def caseload(regisseur, other_regisseur, team):
    make = factories.InburgeraarFactory
    return {
        "haddad": make(
            team=team, regisseur=regisseur, given_names="Rania", surname="Haddad", bsn="111222333"
        ),
        "kidane": make(
            team=team,
            regisseur=regisseur,
            given_names="Semhar",
            surname="Kidane",
            status=DossierStatus.INTAKE,
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        ),
        "melnyk": make(
            team=team,
            regisseur=regisseur,
            given_names="Olena",
            surname="Melnyk",
            doelgroep=Doelgroep.GEZINSMIGRANT,
        ),
        "not_mine": make(team=team, regisseur=other_regisseur, surname="Anders"),
    }


def test_the_caseload_lists_only_my_dossiers(regisseur_client, caseload):
    response = regisseur_client.get(URL)
    assert response.status_code == 200
    assert _names(response) == ["Haddad", "Kidane", "Melnyk"]
    assert "Anders" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "rania"}, ["Haddad"]),
        ({"q": "semhar kidane"}, ["Kidane"]),
        ({"q": "1112"}, ["Haddad"]),
        ({"q": "111.222.333"}, ["Haddad"]),
        ({"q": "Anders"}, []),
        ({"status": DossierStatus.INTAKE}, ["Kidane"]),
        ({"doelgroep": Doelgroep.GEZINSMIGRANT}, ["Melnyk"]),
        ({"sort": "-name"}, ["Melnyk", "Kidane", "Haddad"]),
        ({"status": "nonsense"}, ["Haddad", "Kidane", "Melnyk"]),
    ],
)
def test_search_filter_and_sort(regisseur_client, caseload, params, expected):
    assert _names(regisseur_client.get(URL, params)) == expected


def test_the_gemeente_filter(regisseur_client, caseload, regisseur):
    elsewhere = factories.TeamFactory()
    other = factories.InburgeraarFactory(team=elsewhere, regisseur=regisseur, surname="Elders")
    response = regisseur_client.get(URL, {"gemeente": other.gemeente_id})
    assert _names(response) == ["Elders"]


def test_pagination_happens_in_the_database(regisseur_client, regisseur, team, settings):
    settings.LIST_PAGE_SIZE = 2
    factories.InburgeraarFactory.create_batch(5, team=team, regisseur=regisseur)
    first = regisseur_client.get(URL)
    assert len(first.context["page"].object_list) == 2
    assert first.context["page"].paginator.num_pages == 3
    last = regisseur_client.get(URL, {"page": 3})
    assert len(last.context["page"].object_list) == 1
    assert 'rel="prev"' in last.content.decode()


def test_the_caseload_runs_the_same_queries_for_5_and_200_dossiers(
    regisseur_client, regisseur, team, settings, queries
):
    settings.LIST_PAGE_SIZE = 250
    factories.InburgeraarFactory.create_batch(5, team=team, regisseur=regisseur)
    with_five = queries.get(regisseur_client, URL)
    factories.InburgeraarFactory.create_batch(195, team=team, regisseur=regisseur)
    with_two_hundred = queries.get(regisseur_client, URL)
    queries.assert_same_count(with_five, with_two_hundred)
    # session, user, second-factor device, roles, led teams, count, worklist badge, gemeenten,
    # page
    queries.assert_at_most(with_two_hundred, 9)


def test_a_teamleider_sees_the_whole_team(client, teamleider, caseload):
    client.force_login(teamleider)
    assert _names(client.get(URL)) == ["Anders", "Haddad", "Kidane", "Melnyk"]
