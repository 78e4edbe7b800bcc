"""The teamleider's queue ("Nog toe te wijzen") and the page that gives chosen dossiers a
regisseur: only the teams led, a fixed number of queries, a refused batch changes nothing."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse
from django.utils.html import escape

from inburgering.celery import app
from inburgering.choices import DossierStatus, JobStatus
from inburgering.dossier.services import (
    OutOfScopeError,
    request_assignment_job,
    run_assignment_job,
)
from inburgering.models import AssignmentJob, AuditAction, AuditEvent, Inburgeraar, TeamMembership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_client(client, teamleider):
    client.force_login(teamleider)
    return client


def _queued(team, n=1, **kwargs):
    return [factories.InburgeraarFactory(team=team, regisseur=None, **kwargs) for _ in range(n)]


def test_the_queue_holds_the_open_unassigned_dossiers_of_the_teams_led(
    leader_client, team, regisseur
):
    waiting = _queued(team, 2)
    _queued(team, status=DossierStatus.AFGEROND, datum_einde_plicht="2025-01-01")
    factories.InburgeraarFactory(team=team, regisseur=regisseur)
    _queued(factories.TeamFactory(gemeente=team.gemeente))
    page = leader_client.get(reverse("assignment_queue"))
    assert [d.pk for d in page.context["page"].object_list] == [d.pk for d in waiting]
    assert 'href="/team/wachtrij/"' in page.content.decode()  # in the navigation


def test_the_queue_runs_the_same_queries_for_5_and_500_dossiers(leader_client, team, queries):
    factories.many_dossiers(team, 5, regisseur=None)
    few = queries.get(leader_client, reverse("assignment_queue"))
    factories.many_dossiers(team, 495, start=5, regisseur=None)
    many = queries.get(leader_client, reverse("assignment_queue"))
    assert many.response.context["page"].paginator.count == 500
    queries.assert_same_count(few, many)


def test_the_assign_page_runs_the_same_queries_for_2_and_40_dossiers(
    leader_client, team, regisseur, queries
):
    dossiers = _queued(team, 40)
    url = reverse("assign_dossiers")
    few = queries.get(leader_client, url, dossier=[d.pk for d in dossiers[:2]])
    many = queries.get(leader_client, url, dossier=[d.pk for d in dossiers])
    assert len(many.response.context["chosen"]) == 40
    queries.assert_same_count(few, many)


def test_a_teamleider_assigns_two_queued_dossiers(leader_client, team, regisseur):
    dossiers = _queued(team, 2)
    factories.InburgeraarFactory(team=team, regisseur=regisseur)  # a load of one
    ids = [d.pk for d in dossiers]
    page = leader_client.get(reverse("assign_dossiers"), {"dossier": ids})
    assert escape(f"{regisseur.get_full_name()} (1 open dossier)") in page.content.decode()
    response = leader_client.post(
        reverse("assign_dossiers"), {"dossier": ids, "regisseur": regisseur.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("assignment_queue")
    assert "2 dossiers hebben nu " in response.content.decode()
    assert set(Inburgeraar.objects.filter(pk__in=ids).values_list("regisseur", flat=True)) == {
        regisseur.pk
    }
    assert AuditEvent.objects.filter(action=AuditAction.REGISSEUR_ASSIGNED).count() == 2


def test_a_batch_with_one_foreign_dossier_changes_nothing_and_names_it(
    leader_client, team, regisseur
):
    mine = _queued(team, 2)
    foreign = _queued(factories.TeamFactory(gemeente=team.gemeente))[0]
    ids = [mine[0].pk, foreign.pk, mine[1].pk]
    response = leader_client.post(
        reverse("assign_dossiers"), {"dossier": ids, "regisseur": regisseur.pk}
    )
    assert response.status_code == 200
    assert str(foreign.pk) in response.content.decode()
    assert not Inburgeraar.objects.filter(pk__in=ids, regisseur__isnull=False).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REGISSEUR_ASSIGNED).exists()


def test_moving_from_a_colleague_without_a_reason_keeps_the_choice(
    leader_client, dossier, other_regisseur
):
    response = leader_client.post(
        reverse("assign_dossiers"), {"dossier": [dossier.pk], "regisseur": other_regisseur.pk}
    )
    form = response.context["form"]
    assert "reason" in form.errors
    assert f'value="{other_regisseur.pk}" selected' in response.content.decode()
    assert Inburgeraar.objects.get(pk=dossier.pk).regisseur != other_regisseur
    response = leader_client.post(
        reverse("assign_dossiers"),
        {"dossier": [dossier.pk], "regisseur": other_regisseur.pk, "reason": "Verlof"},
    )
    assert response.status_code == 302
    assert Inburgeraar.objects.get(pk=dossier.pk).regisseur == other_regisseur


def test_a_regisseur_of_another_gemeente_is_not_offered(leader_client, team):
    dossier = _queued(team)[0]
    elsewhere = factories.regisseur(factories.TeamFactory())
    response = leader_client.get(reverse("assign_dossiers"), {"dossier": [dossier.pk]})
    assert elsewhere not in response.context["form"].fields["regisseur"].queryset


def test_a_regisseur_may_open_neither_page(regisseur_client, dossier):
    assert regisseur_client.get(reverse("assignment_queue")).status_code == 403
    url = reverse("assign_dossiers")
    assert regisseur_client.get(url, {"dossier": [dossier.pk]}).status_code == 403
    assert regisseur_client.post(url, {"dossier": [dossier.pk]}).status_code == 403


# --- Choosing from the caseload, all matching a filter, and large batches as a job ------------


def test_the_teamleider_chooses_from_the_caseload_and_a_regisseur_cannot(
    leader_client, client, team, regisseur
):
    factories.InburgeraarFactory(team=team, regisseur=regisseur)
    page = leader_client.get(reverse("caseload")).content.decode()
    assert 'name="dossier"' in page and "?all=1" in page
    assert 'name="assigned_to"' in page  # the filter by regisseur
    client.force_login(regisseur)
    page = client.get(reverse("caseload")).content.decode()
    assert 'name="dossier"' not in page and "?all=1" not in page


def test_all_dossiers_matching_the_filter_move_across_pages(
    leader_client, team, regisseur, other_regisseur, settings
):
    settings.LIST_PAGE_SIZE = 2
    mine = [factories.InburgeraarFactory(team=team, regisseur=regisseur) for _ in range(5)]
    theirs = factories.InburgeraarFactory(team=team, regisseur=other_regisseur)
    query = {"all": "1", "assigned_to": str(regisseur.pk)}
    page = leader_client.get(reverse("assign_dossiers"), query)
    assert page.context["count"] == 5
    moved = leader_client.post(
        reverse("assign_dossiers"),
        {**query, "expected": "5", "regisseur": other_regisseur.pk, "reason": "Verlof"},
    )
    assert moved.status_code == 302
    assert set(Inburgeraar.objects.filter(regisseur=other_regisseur)) == {*mine, theirs}


def test_a_filter_that_matches_more_than_was_seen_changes_nothing(
    leader_client, team, regisseur, other_regisseur
):
    for _ in range(3):
        factories.InburgeraarFactory(team=team, regisseur=regisseur)
    response = leader_client.post(
        reverse("assign_dossiers"),
        {
            "all": "1",
            "assigned_to": regisseur.pk,
            "regisseur": other_regisseur.pk,
            "expected": "2",
            "reason": "Verlof",
        },
    )
    assert response.status_code == 200
    assert "veranderd" in response.content.decode()
    assert not Inburgeraar.objects.filter(regisseur=other_regisseur).exists()


def test_a_large_batch_runs_as_a_job_and_its_page_shows_how_far_it_is(
    leader_client,
    team,
    teamleider,
    regisseur,
    other_regisseur,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.ASSIGN_INLINE_MAX = 3
    dossiers = [factories.InburgeraarFactory(team=team, regisseur=regisseur) for _ in range(5)]
    ids = [d.pk for d in dossiers]
    with django_capture_on_commit_callbacks() as enqueued:
        response = leader_client.post(
            reverse("assign_dossiers"),
            {"dossier": ids, "regisseur": other_regisseur.pk, "reason": "Ziekte"},
        )
    job = AssignmentJob.objects.get()
    assert response["Location"] == reverse("assignment_job", kwargs={"job_id": job.pk})
    assert len(enqueued) == 1  # the task, once the request's transaction commits
    waiting = leader_client.get(response["Location"]).content.decode()
    assert "job-progress.js" in waiting and "0 van 5" in waiting  # kept current, no refresh

    run_assignment_job(job_id=job.pk)
    run_assignment_job(job_id=job.pk)  # a second delivery of the task moves nothing twice
    job.refresh_from_db()
    assert (job.status, job.done, job.moved) == (JobStatus.DONE, 5, 5)
    assert set(Inburgeraar.objects.filter(pk__in=ids).values_list("regisseur", flat=True)) == {
        other_regisseur.pk
    }
    assert AuditEvent.objects.filter(action=AuditAction.REGISSEUR_ASSIGNED).count() == 5
    finished = leader_client.get(response["Location"]).content.decode()
    assert "job-progress.js" not in finished and "5 verplaatst" in finished


def test_a_job_stops_and_says_why_when_the_team_changed_under_it(
    team, teamleider, regisseur, other_regisseur
):
    dossiers = [factories.InburgeraarFactory(team=team, regisseur=regisseur) for _ in range(3)]
    job = request_assignment_job(
        actor=teamleider,
        dossier_ids=[d.pk for d in dossiers],
        regisseur_id=other_regisseur.pk,
        reason="Ziekte",
    )
    TeamMembership.objects.filter(user=teamleider).delete()  # no longer leads the team
    run_assignment_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message
    assert not Inburgeraar.objects.filter(regisseur=other_regisseur).exists()


def test_a_job_is_refused_whole_for_one_foreign_dossier(team, teamleider, other_regisseur):
    foreign = factories.InburgeraarFactory(team=factories.TeamFactory(gemeente=team.gemeente))
    own = factories.InburgeraarFactory(team=team, regisseur=None)
    with pytest.raises(OutOfScopeError):
        request_assignment_job(
            actor=teamleider, dossier_ids=[own.pk, foreign.pk], regisseur_id=other_regisseur.pk
        )
    assert not AssignmentJob.objects.exists()


def test_only_the_teamleider_who_asked_sees_the_jobs_page(client, team, teamleider, regisseur):
    job = request_assignment_job(
        actor=teamleider,
        dossier_ids=[factories.InburgeraarFactory(team=team, regisseur=None).pk],
        regisseur_id=regisseur.pk,
    )
    url = reverse("assignment_job", kwargs={"job_id": job.pk})
    client.force_login(factories.teamleider(team))
    assert client.get(url).status_code == 404


@pytest.mark.slow  # starts a Celery worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_moves_a_large_batch_once_the_request_commits(client, settings):
    settings.ASSIGN_INLINE_MAX = 2
    team = factories.TeamFactory()
    leader, old, new = (
        factories.teamleider(team),
        factories.regisseur(team),
        factories.regisseur(team),
    )
    ids = [factories.InburgeraarFactory(team=team, regisseur=old).pk for _ in range(4)]
    client.force_login(leader)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        response = client.post(
            reverse("assign_dossiers"), {"dossier": ids, "regisseur": new.pk, "reason": "Ziekte"}
        )
        job = AssignmentJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
        deadline = time.monotonic() + 30
        while not job.finished:
            assert time.monotonic() < deadline, "the worker did not run the job"
            time.sleep(0.1)
            job.refresh_from_db()
    assert (job.status, job.moved) == (JobStatus.DONE, 4)
    assert not Inburgeraar.objects.filter(regisseur=old).exists()


def test_a_filter_that_does_not_parse_chooses_nothing(leader_client, team, regisseur):
    factories.InburgeraarFactory(team=team, regisseur=regisseur)
    page = leader_client.get(reverse("assign_dossiers"), {"all": "1", "status": "geen-status"})
    assert page.context["count"] == 0
