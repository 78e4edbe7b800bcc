"""The regisseur's main journey in headless Chromium, with axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from inburgering.models import Inburgeraar
from tests import factories
from tests.browser import assert_accessible

pytestmark = pytest.mark.browser


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
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen: code")
    page.get_by_label("Code", exact=True).fill(factories.current_code(regisseur))
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
    page.get_by_label("Verblijfsvergunning asiel (bepaalde tijd)").check()
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
