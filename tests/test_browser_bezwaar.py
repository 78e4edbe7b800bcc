"""A regisseur records in the browser how the plan was handed over and signed for, then an
objection, and its founded outcome opens a plan change with the reason 'bezwaar'."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pip_plans.models import PipVersie
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def _save(page):
    page.locator("form.app-form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Bekendmaking en bezwaar")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_made_known_objected_to_and_changed(live_server, page):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    today = timezone.localdate()
    dagtekening = today - datetime.timedelta(days=30)
    versie = factories.fixed_plan(dossier, regisseur, dagtekening=dagtekening)

    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}plan/")
    page.get_by_role("link", name="Bekendmaking vastleggen").click()
    page.locator("input[name=wijze][value=uitgereikt]").check()
    page.locator("#id_made_known_on").fill((dagtekening + datetime.timedelta(days=2)).isoformat())
    page.locator("#id_receipt_signed").check()
    assert_accessible(page)
    _save(page)
    expect(page.locator("main")).to_contain_text("heeft voor ontvangst getekend")
    assert_accessible(page)

    page.get_by_role("link", name="Bezwaar vastleggen").click()
    page.locator("#id_received_on").fill((today + datetime.timedelta(days=1)).isoformat())
    page.locator("#id_grounds").fill("Wil de onderwijsroute.")
    page.locator("form.app-form button[type=submit]").click()
    expect(page.locator("#id_received_on_error")).to_contain_text("niet in de toekomst")
    expect(page.locator("#id_grounds")).to_have_value("Wil de onderwijsroute.")
    assert_accessible(page)
    page.locator("#id_received_on").fill(today.isoformat())
    _save(page)

    page.get_by_role("link", name="Beslissing vastleggen").click()
    page.locator("input[name=uitkomst][value=gegrond]").check()
    page.locator("#id_uitkomst_toelichting").fill("Onderwijsroute onvoldoende onderzocht.")
    assert_accessible(page)
    page.locator("form.app-form button[type=submit]").click()
    concept = PipVersie.objects.get(pip=versie.pip, number=2)
    assert concept.reden == "bezwaar" and concept.is_concept
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}plan/?versie=1")
    expect(page.locator("main")).to_contain_text("Gegrond: een nieuw besluit")
