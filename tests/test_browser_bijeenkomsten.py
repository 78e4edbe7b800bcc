"""A regisseur plans an intake appointment with an Arabic interpreter in the browser,
downloads it for their calendar, records that the person did not come (the written warning
follows), plans the second invitation, moves it with a reason and finds it in their week."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from inburgering.choices import Opkomst
from inburgering.models import Bijeenkomst
from intake.models import Uitnodiging
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def _plan(page, dossier, day, start, end, *, soort="brede_intake"):
    page.locator(f"a[href$='/dossiers/{dossier.pk}/bijeenkomsten/nieuw/']").click()
    page.locator("#id_soort").select_option(soort)
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_start_time").fill(start)
    page.locator("#id_end_time").fill(end)
    page.locator("#id_location").fill("Stadskantoor, kamer 1.04")
    expect(page.locator("#id_interpreter_language")).to_have_value("ar")  # contact details
    page.locator("#id_interpreter_booked").check()
    page.locator("form.app-form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Bijeenkomsten")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_an_intake_appointment_from_planning_to_the_no_show(live_server, page, tmp_path):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne")
    dossier = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, given_names="Rasha", surname="Haddad"
    )
    today = timezone.localdate()
    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/contact/")
    page.locator("#id_interpreter_needed").check()
    page.locator("#id_interpreter_language").select_option("ar")
    page.locator("#id_letter_language").select_option("ar")
    page.locator("form.app-form button[type=submit]").click()
    page.locator(f"a[href$='/dossiers/{dossier.pk}/intake/']").click()
    page.locator("form[action$='/intake/starten/'] button").click()
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")

    # The form on its own first: a Dutch message beside the field, nothing lost.
    page.locator(f"a[href$='/dossiers/{dossier.pk}/bijeenkomsten/nieuw/']").click()
    page.locator("#id_soort").select_option("brede_intake")
    page.locator("#id_date").fill(today.isoformat())
    page.locator("#id_start_time").fill("11:00")
    page.locator("#id_end_time").fill("10:00")
    page.locator("form.app-form button[type=submit]").click()
    expect(page.locator("#id_end_time_error")).to_contain_text("moet eindigen nadat hij begint")
    expect(page.locator("#id_start_time")).to_have_value("11:00")
    assert_accessible(page)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")

    yesterday = today - datetime.timedelta(days=1)
    _plan(page, dossier, yesterday, "10:00", "11:00")
    row = page.locator("#bijeenkomsten-heading + * tr", has_text="Gesprek brede intake")
    expect(row).to_contain_text("Arabisch (geboekt)")
    expect(row).to_contain_text("10:00–11:00")
    assert_accessible(page)

    with page.expect_download() as download:
        row.get_by_role("link", name="Agenda (.ics)").click()
    saved = tmp_path / "afspraak.ics"
    download.value.save_as(saved)
    event = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart").hour == 10 and "Rasha Haddad" in str(event["summary"])

    row.locator("select[name=opkomst]").select_option("niet_verschenen")
    row.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("#bijeenkomsten-heading + *")).to_contain_text("Niet verschenen")
    assert Uitnodiging.objects.get().gevolg == "waarschuwing"
    page.locator(f"a[href$='/dossiers/{dossier.pk}/intake/']").first.click()
    expect(page.get_by_text("Schriftelijke waarschuwing")).to_be_visible()
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")

    # The second invitation, moved once with a reason.
    next_week = today + datetime.timedelta(days=7)
    _plan(page, dossier, next_week, "14:00", "15:00")
    second = Bijeenkomst.objects.get(opkomst=Opkomst.OPEN)
    page.locator(f"a[href$='/bijeenkomsten/{second.pk}/wijzigen/']").click()
    page.locator("#id_start_time").fill("14:30")
    page.locator("#id_end_time").fill("15:30")
    page.locator("form.app-form button[type=submit]").click()
    expect(page.locator("#id_reason_error")).to_contain_text("Zeg waarom")
    assert_accessible(page)
    page.locator("#id_reason").fill("De tolk kan pas om half drie.")
    page.locator("form.app-form button[type=submit]").click()
    section = page.locator("#bijeenkomsten-heading + *")
    expect(section).to_contain_text("De tolk kan pas om half drie.")
    assert Uitnodiging.objects.get(bijeenkomst=second).appointment_on == next_week

    # The interpreter cannot come after all: the municipality cancels, with a reason.
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    page.locator(f"a[href$='/bijeenkomsten/{second.pk}/afzeggen/']").click()
    assert_accessible(page)
    page.locator("#id_reason").fill("Tolk afgemeld; nieuwe datum volgt.")
    page.locator("form.app-form button[type=submit]").click()
    expect(section).to_contain_text("Afgezegd door de gemeente")
    _plan(page, dossier, next_week, "16:00", "17:00")

    page.get_by_role("link", name="Mijn week").click()
    page.get_by_role("link", name="Volgende week").click()
    day = page.locator(f"#day-{next_week.isoformat()} + ul")
    expect(day).to_contain_text("16:00–17:00")
    expect(day).to_contain_text("Afgezegd door de gemeente")
    expect(day).to_contain_text("Rasha Haddad")
    assert_accessible(page)
