"""Moves within the region (issue 18, point 3): the teamleider moves a dossier to a team of
another gemeente; the termijn, route, plan and learning record stay, the new team's queue gets
it, shares with partners that do not serve the new gemeente end with the reason, and each
gemeente's privacy officer sees the part of the trail that was theirs."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inburgering.models import AuditAction, AuditEvent, Deling, DossierMove
from inburgering.services import ServiceError
from inburgering.sharing import services as sharing_services
from pip_plans.models import Pip
from tests import factories
from voortgang import services as voortgang_services
from voortgang.models import Examenresultaat


@pytest.fixture
def region(team, regisseur, dossier):
    """The dossier's gemeente and a second one with its own team, teamleider and FG; a werk
    partner serving only the first and an inkomen partner serving both."""
    other_team = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Harderwijk"))
    werk = factories.OrganisatieFactory(naam="Werkbedrijf Zeewolde", domeinen=["werk"])
    werk.gemeenten.add(team.gemeente)
    inkomen = factories.OrganisatieFactory(naam="Sociale Zaken Regio", domeinen=["inkomen"])
    inkomen.gemeenten.add(team.gemeente, other_team.gemeente)
    plan = factories.fixed_plan(dossier, regisseur)
    factories.share(dossier, regisseur, werk)
    factories.share(dossier, regisseur, inkomen)
    voortgang_services.record_examenresultaat(
        actor=regisseur,
        dossier_id=dossier.pk,
        onderdeel="lezen",
        niveau="b1",
        taken_on=datetime.date(2026, 3, 1),
        uitslag="behaald",
    )
    dossier.refresh_from_db()
    return {
        "other_team": other_team,
        "werk": werk,
        "inkomen": inkomen,
        "plan": plan,
        "teamleider": factories.teamleider(team),
        "new_teamleider": factories.teamleider(other_team),
        "new_regisseur": factories.regisseur(other_team),
        "old_fg": factories.auditor(team.gemeente),
        "new_fg": factories.auditor(other_team.gemeente),
    }


def _move(dossier, region, **fields):
    from inburgering.dossier import services as dossier_services

    values = {
        "actor": region["teamleider"],
        "dossier_id": dossier.pk,
        "expected_version": dossier.lock_version,
        "team_id": region["other_team"].pk,
        "reason": "Verhuisd naar Harderwijk",
        **fields,
    }
    return dossier_services.move_dossier(**values)


def test_a_move_keeps_the_termijn_route_plan_and_learning_record(dossier, regisseur, region):
    termijn_start = Pip.objects.get(dossier=dossier).termijn_start
    move = _move(dossier, region)
    dossier.refresh_from_db()
    assert (dossier.gemeente, dossier.team, dossier.regisseur) == (
        region["other_team"].gemeente,
        region["other_team"],
        None,  # the new team's queue
    )
    assert Pip.objects.get(dossier=dossier).termijn_start == termijn_start
    assert Pip.objects.get(dossier=dossier).versies.get().leerroute == "b1"
    assert Examenresultaat.objects.filter(dossier=dossier).count() == 1
    assert (move.from_gemeente, move.to_team) == (
        region["werk"].gemeenten.get(),
        region["other_team"],
    )
    assert dossier.history.filter(history_change_reason="Verhuisd naar Harderwijk").exists()
    event = AuditEvent.objects.get(dossier=dossier, action=AuditAction.DOSSIER_MOVED)
    assert (event.payload["to"], event.payload["reason"]) == (
        "Harderwijk",
        "Verhuisd naar Harderwijk",
    )


def test_shares_with_partners_of_the_old_gemeente_only_end_with_the_reason(dossier, region):
    nothing = sharing_services.end_shares_outside(  # the services ask this on a move
        actor=region["teamleider"],
        dossier=dossier,
        gemeente_id=dossier.gemeente_id,
        reason="Geen verhuizing",
    )
    assert nothing == []  # every partner serves the dossier's own gemeente
    _move(dossier, region)
    assert list(Deling.objects.filter(dossier=dossier).values_list("organisatie", flat=True)) == [
        region["inkomen"].pk
    ]
    ended = AuditEvent.objects.get(dossier=dossier, action=AuditAction.SHARE_ENDED)
    assert (ended.payload["cause"], ended.payload["reason"]) == (
        "dossier_moved",
        "Verhuisd naar Harderwijk",
    )


def test_the_old_regisseur_loses_the_dossier_and_the_new_team_gets_it(
    dossier, regisseur, region, client
):
    _move(dossier, region)
    client.force_login(regisseur)
    assert client.get(dossier.get_absolute_url()).status_code == 404
    client.force_login(region["new_teamleider"])
    assert client.get(reverse("assignment_queue")).content.decode().count(dossier.surname) >= 1
    from inburgering.dossier import services as dossier_services

    dossier.refresh_from_db()
    dossier_services.assign_regisseur(
        actor=region["new_teamleider"],
        dossier_ids=[dossier.pk],
        regisseur_id=region["new_regisseur"].pk,
    )
    client.force_login(region["new_regisseur"])
    page = client.get(reverse("plan_overview", args=[dossier.pk]))
    assert page.status_code == 200 and "Versie 1" in page.content.decode()


def test_each_privacy_officer_sees_the_part_of_the_trail_that_was_theirs(
    dossier, region, client, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    _move(dossier, region)
    time_machine.move_to(datetime.datetime(2026, 6, 3, 9, tzinfo=datetime.UTC))
    sharing_services.revoke_share(  # after the move: Harderwijk's
        actor=region["new_teamleider"],
        deling_id=Deling.objects.get(dossier=dossier).pk,
        reden="Geen bijstand meer",
    )
    url = reverse("privacy_dossier", args=[dossier.pk])
    client.force_login(region["old_fg"])
    old = client.get(url)
    assert old.status_code == 200
    assert "Geen bijstand meer" not in old.content.decode()
    assert "Verhuisd naar Harderwijk" in old.content.decode()
    client.force_login(region["new_fg"])
    june = {"since": "2026-06-01", "until": "2026-06-30"}  # the trail's part around the move
    assert "Geen bijstand meer" in client.get(url, june).content.decode()


def test_a_move_is_refused_without_reason_within_the_gemeente_or_by_a_regisseur(
    dossier, regisseur, region, team
):
    with pytest.raises(ServiceError):
        _move(dossier, region, reason=" ")
    with pytest.raises(ServiceError):
        _move(dossier, region, team_id=factories.TeamFactory(gemeente=team.gemeente).pk)
    with pytest.raises(ServiceError):
        _move(dossier, region, actor=regisseur)
    assert not DossierMove.objects.exists()


def test_the_move_page(dossier, region, client):
    client.force_login(region["teamleider"])
    url = reverse("dossier_move", args=[dossier.pk])
    assert url in client.get(dossier.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert "Harderwijk" in page
    response = client.post(
        url, {"team": region["other_team"].pk, "lock_version": dossier.lock_version}
    )
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(
        url,
        {
            "team": region["other_team"].pk,
            "reason": "Verhuisd",
            "lock_version": dossier.lock_version,
        },
    )
    assert response.status_code == 302
    assert DossierMove.objects.get().reason == "Verhuisd"
