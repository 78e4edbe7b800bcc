"""A regisseur shares two domains with two partners on consent; each sees only its own."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inburgering.choices import Role
from pip_plans.models import Afspraak, Sectie
from tests import factories
from tests.browser import assert_accessible, log_in
from voortgang.models import Voortgangsnotitie

pytestmark = pytest.mark.browser

SUBMIT = "form.app-form button[type=submit]"


def _partner(organisatie, username):
    user = factories.user_with_role(Role.KETENPARTNER, username=username, organisatie=organisatie)
    user.groups.add(organisatie.group)


def _share(page, dossier_url, organisatie, domein):
    page.goto(f"{dossier_url}delen/nieuw/")
    page.locator("#id_organisatie").select_option(label=organisatie)
    page.locator(f"input[name=domeinen][value={domein}]").check()
    page.locator("#id_may_note").check()
    page.locator("input[name=grondslag][value=toestemming]").check()
    page.locator("#id_toestemming_given_on").fill(timezone.localdate().isoformat())
    page.locator("#id_toestemming_wijze").select_option("schriftelijk")
    later = timezone.localdate() + datetime.timedelta(days=90)
    page.locator("#id_valid_until").fill(later.isoformat())
    page.locator("#id_reden").fill("Begeleiding afgesproken in het plan")
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("gedeeld")


@pytest.mark.django_db(transaction=True)
def test_two_partners_each_see_their_domain_until_the_share_ends(live_server, browser, page):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    werk = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    wonen = factories.OrganisatieFactory(naam="Woningcorporatie", domeinen=["wonen"])
    _partner(werk, "partner-werk")
    _partner(wonen, "partner-wonen")
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Haddad")
    versie = factories.fixed_plan(
        dossier,
        regisseur,
        afspraken=[("werk", "Werkervaringsplek zoeken"), ("wonen", "Huurtoeslag aanvragen")],
    )
    Sectie.objects.filter(versie=versie, leefgebied="werk").update(situatie="Was kapper")
    Sectie.objects.filter(versie=versie, leefgebied="wonen").update(situatie="Woont krap")
    Afspraak.objects.filter(wat="Werkervaringsplek zoeken").update(wie="partner", organisatie=werk)
    dossier_url = f"{live_server.url}{dossier.get_absolute_url()}"

    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(dossier_url)
    page.locator("a[href$='/delen/']").click()
    _share(page, dossier_url, "Werkbedrijf", "werk")
    _share(page, dossier_url, "Woningcorporatie", "wonen")
    assert_accessible(page)  # the sharing page
    page.locator("a[href*='/delen/voorbeeld/']").first.click()
    expect(page.locator("main")).to_contain_text("Was kapper")
    expect(page.locator("main")).not_to_contain_text("Woont krap")

    werk_page = browser.new_context(locale="nl-NL").new_page()
    log_in(werk_page, live_server, "partner-werk", factories.PASSWORD)
    expect(werk_page.locator("main")).to_contain_text("Haddad")  # the shared dossiers
    assert_accessible(werk_page)
    werk_page.locator("main a[href^='/dossiers/']").click()
    main = werk_page.locator("main")
    expect(main).to_contain_text("Was kapper")
    expect(main).to_contain_text("Werkervaringsplek zoeken")
    expect(main).not_to_contain_text("Woont krap")
    expect(main).not_to_contain_text("Huurtoeslag aanvragen")
    expect(main).not_to_contain_text(dossier.bsn)
    assert_accessible(werk_page)  # the dossier in partner mode
    werk_page.locator("a[href$='/voortgang/notities/nieuw/']").click()
    werk_page.locator("#id_text").fill("Gestart bij kapsalon Knip")
    werk_page.locator(SUBMIT).click()
    expect(werk_page.locator("main")).to_contain_text("Gestart bij kapsalon Knip")
    assert Voortgangsnotitie.objects.get(text="Gestart bij kapsalon Knip").organisatie == werk

    wonen_page = browser.new_context(locale="nl-NL").new_page()
    log_in(wonen_page, live_server, "partner-wonen", factories.PASSWORD)
    wonen_page.goto(dossier_url)
    expect(wonen_page.locator("main")).to_contain_text("Woont krap")
    expect(wonen_page.locator("main")).not_to_contain_text("Was kapper")
    expect(wonen_page.locator("main")).not_to_contain_text("Gestart bij kapsalon Knip")

    page.goto(f"{dossier_url}delen/")
    page.locator("tr", has_text="Werkbedrijf").locator("a[href$='/beeindigen/']").click()
    page.locator("#id_reden").fill("Werk gevonden; begeleiding niet meer nodig")
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("beëindigd")
    response = werk_page.goto(dossier_url)
    assert response.status == 404
    for context_page in (werk_page, wonen_page):
        context_page.context.close()
