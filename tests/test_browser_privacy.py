"""A partner reads a shared dossier; the privacy officer finds that read and an earlier change."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from inburgering.choices import Role
from inburgering.dossier import services as dossier_services
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_privacy_officer_sees_who_read_and_changed_a_dossier(live_server, browser, page):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Haddad")
    dossier_services.update_personal_data(
        actor=regisseur, dossier_id=dossier.pk, expected_version=0, data={"surname": "Haddadi"}
    )
    werkbedrijf = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    factories.share(dossier, regisseur, werkbedrijf)
    partner = factories.user_with_role(
        Role.KETENPARTNER, username="partner-werk", organisatie=werkbedrijf
    )
    partner.groups.add(werkbedrijf.group)
    factories.auditor(team.gemeente, username="fg")

    partner_page = browser.new_context(locale="nl-NL").new_page()
    log_in(partner_page, live_server, "partner-werk", factories.PASSWORD)
    partner_page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    expect(partner_page.locator("h1")).to_contain_text("Haddadi")
    partner_page.context.close()

    log_in(page, live_server, "fg", factories.PASSWORD)
    page.locator("a[href='/privacy/']").click()
    page.locator("#id_q").fill("Haddadi")
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)  # the search
    page.locator("main a[href^='/privacy/dossiers/']").click()
    rows = page.locator("main tbody tr")
    viewed = rows.filter(has_text="Dossier bekeken").filter(has_text="partner-werk")
    expect(viewed).to_contain_text("Werk")
    expect(viewed).to_contain_text("Werkbedrijf")
    change = rows.filter(has_text="Gewijzigd").filter(has_text="sanne")
    expect(change).to_contain_text("Haddad")
    expect(change).to_contain_text("Haddadi")
    assert_accessible(page)  # the trail
    with page.expect_download() as download:
        page.locator("button[name=format][value=csv]").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert "partner-werk" in content and "Haddadi" in content
