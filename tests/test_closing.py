"""Closing a dossier: the law's dates, shares that end, and the handover export on a move."""

import datetime

import pytest
from django.urls import reverse

from inburgering.choices import ExportKind
from inburgering.law import closing_refusal
from inburgering.models import AuditEvent, Deling, DossierExport, Inburgeraar
from tests import factories

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("current", "new", "ended_on", "refused"),
    [
        ("uitvoering", "afgerond", TODAY, False),
        ("uitvoering", "verhuisd", datetime.date(2024, 3, 1), False),  # the day it started
        ("uitvoering", "afgerond", TODAY + datetime.timedelta(days=1), True),  # future
        ("uitvoering", "afgerond", datetime.date(2024, 2, 29), True),  # before the start
        ("afgerond", "verhuisd", TODAY, True),  # already closed
        ("uitvoering", "plan", TODAY, True),  # not an end
    ],
)
def test_closing_rules(current, new, ended_on, refused):
    refusal = closing_refusal(
        current_status=current,
        new_status=new,
        ended_on=ended_on,
        duty_start=datetime.date(2024, 3, 1),
        today=TODAY,
    )
    assert bool(refusal) is refused


def _close(client, dossier, **data):
    url = reverse("dossier_close", kwargs={"dossier_id": dossier.pk})
    fields = {"lock_version": dossier.lock_version, "reason": "Examen gehaald", **data}
    return client.post(url, fields)


def test_closing_ends_the_shares_and_starts_the_retention_period(
    regisseur_client, dossier, regisseur
):
    factories.share(dossier, regisseur, factories.OrganisatieFactory(domeinen=["werk"]))
    response = _close(regisseur_client, dossier, status="afgerond", ended_on="2026-11-20")
    assert response.status_code == 302
    closed = Inburgeraar.objects.get(pk=dossier.pk)
    assert (closed.status, closed.datum_einde_plicht) == ("afgerond", datetime.date(2026, 11, 20))
    assert closed.history.first().history_change_reason == "Examen gehaald"
    assert not Deling.objects.filter(dossier=dossier).exists()
    assert Deling.history.filter(dossier_id=dossier.pk, history_type="-").get().history_user == (
        regisseur
    )
    assert AuditEvent.objects.filter(dossier=dossier, action="share_ended").count() == 1
    assert not DossierExport.objects.filter(dossier=dossier).exists()
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert reverse("dossier_close", kwargs={"dossier_id": dossier.pk}) not in page


def test_a_move_needs_the_new_gemeente_and_makes_the_handover_export(
    regisseur_client, dossier, django_capture_on_commit_callbacks
):
    response = _close(regisseur_client, dossier, status="verhuisd", ended_on="2026-11-20")
    assert response.status_code == 200
    assert "Vul de gemeente in waar de persoon naartoe is verhuisd." in response.content.decode()
    assert response.context["form"]["ended_on"].value() == "2026-11-20"  # kept what was typed

    with django_capture_on_commit_callbacks() as callbacks:
        _close(
            regisseur_client,
            dossier,
            status="verhuisd",
            ended_on="2026-11-20",
            new_gemeente="Utrecht",
        )
    export = DossierExport.objects.get(dossier=dossier)
    assert export.kind == ExportKind.OVERDRACHT and "Utrecht" in export.note
    assert len(callbacks) == 1  # the render task, enqueued once the close commits
    assert Inburgeraar.objects.get(pk=dossier.pk).status == "verhuisd"


def test_bad_dates_and_stale_forms_are_refused_in_dutch(regisseur_client, dossier, regisseur):
    future = _close(regisseur_client, dossier, status="afgerond", ended_on="2099-01-01")
    assert "De inburgeringsplicht kan niet in de toekomst eindigen." in future.content.decode()
    stale = _close(
        regisseur_client, dossier, status="afgerond", ended_on="2026-11-20", lock_version=99
    )
    assert "Iemand anders heeft dit gewijzigd" in stale.content.decode()
    assert Inburgeraar.objects.get(pk=dossier.pk).status == dossier.status
