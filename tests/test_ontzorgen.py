"""Ontzorgen follows income (Pw art. 56a, domain.md §6): the permit type and the bijstand dates
are personal data kept current after the intake, so eligibility, the planned end and an early
end when bijstand stops follow from them, with a reminder four weeks before the end."""

from __future__ import annotations

import datetime
import random

import pytest
from django.urls import reverse

from pip_plans import rules, selectors
from pip_plans import services as pip_services
from tests import factories
from voortgang import reminders
from voortgang.models import Herinnering


def _edit(client, dossier, **changes):
    return client.post(
        reverse("dossier_edit", args=[dossier.pk]), factories.personal_data_post(dossier, **changes)
    )


def test_the_period_is_six_months_or_until_bijstand_stops():
    start = datetime.date(2026, 3, 31)
    full = rules.ontzorgen_period(bijstand_start=start, bijstand_end=None)
    assert (full.end, full.ended_early) == (datetime.date(2026, 9, 30), False)
    early = rules.ontzorgen_period(bijstand_start=start, bijstand_end=datetime.date(2026, 6, 15))
    assert (early.planned_end, early.end, early.ended_early) == (
        datetime.date(2026, 9, 30),
        datetime.date(2026, 6, 15),
        True,
    )
    later = rules.ontzorgen_period(bijstand_start=start, bijstand_end=datetime.date(2027, 1, 1))
    assert later.end == datetime.date(2026, 9, 30)  # bijstand goes on, ontzorgen stops


def test_a_person_housed_after_the_intake_gets_ontzorgen_once_bijstand_is_recorded(
    regisseur_client, regisseur, dossier
):
    concept = pip_services.create_pip(actor=regisseur, dossier=dossier)
    assert not pip_services.ontzorgen_applies(dossier)  # interviewed in the AZC, no income yet
    start = datetime.date.today() - datetime.timedelta(days=20)
    assert _edit(regisseur_client, dossier, datum_start_bijstand=start).status_code == 302
    dossier.refresh_from_db()
    assert pip_services.ontzorgen_applies(dossier)
    assert dossier.history.latest().history_user == regisseur
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert "Ontzorgen: van" in page
    response = regisseur_client.post(
        reverse("save_ontzorging", args=[dossier.pk]),
        {"items": ["huur", "zorgverzekering"], "lock_version": concept.lock_version},
    )
    assert response.status_code == 302
    assert concept.ontzorging.start == start


def test_a_nareiziger_with_a_regular_permit_never_gets_ontzorgen(
    regisseur_client, regisseur, dossier
):
    start = datetime.date.today() - datetime.timedelta(days=20)
    response = _edit(
        regisseur_client, dossier, verblijfsvergunning="regulier", datum_start_bijstand=start
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert selectors.ontzorgen_of(dossier) is None
    pip_services.create_pip(actor=regisseur, dossier=dossier)
    assert regisseur_client.get(reverse("save_ontzorging", args=[dossier.pk])).status_code == 404


def test_the_reminder_comes_four_weeks_before_the_end_once(regisseur, dossier):
    start = datetime.date(2026, 1, 1)  # ends on 30 June 2026
    dossier.datum_start_bijstand = start
    dossier.status = "uitvoering"
    dossier.save()
    day = datetime.date(2026, 5, 25)
    while day <= datetime.date(2026, 7, 3):
        reminders.sync(actor=regisseur, today=day)
        if day < datetime.date(2026, 6, 2):
            assert not Herinnering.objects.filter(soort="ontzorgen").exists(), day
        day += datetime.timedelta(days=1)
    reminder = Herinnering.objects.get(soort="ontzorgen")
    assert (reminder.recipient, reminder.due_on) == (regisseur, datetime.date(2026, 6, 30))
    assert reminder.resolved_at is not None  # after the end there is nothing left to prepare


def test_bijstand_that_stops_ends_ontzorgen_early_and_moves_the_reminder(
    regisseur_client, regisseur, dossier
):
    today = datetime.date.today()
    start = today - datetime.timedelta(days=60)
    _edit(regisseur_client, dossier, datum_start_bijstand=start)
    dossier.refresh_from_db()
    assert not Herinnering.objects.filter(soort="ontzorgen").exists()  # four months to go
    stops = today + datetime.timedelta(days=10)
    _edit(regisseur_client, dossier, datum_einde_bijstand=stops)  # found work
    dossier.refresh_from_db()
    assert selectors.ontzorgen_of(dossier).ended_early
    reminder = Herinnering.objects.get(soort="ontzorgen")  # made at once, not at night
    assert reminder.due_on == stops


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"datum_einde_bijstand": "2026-01-01"}, "datum_start_bijstand"),
        (
            {"datum_start_bijstand": "2026-02-01", "datum_einde_bijstand": "2026-01-31"},
            "datum_einde_bijstand",
        ),
        ({"doelgroep": "gezinsmigrant", "verblijfsvergunning": "asiel"}, "verblijfsvergunning"),
        ({"datum_start_bijstand": "2126-01-01"}, "datum_start_bijstand"),
        ({"verblijfsvergunning": ""}, "verblijfsvergunning"),
    ],
)
def test_bad_income_facts_are_explained_next_to_the_field(
    regisseur_client, dossier, changes, field
):
    if changes.get("doelgroep") == "gezinsmigrant":
        changes["datum_koppeling"] = ""
    response = _edit(regisseur_client, dossier, **changes)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    dossier.refresh_from_db()
    assert dossier.datum_start_bijstand is None


def test_the_demo_holds_ontzorgen_for_asylum_permit_holders_only():
    from inburgering.demo import demo_person

    people = [
        demo_person(random.Random(n), n, origin="SY", doelgroep=d, duty_start=day)
        for n, d, day in (
            (1, "asielstatushouder", datetime.date.today() - datetime.timedelta(days=200)),
            (6, "asielstatushouder", datetime.date.today() - datetime.timedelta(days=200)),
            (2, "gezinsmigrant", datetime.date.today() - datetime.timedelta(days=200)),
        )
    ]
    assert [(p["verblijfsvergunning"], p["datum_start_bijstand"] is not None) for p in people] == [
        ("asiel", True),
        ("regulier", True),  # a nareiziger on a regular permit: bijstand, no ontzorgen
        ("regulier", False),
    ]
