"""A dossier's regisseur is chosen by a teamleider of its team: from the queue or from a
colleague (with a reason), all of a batch or none, never across gemeenten; the signals and
reminders of the old regisseur go with the dossier."""

import datetime

import pytest
from django.http import Http404
from django.utils import translation

from inburgering import permissions
from inburgering.choices import Role
from inburgering.dossier.services import OutOfScopeError, assign_regisseur
from inburgering.models import AuditAction, AuditEvent, Inburgeraar
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
