"""A regisseur records a two-session intake in the browser and completes it with an advice."""

import datetime

import pytest
from playwright.sync_api import expect

from inburgering.choices import DossierStatus
from intake.models import BredeIntake
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def _save(page):
    page.locator("form.app-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brede intake")


def _record(page, leefgebied, situation, **fields):
    page.locator(f"a[href$='/intake/leefgebied/{leefgebied}/']").click()
    page.locator("#id_current_situation").fill(situation)
    for selector, value in fields.items():
        page.locator(f"#id_{selector}").fill(value)
    _save(page)


def _conversation(page, date, leefgebieden):
    page.locator("a[href$='/intake/gesprekken/nieuw/']").click()
    page.locator("#id_held_on").fill(date)
    page.locator("input[name=kanaal][value=locatie]").check()
    for leefgebied in leefgebieden:
        page.locator(f"input[name=leefgebieden][value={leefgebied}]").check()
    page.locator("input[name=one_on_one_offered]").check()
    _save(page)


@pytest.mark.django_db(transaction=True)
def test_a_two_session_intake_ends_in_an_advice_that_departs_from_the_test(live_server, page):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    dossier = factories.InburgeraarFactory(
        team=team,
        regisseur=regisseur,
        given_names="Semhar",
        surname="Tesfamariam",
        datum_start_inburgeringsplicht=datetime.date(2025, 1, 6),
        datum_kennisgeving=datetime.date(2025, 1, 20),
    )
    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    page.locator(f"a[href$='/dossiers/{dossier.pk}/intake/']").click()
    page.locator("form[action$='/intake/starten/'] button").click()
    assert_accessible(page)

    # First conversation: language and work.
    _conversation(page, "2025-02-03", ["taal", "werk"])
    _record(page, "taal", "Spreekt Tigrinya en wat Arabisch")
    page.locator("a[href$='/intake/leefgebied/werk/']").click()
    assert_accessible(page)
    page.locator("#id_current_situation").fill("Werkte als naaister in Asmara")
    page.locator("#id_opleidingen-0-niveau").select_option("basis")
    page.locator("#id_opleidingen-0-years").fill("5")
    page.locator("#id_werkervaringen-0-profession").fill("Naaister")
    _save(page)

    # Second conversation: everything else.
    _conversation(
        page, "2025-02-17", ["inkomen", "wonen", "jeugd", "gezondheid", "sociaal_netwerk"]
    )
    _record(page, "inkomen", "Bijstand sinds februari")
    _record(page, "wonen", "Woont in een huurwoning")
    _record(page, "jeugd", "Twee kinderen op de basisschool")
    _record(
        page,
        "gezondheid",
        "Slaapt slecht",
        physical_health="Rugklachten",
        mental_health="Zorgen over familie",
    )
    _record(page, "sociaal_netwerk", "Kerkgemeenschap")
    assert_accessible(page)

    # Completing without the learnability test: the page says what is missing.
    page.locator("a[href$='/intake/afronden/']").click()
    expect(page.locator("main")).to_contain_text("leerbaarheidstoets")
    assert_accessible(page)
    page.locator("input[name=advised_leerroute][value=b1]").check()
    page.locator("#id_advice_reasoning").fill("Leert snel")
    page.locator("form.app-form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("leerbaarheidstoets")
    expect(page.locator("#id_advice_reasoning")).to_have_value("Leert snel")

    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/intake/leerbaarheidstoets/")
    assert_accessible(page)
    page.locator("#id_taken_on").fill("2025-02-20")
    page.locator("#id_indicated_route").select_option("b1")
    page.locator("#id_indicated_level").select_option("a2")
    _save(page)

    page.locator("a[href$='/intake/afronden/']").click()
    page.locator("input[name=advised_leerroute][value=z]").check()
    page.locator("#id_advice_reasoning").fill("Leest en schrijft het Latijnse schrift niet")
    page.locator("#id_deviation_motivation").fill("Analfabeet in het Latijnse schrift")
    page.locator("form.app-form button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Semhar Tesfamariam")
    expect(page.locator("#intake-heading + *")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Analfabeet in het Latijnse schrift")
    expect(page.locator("main")).to_contain_text("Z-route")
    assert_accessible(page)

    intake = BredeIntake.objects.get(dossier=dossier)
    assert (intake.status, intake.advised_leerroute) == ("afgerond", "z")
    assert intake.gesprekken.count() == 2
    assert intake.bevindingen.count() == 7
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PLAN
