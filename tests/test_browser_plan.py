"""A regisseur turns a completed intake into a fixed plan, downloads it, and changes route."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from playwright.sync_api import expect

from inburgering.celery import app
from intake import services as intake_services
from intake.models import Bevinding, IntakeStatus
from pip_plans.models import PipVersie
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def _completed_intake(dossier, regisseur):
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    Bevinding.objects.create(
        intake=intake, leefgebied="werk", current_situation="Was kapper in Aleppo"
    )
    intake.status = IntakeStatus.AFGEROND
    intake.advised_leerroute = "b1"
    intake.save()


def _afspraak(page, leefgebied, wat, wie, organisatie=None):
    page.locator(f"a[href$='/plan/concept/sectie/{leefgebied}/']").click()
    page.locator("#id_afspraken-0-wat").fill(wat)
    page.locator("#id_afspraken-0-wie").select_option(wie)
    if organisatie:
        page.locator("#id_afspraken-0-organisatie").select_option(label=organisatie)
    page.locator("#id_afspraken-0-uiterlijk").fill("2026-06-01")
    page.locator("form.app-form button[type=submit]").click()
    expect(page.get_by_role("status").first).to_contain_text("opgeslagen")


def _fix(page, dossier_url, dagtekening):
    page.goto(f"{dossier_url}plan/concept/vaststellen/")
    assert_accessible(page)
    page.locator("#id_dagtekening").fill(dagtekening)
    page.locator("#id_confirm").check()
    page.locator("form.app-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("vastgesteld")


def _schakelen(page, dossier_url, route):
    page.goto(f"{dossier_url}plan/wijzigen/")
    page.locator("input[name=reden][value=schakelen]").check()
    page.locator("#id_new_route").select_option(route)
    page.locator("form.app-form button[type=submit]").click()


@pytest.mark.django_db(transaction=True)
def test_from_intake_to_a_fixed_plan_its_pdf_and_a_change_of_route(live_server, page):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    factories.OrganisatieFactory(naam="Werkbedrijf Leidse Regio")
    old, recent = (
        factories.InburgeraarFactory(team=team, regisseur=regisseur, surname=name)
        for name in ("Haddad", "Kidane")
    )
    for dossier in (old, recent):
        _completed_intake(dossier, regisseur)
    log_in(page, live_server, "sanne", factories.PASSWORD)

    url = f"{live_server.url}{old.get_absolute_url()}"
    page.goto(f"{url}plan/")
    page.locator("form[action$='/plan/aanmaken/'] button").click()
    expect(page.locator("main")).to_contain_text("Was kapper in Aleppo")  # prefilled
    expect(page.locator("main")).to_contain_text("B1-route")
    assert_accessible(page)
    _afspraak(page, "werk", "Een werkervaringsplek zoeken", "partner", "Werkbedrijf Leidse Regio")
    _afspraak(page, "wonen", "Huurtoeslag aanvragen", "inburgeraar")
    expect(page.locator("main")).to_contain_text("Huurtoeslag aanvragen")
    _fix(page, url, "2020-01-06")

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        page.reload()  # the PDF was asked for when the plan was fixed; the page polls for it
        download_link = page.get_by_role("link", name="Pdf downloaden")
        expect(download_link).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")

    _schakelen(page, url, "z")
    expect(page.get_by_role("alert")).to_contain_text("18 maanden")
    assert PipVersie.objects.filter(pip__dossier=old).count() == 1

    recent_url = f"{live_server.url}{recent.get_absolute_url()}"
    page.goto(f"{recent_url}plan/")
    page.locator("form[action$='/plan/aanmaken/'] button").click()
    _fix(page, recent_url, timezone.localdate().isoformat())
    _schakelen(page, recent_url, "z")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Versie 2")
    assert PipVersie.objects.get(pip__dossier=recent, number=2).leerroute == "z"
    assert recent.pip.termijn_start == timezone.localdate() + datetime.timedelta(days=1)
