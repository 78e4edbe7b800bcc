"""Closing a dossier for a move, its exports page, and the beheerder's retention dry run, in
headless Chromium with axe-core."""

import pytest
from playwright.sync_api import expect

from inburgering.choices import Role
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser  # drives Chromium


@pytest.mark.django_db(transaction=True)
def test_a_regisseur_closes_a_dossier_for_a_move_and_finds_the_handover(live_server, page):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Haddad")
    factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER, username="beheer")

    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    page.get_by_role("link", name="Dossier afsluiten").click()
    page.get_by_label("Verhuisd").check()
    page.get_by_label("Datum einde inburgeringsplicht").fill("2026-11-20")
    page.get_by_label("Toelichting").fill("Verhuisd naar Utrecht")
    page.get_by_role("button", name="Dossier afsluiten").click()
    expect(page.locator("main")).to_contain_text(
        "Vul de gemeente in waar de persoon naartoe is verhuisd."
    )
    expect(page.get_by_label("Toelichting")).to_have_value("Verhuisd naar Utrecht")
    assert_accessible(page)  # the form with its error
    page.get_by_label("Nieuwe gemeente").fill("Utrecht")
    page.get_by_role("button", name="Dossier afsluiten").click()
    expect(page.locator("main")).to_contain_text("Het dossier is afgesloten.")
    expect(page.locator("main")).to_contain_text("Verhuisd")

    page.get_by_role("link", name="Inzage en overdracht").click()
    expect(page.locator("main tbody")).to_contain_text("Overdracht aan Utrecht")
    assert_accessible(page)  # the exports page

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server, "beheer", factories.PASSWORD)
    page.get_by_role("link", name="Bewaartermijn").click()
    expect(page.locator("main")).to_contain_text("Er hoeft niets te worden vernietigd.")
    assert_accessible(page)  # the retention dry run
