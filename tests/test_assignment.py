"""A dossier's regisseur is chosen by a teamleider of its team: from the queue or from a
colleague (with a reason), all of a batch or none, never across gemeenten; the signals and
reminders of the old regisseur go with the dossier."""

import datetime

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from inburgering import permissions
from inburgering.choices import ENDED_STATUSES, Role
from inburgering.dossier.services import OutOfScopeError, assign_regisseur, release_dossiers
from inburgering.models import AuditAction, AuditEvent, Inburgeraar, User
from inburgering.privacy import events
from inburgering.services import ServiceError
from tests import factories
from voortgang.models import Herinnering, Signaal

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(team):
    """Registered by the teamleider: in the team's queue, without a regisseur."""
    return [factories.InburgeraarFactory(team=team, regisseur=None) for _ in range(2)]


def _state(dossiers) -> list[tuple[int, int | None, int]]:
    return list(
        Inburgeraar.objects.filter(pk__in=[d.pk for d in dossiers])
        .order_by("pk")
        .values_list("pk", "regisseur_id", "lock_version")
    )


def test_a_teamleider_assigns_a_queued_dossier_without_a_reason(teamleider, regisseur, queued):
    moved = assign_regisseur(
        actor=teamleider, dossier_ids=[queued[0].pk], regisseur_id=regisseur.pk
    )
    assert [d.pk for d in moved] == [queued[0].pk]
    assert permissions.dossier_for(regisseur, queued[0].pk).regisseur == regisseur
    event = AuditEvent.objects.get(action=AuditAction.REGISSEUR_ASSIGNED)
    assert (event.actor, event.dossier_id) == (teamleider, queued[0].pk)
    assert event.payload == {
        "old": None,
        "old_name": "",
        "new": regisseur.pk,
        "new_name": regisseur.get_full_name() or regisseur.username,
        "reason": "",
    }
    assert queued[0].history.latest().history_user == teamleider


def test_moving_three_dossiers_takes_their_signals_and_reminders_along(
    team, teamleider, regisseur, other_regisseur
):
    dossiers = [factories.InburgeraarFactory(team=team, regisseur=regisseur) for _ in range(3)]
    overdue = datetime.date.today() - datetime.timedelta(days=2)
    signaal = factories.signaal(dossiers[0], regisseur, follow_up_on=overdue)
    assert Herinnering.objects.filter(recipient=regisseur, signaal=signaal).exists()

    assign_regisseur(
        actor=teamleider,
        dossier_ids=[d.pk for d in dossiers],
        regisseur_id=other_regisseur.pk,
        reason="Ziekte van de regisseur",
    )

    with pytest.raises(Http404):  # the old regisseur's access ends with the move
        permissions.dossier_for(regisseur, dossiers[0].pk)
    assert permissions.dossiers_visible_to(other_regisseur).count() == 3
    signaal.refresh_from_db()
    assert signaal.owner == other_regisseur
    open_reminders = Herinnering.objects.filter(signaal=signaal, resolved_at=None)
    assert list(open_reminders.values_list("recipient", flat=True)) == [other_regisseur.pk]
    trail = AuditEvent.objects.filter(action=AuditAction.REGISSEUR_ASSIGNED)
    assert trail.count() == 3
    assert {e.payload["reason"] for e in trail} == {"Ziekte van de regisseur"}
    assert {e.payload["old"] for e in trail} == {regisseur.pk}
    with translation.override("nl"):
        text = events.describe(trail[0].action, trail[0].payload)
    assert text.startswith("Verplaatst van ") and text.endswith("(Ziekte van de regisseur)")


def test_one_dossier_outside_the_teams_led_refuses_the_whole_batch(
    teamleider, regisseur, queued, other_regisseur
):
    other_team = factories.TeamFactory(gemeente=queued[0].gemeente)
    foreign = factories.InburgeraarFactory(team=other_team, regisseur=None)
    before = _state([*queued, foreign])
    with pytest.raises(OutOfScopeError) as refusal:
        assign_regisseur(
            actor=teamleider,
            dossier_ids=[queued[0].pk, foreign.pk, queued[1].pk],
            regisseur_id=regisseur.pk,
        )
    assert refusal.value.dossier_ids == [foreign.pk]
    assert str(foreign.pk) in str(refusal.value)
    assert _state([*queued, foreign]) == before
    assert not AuditEvent.objects.filter(action=AuditAction.REGISSEUR_ASSIGNED).exists()


def test_taking_a_dossier_from_a_colleague_needs_a_reason(teamleider, dossier, other_regisseur):
    with pytest.raises(ServiceError, match="reden"):
        assign_regisseur(
            actor=teamleider, dossier_ids=[dossier.pk], regisseur_id=other_regisseur.pk, reason=" "
        )
    assert _state([dossier]) == [(dossier.pk, dossier.regisseur_id, dossier.lock_version)]


