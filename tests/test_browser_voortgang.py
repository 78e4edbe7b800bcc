"""A regisseur holds a progress talk, raises a signal for a colleague and adjusts the plan."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pip_plans.models import PipVersie
from tests import factories
from tests.browser import assert_accessible, log_in
from voortgang import selectors
from voortgang.models import Examenresultaat, Signaal

pytestmark = pytest.mark.browser

SUBMIT = "form.app-form button[type=submit]"


@pytest.mark.django_db(transaction=True)
def test_a_talk_with_hours_an_exam_a_signal_and_an_adjusted_plan(live_server, browser, page):
    today = timezone.localdate()
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    factories.regisseur(team, username="youssef", first_name="Youssef", last_name="El Amrani")
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Haddad")
    factories.fixed_plan(
        dossier,
        regisseur,
        dagtekening=today - datetime.timedelta(weeks=12),
        afspraken=[("taal", "Elke week naar de taalschool"), ("inkomen", "Budgetcursus volgen")],
    )
    log_in(page, live_server, "sanne", factories.PASSWORD)
    dossier_url = f"{live_server.url}{dossier.get_absolute_url()}"

    page.goto(dossier_url)
    page.locator("a[href$='/voortgang/']").click()
    page.locator("a[href*='/voortgang/gesprekken/']").first.click()
    assert_accessible(page)  # the planned talk

    page.locator("a[href$='/verslag/']").click()
    page.locator("#id_lesuren_gevolgd").fill("320")
    page.locator("#id_uren_ongeoorloofd_verzuim").fill("4")
    page.locator("#id_notitie_inkomen").fill("Heeft betalingsachterstanden bij de energie")
    page.locator("select[id$='_status']").first.select_option("lopend")
    page.locator("#id_examens-0-onderdeel").select_option("lezen")
    page.locator("#id_examens-0-niveau").select_option("b1")
    page.locator("#id_examens-0-taken_on").fill((today - datetime.timedelta(days=5)).isoformat())
    page.locator("#id_examens-0-uitslag").select_option("behaald")
    assert_accessible(page)  # the report form
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("opgeslagen")
    expect(page.locator("main")).to_contain_text("320")
    expect(page.locator("main")).to_contain_text("Behaald")
    assert_accessible(page)  # the talk with its report

    page.locator("a[href*='/signalen/nieuw/?gesprek=']").click()
    page.locator("#id_leefgebied").select_option("inkomen")
    page.locator("#id_subject").fill("Schulden")
    page.locator("#id_description").fill("Achterstand bij energie en zorgverzekering")
    page.locator("input[name=ernst][value=hoog]").check()
    page.locator("#id_owner").select_option(label="Youssef El Amrani")
    page.locator("#id_follow_up_on").fill((today + datetime.timedelta(days=14)).isoformat())
    page.locator(SUBMIT).click()
    expect(page.locator("main")).to_contain_text("Schulden")

    page.locator("a[href$='/afronden/']").click()
    assert_accessible(page)  # the conclusion form
    page.locator("input[name=conclusie][value=plan_bijstellen]").check()
    page.locator("#id_toelichting").fill("Budgetcursus eerst, daarna meer taaluren")
    page.locator("#id_reden").select_option("gewijzigde_omstandigheden")
    page.locator(SUBMIT).click()
    expect(page).to_have_url(f"{dossier_url}plan/?versie=2")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Versie 2 (Concept)")
    expect(page.locator("main")).to_contain_text("Budgetcursus eerst, daarna meer taaluren")
    concept = PipVersie.objects.get(pip__dossier=dossier, number=2)
    assert concept.reden == "gewijzigde_omstandigheden"
    assert selectors.recorded_lesuren(concept.pip.dossier_id) == 320
    assert Examenresultaat.objects.get().uitslag == "behaald"

    page.goto(f"{dossier_url}voortgang/tijdlijn/")
    expect(page.locator("main")).to_contain_text("Signaal gemeld: Schulden")
    expect(page.locator("main")).to_contain_text("Planversie 2")
    assert_accessible(page)  # the timeline

    colleague = browser.new_context(locale="nl-NL").new_page()
    log_in(colleague, live_server, "youssef", factories.PASSWORD)
    expect(colleague.locator(".app-badge")).to_contain_text("1")
    colleague.locator("a[href$='/werkvoorraad/']").click()
    expect(colleague.locator("main")).to_contain_text("Schulden")
    expect(colleague.locator("main")).to_contain_text("Haddad")
    assert_accessible(colleague)  # the worklist
    colleague.locator("main a[href^='/signalen/']").click()
    expect(colleague.locator("main")).to_contain_text("Achterstand bij energie")
    assert_accessible(colleague)  # the signal
    colleague.locator("input[name=status][value=in_behandeling]").check()
    colleague.locator(SUBMIT).click()
    expect(colleague.get_by_role("status").first).to_contain_text("opgeslagen")
    assert Signaal.objects.get().status == "in_behandeling"
    colleague.context.close()
