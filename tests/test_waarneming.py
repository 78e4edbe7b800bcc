"""Substitutes (waarneming): a teamleider gives a colleague an absent regisseur's caseload for
a period; it holds from the first to the last day, read at every request (no job ends it),
can be ended early, shows a banner, and what the colleague does is recorded as theirs."""

import datetime

import pytest
import time_machine
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from inburgering import permissions
from inburgering.dossier.rules import waarneming_period_problems
from inburgering.dossier.services import arrange_waarneming, end_waarneming
from inburgering.models import AuditAction, AuditEvent, Waarneming
from inburgering.services import ServiceError
from tests import factories
from voortgang import selectors as voortgang_selectors

DAY = datetime.timedelta(days=1)
TODAY = datetime.date(2026, 11, 26)


# --- The rule of the period (pure) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (TODAY, TODAY, None),
        (TODAY + DAY, TODAY + 182 * DAY, None),
        (TODAY - DAY, TODAY + DAY, "starts_on"),
        (TODAY + 367 * DAY, TODAY + 370 * DAY, "starts_on"),
        (TODAY + 2 * DAY, TODAY + DAY, "ends_on"),
        (TODAY, TODAY + 183 * DAY, "ends_on"),
    ],
)
def test_the_period_of_a_substitution(start, end, field):
    problems = waarneming_period_problems(starts_on=start, ends_on=end, today=TODAY)
    assert list(problems) == ([field] if field else [])


# --- The service and the access it gives ------------------------------------------------------


def _fresh(user):
    """The user as the next request reads it (the backend's one query)."""
    return permissions.with_roles(type(user).objects.all()).get(pk=user.pk)


@pytest.mark.django_db
def test_the_substitute_works_on_the_absent_regisseurs_dossiers_and_worklist(
    team, teamleider, regisseur, other_regisseur
):
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    signaal = factories.signaal(dossier, regisseur, follow_up_on=timezone.localdate() - DAY)
    with pytest.raises(Http404):
        permissions.dossier_for(_fresh(other_regisseur), dossier.pk)

    waarneming = arrange_waarneming(  # from plain data, as a task or an import would
        actor=teamleider,
        regisseur_id=regisseur.pk,
        waarnemer_id=other_regisseur.pk,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + 6 * DAY,
        reason="Vakantie",
    )

    colleague = _fresh(other_regisseur)
    assert permissions.dossier_for(colleague, dossier.pk) == dossier
    assert permissions.current_waarneming(colleague, regisseur.pk) == waarneming
    items = voortgang_selectors.worklist(colleague, timezone.localdate())
    assert signaal in [item.signaal for item in items]
    assert voortgang_selectors.worklist_count(colleague) == len(items)
    assert not permissions.dossiers_assignable_by(colleague).exists()  # cannot reassign
    event = AuditEvent.objects.get(action=AuditAction.WAARNEMING_ARRANGED)
    assert event.actor == teamleider
    assert event.payload["reason"] == "Vakantie"
    assert waarneming.history.get().history_user == teamleider


@pytest.mark.django_db
def test_the_access_ends_after_the_last_day_without_any_job(
    team, teamleider, regisseur, other_regisseur
):
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    start = timezone.localdate()
    factories.waarneming(teamleider, regisseur, other_regisseur, days=7)
    last_day = datetime.datetime.combine(start + 6 * DAY, datetime.time(23, 59))
    with time_machine.travel(timezone.make_aware(last_day), tick=False):
        assert permissions.dossier_for(_fresh(other_regisseur), dossier.pk) == dossier
    with time_machine.travel(timezone.make_aware(last_day) + datetime.timedelta(minutes=2)):
        colleague = _fresh(other_regisseur)
        assert permissions.stands_in_for(colleague) == ()
        with pytest.raises(Http404):
            permissions.dossier_for(colleague, dossier.pk)
    assert Waarneming.objects.get().ended_at is None  # nothing wrote the end


@pytest.mark.django_db
def test_a_planned_substitution_gives_no_access_before_its_first_day(
    team, teamleider, regisseur, other_regisseur
):
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    factories.waarneming(
        teamleider, regisseur, other_regisseur, start=timezone.localdate() + 3 * DAY
    )
    with pytest.raises(Http404):
        permissions.dossier_for(_fresh(other_regisseur), dossier.pk)


@pytest.mark.django_db
def test_ending_early_takes_the_access_away_at_the_next_request(
    team, teamleider, regisseur, other_regisseur
):
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    waarneming = factories.waarneming(teamleider, regisseur, other_regisseur)
    end_waarneming(actor=teamleider, waarneming_id=waarneming.pk, reason="Eerder terug")
    with pytest.raises(Http404):
        permissions.dossier_for(_fresh(other_regisseur), dossier.pk)
    event = AuditEvent.objects.get(action=AuditAction.WAARNEMING_ENDED)
    assert (event.actor, event.payload["reason"]) == (teamleider, "Eerder terug")
    with pytest.raises(ServiceError):
        end_waarneming(actor=teamleider, waarneming_id=waarneming.pk)


