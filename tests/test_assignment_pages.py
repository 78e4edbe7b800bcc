"""The teamleider's queue ("Nog toe te wijzen") and the page that gives chosen dossiers a
regisseur: only the teams led, a fixed number of queries, a refused batch changes nothing."""

import pytest
from django.urls import reverse

from inburgering.choices import DossierStatus
from inburgering.models import AuditAction, AuditEvent, Inburgeraar
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
    assert f"{regisseur.get_full_name()} (1 open dossier)" in page.content.decode()
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
