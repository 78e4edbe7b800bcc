"""The regisseur's main journey in headless Chromium, with axe-core on every page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from inburgering.models import Inburgeraar
from tests import factories

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM must stay usable
    # (database set-up, flushes and the test's own queries). Tests only.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield from _launch()


def _launch():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_accessible(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_a_regisseur_logs_in_searches_and_registers_a_dossier(live_server, page):
    team = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Leiden"))
    regisseur = factories.regisseur(team, username="sanne", first_name="Sanne")
    factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Haddad")
    factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Kidane")

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert_accessible(page)

    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn dossiers")
    assert_accessible(page)

    page.get_by_label("Zoeken op naam of BSN").fill("Haddad")
    page.get_by_role("button", name="Zoeken").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Haddad")

    page.get_by_role("link", name="Dossier aanmelden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier aanmelden")
    assert_accessible(page)

    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Voornamen").fill("Semhar")
    page.get_by_label("Achternaam", exact=True).fill("Tesfamariam")
    page.get_by_label("Geboortedatum").fill("1994-02-11")
    page.get_by_label("Tigrinya").check()
    page.get_by_label("Asielstatushouder").check()
    page.get_by_label("Start inburgeringsplicht").fill("2025-03-01")
    page.get_by_role("button", name="Dossier aanmelden").click()

    expect(page.locator("#id_bsn_error")).to_contain_text("11-proef")
    expect(page.get_by_role("alert")).to_contain_text("BSN")
    expect(page.get_by_label("Achternaam", exact=True)).to_have_value("Tesfamariam")
    expect(page.get_by_label("BSN")).to_have_value("123456789")
    expect(page.get_by_label("Tigrinya")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("BSN").fill("111222333")
    page.get_by_role("button", name="Dossier aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Semhar Tesfamariam")
    expect(page.get_by_role("status").first).to_contain_text("aangemeld")
    assert_accessible(page)

    dossier = Inburgeraar.objects.get(bsn="111222333")
    assert dossier.regisseur == regisseur
    assert page.url.endswith(dossier.get_absolute_url())
