"""A dossier's life cycle (issue 18, point 1 and 5): the statuses and the moves between them
in one pure function that every service asks; the database ties a closed status to its date;
a closed dossier is reopened by the teamleider with a reason, with its whole history."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from inburgering.choices import ENDED_STATUSES, DossierStatus
from inburgering.dossier import lifecycle
from inburgering.dossier import services as dossier_services
from inburgering.models import AuditAction, AuditEvent, Inburgeraar
from inburgering.privacy import retention
from inburgering.services import ServiceError
from tests import factories

S = DossierStatus
RUNNING = [status for status in S if status not in ENDED_STATUSES]
ALLOWED = {
    (S.AANGEMELD, S.INTAKE),
    (S.AANGEMELD, S.PLAN),
    (S.AANGEMELD, S.UITVOERING),  # the Wi2013 has no plan
    (S.INTAKE, S.PLAN),
    (S.INTAKE, S.UITVOERING),  # a plan fixed before the intake was completed
    (S.PLAN, S.UITVOERING),
    *(
        (running, ended)
        for running in S
        if running not in ENDED_STATUSES
        for ended in ENDED_STATUSES
    ),
    *(
        (ended, running)
        for ended in ENDED_STATUSES
        for running in S
        if running not in ENDED_STATUSES
    ),
}


@pytest.mark.parametrize(("current", "new"), list(itertools.product(S, S)))
def test_every_transition_of_the_life_cycle(current, new):
    problem = lifecycle.transition_problem(current, new)
    if (current, new) in ALLOWED:
        assert problem == ""
    else:
        assert problem  # refused, with a reason in Dutch
        assert any(word in problem for word in ("dossier", "status", "terug"))


def test_a_reopened_dossier_returns_to_its_last_running_phase():
    history = ["afgerond", "uitvoering", "plan", "intake", "aangemeld"]  # newest first
    assert lifecycle.status_after_reopening(history) == "uitvoering"
    assert lifecycle.status_after_reopening(["uitgeschreven"]) == "aangemeld"


def test_the_database_refuses_an_ended_status_without_its_date_and_a_running_one_with(dossier):
    for status, ended_on in (("afgerond", None), ("intake", datetime.date(2026, 1, 1))):
        with pytest.raises(IntegrityError), transaction.atomic():
            Inburgeraar.objects.filter(pk=dossier.pk).update(
                status=status, datum_einde_plicht=ended_on
            )


def test_a_running_dossier_never_goes_back(dossier, regisseur):
    factories.fixed_plan(dossier, regisseur)
    dossier.refresh_from_db()
    assert dossier.status == "uitvoering"
    dossier_services.advance_status(actor=regisseur, dossier_id=dossier.pk, status="intake")
    dossier.refresh_from_db()
    assert dossier.status == "uitvoering"  # further already: stays


@pytest.fixture
def closed(dossier, regisseur, teamleider):
    factories.fixed_plan(dossier, regisseur)
    dossier.refresh_from_db()
    dossier_services.close_dossier(
        actor=regisseur,
        dossier_id=dossier.pk,
        expected_version=dossier.lock_version,
        status="uitgeschreven",
        ended_on=datetime.date(2026, 2, 1),
        reason="Vertrokken naar het buitenland",
    )
    dossier.refresh_from_db()
    return dossier


def test_the_teamleider_reopens_a_closed_dossier_with_its_whole_history(
    closed, teamleider, regisseur
):
    history_before = closed.history.count()
    reopened = dossier_services.reopen_dossier(
        actor=teamleider,
        dossier_id=closed.pk,
        expected_version=closed.lock_version,
        reason="Teruggekeerd naar de gemeente",
    )
    assert (reopened.status, reopened.regisseur, reopened.datum_einde_plicht) == (
        "uitvoering",
        None,
        None,
    )
    assert closed.history.count() > history_before  # nothing rewritten, rows added
    newest = closed.history.order_by("-history_id").first()
    assert newest.history_user == teamleider
    event = AuditEvent.objects.get(dossier_id=closed.pk, action=AuditAction.DOSSIER_REOPENED)
    assert event.payload["reason"] == "Teruggekeerd naar de gemeente"
    assert Inburgeraar.objects.get(pk=closed.pk).history.filter(status="uitgeschreven").exists()


def test_only_the_teamleider_reopens_and_only_a_closed_dossier(closed, regisseur, teamleider):
    with pytest.raises(ServiceError):
        dossier_services.reopen_dossier(
            actor=regisseur,
            dossier_id=closed.pk,
            expected_version=closed.lock_version,
            reason="Terug",
        )
    with pytest.raises(ServiceError):
        dossier_services.reopen_dossier(
            actor=teamleider, dossier_id=closed.pk, expected_version=closed.lock_version, reason=" "
        )
    dossier_services.reopen_dossier(
        actor=teamleider, dossier_id=closed.pk, expected_version=closed.lock_version, reason="Terug"
    )
    closed.refresh_from_db()
    with pytest.raises(ServiceError):
        dossier_services.reopen_dossier(
            actor=teamleider,
            dossier_id=closed.pk,
            expected_version=closed.lock_version,
            reason="Nog eens",
        )


def test_retention_does_not_destroy_a_reopened_dossier_on_the_old_date(closed, teamleider):
    later = datetime.date(2040, 1, 1)  # long past the old end plus the retention years
    assert closed.pk in [row.dossier_id for row in retention.due(later)]
    dossier_services.reopen_dossier(
        actor=teamleider, dossier_id=closed.pk, expected_version=closed.lock_version, reason="Terug"
    )
    assert closed.pk not in [row.dossier_id for row in retention.due(later)]
    assert retention.destroy_due(today=later) == 0
    assert Inburgeraar.objects.filter(pk=closed.pk).exists()


def test_the_reopen_page_and_the_registration_of_its_bsn(
    closed, client, teamleider, registration_data
):
    client.force_login(teamleider)
    page = client.get(closed.get_absolute_url()).content.decode()
    assert reverse("dossier_reopen", args=[closed.pk]) in page
    response = client.post(reverse("dossier_register"), {**registration_data, "bsn": closed.bsn})
    assert response.status_code == 200
    assert reverse("dossier_reopen", args=[closed.pk]) in response.content.decode()
    response = client.post(
        reverse("dossier_reopen", args=[closed.pk]),
        {"reason": "Teruggekeerd", "lock_version": closed.lock_version},
    )
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.status == "uitvoering"
    assert client.get(reverse("dossier_reopen", args=[closed.pk])).status_code == 302  # open


def test_work_does_not_start_on_a_closed_dossier(closed, regisseur, client):
    """The apps move a dossier forward when their work starts; on a closed dossier they are
    refused with the reason, and nothing is written."""
    client.force_login(regisseur)
    response = client.post(reverse("start_intake", args=[closed.pk]), follow=True)
    assert response.status_code == 200
    assert "afgesloten" in response.content.decode()
    closed.refresh_from_db()
    assert (closed.status, hasattr(closed, "brede_intake")) == ("uitgeschreven", False)
    with pytest.raises(ServiceError):
        dossier_services.advance_status(actor=regisseur, dossier_id=closed.pk, status="plan")
