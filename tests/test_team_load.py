"""The teamleider's "Team" page: per regisseur the open dossiers by phase, PIP deadlines near
and passed, talks overdue and open signals, per team and gemeente; a fixed number of queries;
the chart and the table say the same."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.choices import DossierStatus, TeamRole
from inburgering.deadlines import latest_start_for, pip_deadline
from inburgering.models import TeamMembership
from tests import factories
from voortgang import team_load
from voortgang.models import Voortgangsgesprek

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("day", [datetime.date(2026, 3, 1), datetime.date(2024, 2, 29)])
def test_the_latest_start_is_the_inverse_of_the_deadline(day):
    assert pip_deadline(kennisgeving=latest_start_for(day), brp_inschrijving=None) == day
    later = latest_start_for(day) + DAY
    assert pip_deadline(kennisgeving=later, brp_inschrijving=None) > day


def _start_for_deadline_in(days: int) -> datetime.date:
    return latest_start_for(timezone.localdate() + days * DAY)


@pytest.fixture
def leader_client(client, teamleider):
    client.force_login(teamleider)
    return client


def test_each_regisseur_and_the_queue_are_counted(team, teamleider, regisseur, other_regisseur):
    make = factories.InburgeraarFactory
    make(team=team, regisseur=regisseur, status=DossierStatus.INTAKE)
    make(  # PIP deadline in 10 days: near
        team=team, regisseur=regisseur, datum_kennisgeving=_start_for_deadline_in(10)
    )
    make(  # PIP deadline passed yesterday
        team=team,
        regisseur=regisseur,
        status=DossierStatus.PLAN,
        datum_kennisgeving=_start_for_deadline_in(-1),
    )
    make(  # deadline 40 days away: not near
        team=team, regisseur=regisseur, datum_kennisgeving=_start_for_deadline_in(40)
    )
    running = make(team=team, regisseur=other_regisseur, status=DossierStatus.UITVOERING)
    factories.signaal(running, other_regisseur)
    factories.signaal(running, other_regisseur)
    make(team=team, regisseur=other_regisseur, status=DossierStatus.AFGEROND)  # not counted
    make(team=team, regisseur=None)  # in the queue
    make(team=factories.TeamFactory(gemeente=team.gemeente), regisseur=regisseur)  # not led

    [gemeente] = team_load.team_load(teamleider, timezone.localdate())
    [load] = gemeente.teams
    by_name = {row.name: row.load for row in load.rows}
    mine = by_name[str(regisseur)]
    assert (mine.aangemeld, mine.intake, mine.plan, mine.uitvoering) == (2, 1, 1, 0)
    assert (mine.pip_near, mine.pip_overdue, mine.total) == (1, 1, 4)
    theirs = by_name[str(other_regisseur)]
    assert (theirs.uitvoering, theirs.open_signals, theirs.total) == (1, 2, 1)
    assert load.queue.total == 1
    assert load.total.total == 6 == gemeente.total.total


def test_a_talk_planned_in_the_past_and_not_held_is_overdue(team, teamleider, regisseur):
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    factories.fixed_plan(dossier, regisseur)  # plans the first talk
    talk = Voortgangsgesprek.objects.get(dossier=dossier)
    [load] = team_load.team_load(teamleider, talk.planned_on)[0].teams
    assert load.rows[0].load.talks_overdue == 0
    later = talk.planned_on + DAY
    [load] = team_load.team_load(teamleider, later)[0].teams
    assert load.rows[0].load.talks_overdue == 1


def test_a_teamleider_of_teams_in_two_gemeenten_sees_each(team, teamleider, regisseur):
    elsewhere = factories.TeamFactory()
    TeamMembership.objects.create(team=elsewhere, user=teamleider, role=TeamRole.TEAMLEIDER)
    factories.InburgeraarFactory(team=elsewhere, regisseur=factories.regisseur(elsewhere))
    gemeenten = team_load.team_load(teamleider, timezone.localdate())
    assert sorted(g.name for g in gemeenten) == sorted(
        [team.gemeente.naam, elsewhere.gemeente.naam]
    )


def test_the_page_shows_the_same_figures_in_the_chart_and_the_table(leader_client, team, regisseur):
    for _ in range(3):
        factories.InburgeraarFactory(team=team, regisseur=regisseur)
    page = leader_client.get(reverse("team_overview"), {"sort": "total"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'role="img"' in html and "<svg" in html
    assert re.search(r"<title>Aangemeld: 3</title>", html)  # the bar's segment
    assert 'aria-sort="descending"' in html
    assert 'href="/team/"' in html  # in the navigation


def test_a_regisseur_cannot_open_the_team_page(regisseur_client):
    assert regisseur_client.get(reverse("team_overview")).status_code == 403


def test_the_team_page_runs_the_same_queries_for_5_and_500_dossiers(
    leader_client, team, regisseur, queries
):
    factories.many_dossiers(team, 5, regisseur=regisseur)
    few = queries.get(leader_client, reverse("team_overview"))
    factories.many_dossiers(team, 495, start=5, regisseur=regisseur, status="intake")
    factories.many_dossiers(team, 20, start=500, regisseur=None)
    many = queries.get(leader_client, reverse("team_overview"))
    [load] = many.response.context["gemeenten"][0].teams
    assert load.total.total == 520
    queries.assert_same_count(few, many)


def test_a_wi2013_dossier_has_no_pip_deadline_on_the_team_page_or_its_own(
    client, team, teamleider, regisseur
):
    """Under the Wi2013 there is no PIP: no deadline counted, none shown on the dossier."""
    passed = {"datum_kennisgeving": _start_for_deadline_in(-30)}
    old = factories.InburgeraarFactory(team=team, regisseur=regisseur, regime="wi2013", **passed)
    factories.InburgeraarFactory(team=team, regisseur=regisseur, regime="wi2021", **passed)
    [load] = team_load.team_load(teamleider, timezone.localdate())[0].teams
    assert load.total.pip_overdue == 1
    client.force_login(regisseur)
    page = client.get(old.get_absolute_url()).content.decode()
    assert "De termijn voor het PIP is verstreken" not in page