@pytest.mark.parametrize("who", ["other gemeente", "inactive", "no regisseur role", "teamleider"])
def test_only_an_active_regisseur_of_the_dossiers_gemeente_can_be_chosen(
    who, team, teamleider, queued
):
    if who == "other gemeente":
        chosen = factories.regisseur(factories.TeamFactory())
    elif who == "inactive":
        chosen = factories.regisseur(team, is_active=False)
    elif who == "no regisseur role":
        chosen = factories.user_with_role(Role.PRIVACY_OFFICER)
    else:
        chosen = teamleider
    with pytest.raises(ServiceError, match="gemeente"):
        assign_regisseur(actor=teamleider, dossier_ids=[queued[0].pk], regisseur_id=chosen.pk)
    assert Inburgeraar.objects.get(pk=queued[0].pk).regisseur is None


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PRIVACY_OFFICER, Role.FUNCTIONEEL_BEHEERDER])
def test_nobody_but_the_teamleider_moves_dossiers_not_even_their_own(
    role, team, dossier, regisseur, other_regisseur
):
    actor = regisseur if role == Role.REGISSEUR else factories.user_with_role(role, team)
    with pytest.raises(OutOfScopeError):
        assign_regisseur(
            actor=actor, dossier_ids=[dossier.pk], regisseur_id=other_regisseur.pk, reason="x"
        )
    assert Inburgeraar.objects.get(pk=dossier.pk).regisseur == regisseur


def test_assigning_the_same_regisseur_again_changes_nothing(teamleider, dossier, regisseur):
    assert (
        assign_regisseur(actor=teamleider, dossier_ids=[dossier.pk], regisseur_id=regisseur.pk)
        == []
    )
    assert not AuditEvent.objects.filter(action=AuditAction.REGISSEUR_ASSIGNED).exists()
    assert not Signaal.objects.exists()


def _no_open_dossier_on_an_inactive_account():
    return not (
        Inburgeraar.objects.filter(regisseur__is_active=False)
        .exclude(status__in=ENDED_STATUSES)
        .exists()
    )


def test_deactivating_a_regisseur_in_admin_sends_the_open_dossiers_to_the_queue(
    client, team, regisseur, teamleider
):
    open_dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    closed = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, status="afgerond", datum_einde_plicht="2025-01-01"
    )
    signaal = factories.signaal(open_dossier, regisseur)
    beheerder = factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER)
    client.force_login(beheerder)
    url = reverse("admin:inburgering_user_change", args=[regisseur.pk])
    response = client.post(
        url,
        {
            "username": regisseur.username,
            "first_name": regisseur.first_name,
            "last_name": regisseur.last_name,
            "email": regisseur.email,
            "groups": list(regisseur.groups.values_list("pk", flat=True)),
            "gemeenten": [],
            "organisatie": "",
            "_save": "Opslaan",
        },  # is_active left out: unticked
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not User.objects.get(pk=regisseur.pk).is_active
    assert Inburgeraar.objects.get(pk=open_dossier.pk).regisseur is None
    assert Inburgeraar.objects.get(pk=closed.pk).regisseur == regisseur  # the archive keeps it
    assert Signaal.objects.get(pk=signaal.pk).owner == teamleider
    event = AuditEvent.objects.get(action=AuditAction.REGISSEUR_ASSIGNED)
    assert (event.actor, event.dossier_id) == (beheerder, open_dossier.pk)
    with translation.override("nl"):
        text = events.describe(event.action, event.payload)
    assert text.startswith("Terug naar de wachtrij van het team") and "gedeactiveerd" in text
    assert _no_open_dossier_on_an_inactive_account()
    # The teamleider hears of it on the worklist, until the dossier has a regisseur again.
    waiting = Herinnering.objects.get(soort="wachtrij", dossier=open_dossier)
    assert waiting.recipient == teamleider and waiting.resolved_at is None
    assign_regisseur(
        actor=teamleider,
        dossier_ids=[open_dossier.pk],
        regisseur_id=factories.regisseur(team).pk,
    )
    waiting.refresh_from_db()
    assert waiting.resolved_at is not None


def test_an_account_deactivated_outside_admin_keeps_no_open_dossier(team, regisseur):
    factories.InburgeraarFactory(team=team, regisseur=regisseur)
    regisseur.is_active = False
    regisseur.save()
    assert _no_open_dossier_on_an_inactive_account()
    event = AuditEvent.objects.get(action=AuditAction.REGISSEUR_ASSIGNED)
    assert event.actor.username == "systeem"


def test_releasing_a_regisseurs_dossiers_is_one_call_from_plain_data(team, regisseur):
    dossiers = [factories.InburgeraarFactory(team=team, regisseur=regisseur) for _ in range(2)]
    released = release_dossiers(
        actor=regisseur, regisseur_id=regisseur.pk, cause=events.ACCOUNT_DEACTIVATED
    )
    assert sorted(d.pk for d in released) == sorted(d.pk for d in dossiers)
    assert not Inburgeraar.objects.filter(regisseur=regisseur).exists()
    assert release_dossiers(actor=regisseur, regisseur_id=regisseur.pk, cause="x") == []