@pytest.mark.django_db
def test_only_a_teamleider_of_the_team_arranges_and_only_within_the_gemeente(
    team, teamleider, regisseur, other_regisseur
):
    elsewhere = factories.TeamFactory()
    foreign = factories.regisseur(elsewhere)
    for actor, absent, colleague in [
        (regisseur, other_regisseur, regisseur),  # a regisseur arranges nothing
        (other_regisseur, regisseur, other_regisseur),
        (factories.teamleider(elsewhere), regisseur, other_regisseur),  # not their team
        (teamleider, regisseur, foreign),  # another gemeente
        (teamleider, regisseur, regisseur),  # not oneself
    ]:
        with pytest.raises(ServiceError):
            factories.waarneming(actor, absent, colleague)
    factories.waarneming(teamleider, regisseur, other_regisseur)
    with pytest.raises(ServiceError):  # the same pair twice in the same days
        factories.waarneming(
            teamleider, regisseur, other_regisseur, start=timezone.localdate() + 2 * DAY
        )
    assert Waarneming.objects.count() == 1
    waarneming = Waarneming.objects.get()
    with pytest.raises(ServiceError):  # another team's lead cannot end it
        end_waarneming(actor=factories.teamleider(elsewhere), waarneming_id=waarneming.pk)


# --- The pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_teamleider_arranges_a_substitute_on_the_page_and_ends_it(
    client, team, teamleider, regisseur, other_regisseur
):
    client.force_login(teamleider)
    url = reverse("waarnemingen")
    start = timezone.localdate()
    page = client.get(url)
    assert 'href="/team/waarneming/"' in page.content.decode()  # in the navigation
    data = {
        "regisseur": regisseur.pk,
        "waarnemer": other_regisseur.pk,
        "starts_on": start.isoformat(),
        "ends_on": (start - DAY).isoformat(),
        "reason": "Ziekte",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "De laatste dag kan niet vóór de eerste dag liggen." in refused.content.decode()
    assert 'value="Ziekte"' in refused.content.decode()  # nothing typed is lost
    assert not Waarneming.objects.exists()

    data["ends_on"] = (start + 6 * DAY).isoformat()
    done = client.post(url, data, follow=True)
    waarneming = Waarneming.objects.get()
    assert waarneming.waarnemer == other_regisseur
    assert "Ziekte" in done.content.decode()
    client.post(reverse("end_waarneming", kwargs={"waarneming_id": waarneming.pk}))
    waarneming.refresh_from_db()
    assert waarneming.ended_by == teamleider


@pytest.mark.django_db
def test_the_substitute_sees_the_banner_on_the_absent_colleagues_dossier_only(
    client, team, teamleider, regisseur, other_regisseur
):
    theirs = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    own = factories.InburgeraarFactory(team=team, regisseur=other_regisseur)
    factories.waarneming(teamleider, regisseur, other_regisseur)
    client.force_login(other_regisseur)
    name = regisseur.get_full_name() or regisseur.username
    for page_name in ("dossier_detail", "plan_overview", "voortgang_overview"):
        page = client.get(reverse(page_name, kwargs={"dossier_id": theirs.pk}))
        assert page.status_code == 200
        assert f"Waarneming voor {name}" in page.content.decode()
    page = client.get(reverse("dossier_detail", kwargs={"dossier_id": own.pk}))
    assert "Waarneming voor" not in page.content.decode()
    client.get(reverse("dossier_detail", kwargs={"dossier_id": theirs.pk}))
    assert AuditEvent.objects.filter(
        action=AuditAction.DOSSIER_VIEWED, dossier_id=theirs.pk, actor=other_regisseur
    ).exists()  # the read is the substitute's


@pytest.mark.django_db
def test_a_regisseur_cannot_open_the_substitutes_page_or_end_one(
    client, team, teamleider, regisseur, other_regisseur
):
    waarneming = factories.waarneming(teamleider, regisseur, other_regisseur)
    client.force_login(other_regisseur)
    assert client.get(reverse("waarnemingen")).status_code == 403
    url = reverse("end_waarneming", kwargs={"waarneming_id": waarneming.pk})
    assert client.post(url).status_code == 404
    waarneming.refresh_from_db()
    assert waarneming.ended_at is None


@pytest.mark.django_db
def test_the_substitutes_page_runs_the_same_queries_for_1_and_10_substitutions(
    client, team, teamleider, queries
):
    client.force_login(teamleider)
    regisseurs = [factories.regisseur(team) for _ in range(11)]
    factories.waarneming(teamleider, regisseurs[0], regisseurs[1])
    few = queries.get(client, reverse("waarnemingen"))
    for absent in regisseurs[2:]:
        factories.waarneming(teamleider, absent, regisseurs[0])
    many = queries.get(client, reverse("waarnemingen"))
    assert len(many.response.context["waarnemingen"]) == 10
    queries.assert_same_count(few, many)
