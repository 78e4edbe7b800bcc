"""The teamleider's worklist: dossiers waiting in the queue too long, PIP deadlines passed,
plans without a talk for months, substitutes ending this week; only the teams led, a fixed
number of queries."""

import datetime

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from inburgering.choices import DossierStatus
from inburgering.deadlines import latest_start_for
from inburgering.models import Inburgeraar
from tests import factories
from voortgang.team_worklist import team_worklist

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _registered_days_ago(days, **fields):
    with time_machine.travel(timezone.now() - days * DAY):
        return factories.InburgeraarFactory(**fields)


def test_each_list_holds_what_waits_in_the_teams_led(
    team, teamleider, regisseur, other_regisseur, settings
):
    settings.TEAM_QUEUE_WAIT_DAYS = 5
    settings.TEAM_NO_TALK_MONTHS = 4
    today = timezone.localdate()
    waiting = _registered_days_ago(6, team=team, regisseur=None)
    _registered_days_ago(2, team=team, regisseur=None)  # not long enough
    _registered_days_ago(9, team=factories.TeamFactory(), regisseur=None)  # not a led team
    late = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, datum_kennisgeving=latest_start_for(today - 3 * DAY)
    )
    factories.InburgeraarFactory(  # the deadline is today: still in time
        team=team, regisseur=regisseur, datum_kennisgeving=latest_start_for(today)
    )
    silent = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    factories.fixed_plan(silent, regisseur, dagtekening=today - relativedelta(months=5))
    recent = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    factories.fixed_plan(recent, regisseur, dagtekening=today - relativedelta(months=1))
    silent = Inburgeraar.objects.select_related("pip").get(pk=silent.pk)
    assert silent.pip.termijn_start <= today - relativedelta(months=4)
    assert silent.status == DossierStatus.UITVOERING
    ending = factories.waarneming(teamleider, regisseur, other_regisseur, days=4)
    factories.waarneming(teamleider, other_regisseur, regisseur, days=31)  # ends next month

    lists = team_worklist(teamleider, today)
    assert [d.pk for d in lists.waiting.rows] == [waiting.pk]
    assert [(d.pk, d.days_overdue) for d in lists.pip_overdue.rows] == [(late.pk, 3)]
    assert [d.pk for d in lists.no_talk.rows] == [silent.pk]
    assert list(lists.waarnemingen_ending.rows) == [ending]
    assert lists.total == 4
    assert team_worklist(regisseur, today) is None


def test_the_worklist_page_shows_the_team_lists_to_the_teamleider(client, team, teamleider):
    _registered_days_ago(30, team=team, regisseur=None, surname="Wachtend")
    client.force_login(teamleider)
    html = client.get(reverse("worklist")).content.decode()
    assert "In uw teams" in html
    assert "Wachtend" in html


def test_the_team_lists_run_the_same_queries_for_5_and_50_dossiers(
    client, team, teamleider, regisseur, queries
):
    client.force_login(teamleider)
    old = {"datum_kennisgeving": datetime.date(2025, 1, 1), "status": "aangemeld"}
    with time_machine.travel(timezone.now() - 10 * DAY):
        factories.many_dossiers(team, 5, regisseur=None, **old)
    few = queries.get(client, reverse("worklist"))
    with time_machine.travel(timezone.now() - 10 * DAY):
        factories.many_dossiers(team, 45, start=5, regisseur=None, **old)
    many = queries.get(client, reverse("worklist"))
    lists = many.response.context["team"]
    assert (lists.waiting.total, len(lists.waiting.rows)) == (50, 25)
    assert lists.pip_overdue.total == 50
    queries.assert_same_count(few, many)
