"""A regisseur records what arrives between talks: an exam result, a decision of DUO and the
MAP's progress; the learning record shows them together, and the werk partner sees the MAP."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inburgering.choices import Role
from pip_plans.models import DuoBesluit
from tests import factories
from tests.browser import assert_accessible, log_in
from voortgang.models import Traject

pytestmark = pytest.mark.browser

SUBMIT = "form.app-form button[type=submit]"


@pytest.mark.django_db(transaction=True)
def test_an_exam_a_verlenging_and_the_map_in_one_learning_record(live_server, browser, page):
    today = timezone.localdate()
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname="Haddad")
    plan_day = today - datetime.timedelta(weeks=12)
    levels = {f"niveau_{part}": "b1" for part in ("lezen", "luisteren", "schrijven", "spreken")}
    factories.fixed_plan(dossier, regisseur, dagtekening=plan_day, **levels)
    werk = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    factories.share(dossier, regisseur, werk)
    partner = factories.user_with_role(Role.KETENPARTNER, organisatie=werk, username="werk")
    partner.groups.add(werk.group)

    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    page.get_by_role("link", name="Leervorderingen openen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leervorderingen van")
    assert_accessible(page)

    page.get_by_role("link", name="Examenuitslag invoeren").click()
    page.get_by_label("Examenonderdeel").select_option("lezen")
    page.get_by_label("Niveau").select_option("b1")
    page.get_by_label("Examendatum").fill(today.isoformat())
    page.get_by_label("Uitslag").select_option("behaald")
    assert_accessible(page)
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("examenuitslag is vastgelegd")
    expect(page.get_by_text("Direct ingevoerd")).to_be_visible()

    page.get_by_role("link", name="Besluit van DUO vastleggen").click()
    page.get_by_label("Verlenging van de termijn").check()
    page.get_by_label("Dagtekening van het besluit van DUO").fill(today.isoformat())
    page.get_by_label("Grond").fill("Langdurig ziek")
    page.get_by_label("Verlengd met (maanden)").fill("12")
    page.locator("input[name=verwijtbaar][value=false]").check()
    assert_accessible(page)
    page.locator(SUBMIT).click()
    expect(page.get_by_text("12 maanden langer")).to_be_visible()
    assert DuoBesluit.objects.get().maanden == 12

    page.get_by_role("link", name="Module Arbeidsmarkt en Participatie (MAP)").click()
    page.get_by_label("Lopend").check()
    page.get_by_label("Gestart op").fill((today - datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Uitvoerder").fill("Leerwerkplaats Noord")
    assert_accessible(page)
    page.locator(SUBMIT).click()
    expect(page.get_by_text("Leerwerkplaats Noord")).to_be_visible()
    assert Traject.objects.get().history.get().history_user == regisseur
    assert_accessible(page)

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server, "werk", factories.PASSWORD)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    page.get_by_role("link", name="MAP en participatie openen").click()
    expect(page.get_by_text("Leerwerkplaats Noord")).to_be_visible()
    expect(page.get_by_text("Langdurig ziek")).to_have_count(0)
    expect(page.get_by_role("heading", name="Examens", exact=True)).to_have_count(0)
    assert_accessible(page)
