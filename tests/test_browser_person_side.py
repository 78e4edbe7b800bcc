"""The side of the app that faces the person (issue 19), in one journey in the browser: a
regisseur records contact details, plans an intake appointment with an Arabic interpreter,
makes the invitation in Dutch and Arabic and downloads it (read back with pdftotext) and the
.ics; records the no-show, makes the written warning for the new appointment, moves and
cancels one, finds them in the week; then prints the fixed plan with its summary in
Tigrinya. A Celery worker makes the PDFs, as in production."""

import datetime
import subprocess

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from inburgering.celery import app
from inburgering.choices import Opkomst
from inburgering.models import Bijeenkomst, Brief
from intake.models import BredeIntake, IntakeStatus, Uitnodiging
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


def _pdf_text(download, path) -> str:
    download.save_as(path)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def _letter(page, dossier, kind, appointment, tmp_path) -> str:
    """Make a letter about ``appointment`` beside the contact details' language, after its
    preview; the worker renders it; returns the downloaded PDF's text."""
    page.goto(f"{page.url.split('/dossiers/')[0]}/dossiers/{dossier.pk}/brieven/nieuw/")
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_bijeenkomst").select_option(str(appointment.pk))
    expect(page.locator("#id_language")).to_have_value("ar")  # from the contact details
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.locator(".app-letter-preview")).to_contain_text("Rasha Haddad")
    assert_accessible(page)
    page.get_by_role("button", name="Brief maken").click()
    link = page.get_by_role("link", name="Pdf downloaden om te printen")
    expect(link).to_be_visible(timeout=30_000)
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    return _pdf_text(download.value, tmp_path / f"{kind}.pdf")


@pytest.mark.django_db(transaction=True)
def test_the_persons_side_from_contact_details_to_the_printed_plan(live_server, page, tmp_path):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne", first_name="Sanne", last_name="Bakker")
    dossier = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, given_names="Rasha", surname="Haddad"
    )
    today = timezone.localdate()
    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/contact/")
    page.locator("#id_street").fill("Kerkstraat")
    page.locator("#id_house_number").fill("12")
    page.locator("#id_postcode").fill("3811ab")
    page.locator("#id_city").fill("Amersfoort")
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

    first = Bijeenkomst.objects.get()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        text = _letter(page, dossier, "uitnodiging_intake", first, tmp_path)
        for expected in ("Rasha Haddad", "3811 AB Amersfoort", "10:00", "دعوة إلى مقابلة"):
            assert expected in text, expected
        assert text.index("Uitnodiging voor een gesprek") < text.index("دعوة إلى مقابلة")

        page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
        row.locator("select[name=opkomst]").select_option("niet_verschenen")
        row.get_by_role("button", name="Vastleggen").click()
        expect(page.locator("#bijeenkomsten-heading + *")).to_contain_text("Niet verschenen")
        assert Uitnodiging.objects.get().gevolg == "waarschuwing"
        page.locator(f"a[href$='/dossiers/{dossier.pk}/intake/']").first.click()
        expect(page.get_by_text("Schriftelijke waarschuwing")).to_be_visible()
        page.goto(f"{live_server.url}{dossier.get_absolute_url()}")

        # The second invitation, with the written warning; moved once with a reason.
        next_week = today + datetime.timedelta(days=7)
        _plan(page, dossier, next_week, "14:00", "15:00")
        second = Bijeenkomst.objects.get(opkomst=Opkomst.OPEN)
        text = _letter(page, dossier, "waarschuwing", second, tmp_path)
        assert "Waarschuwing:" in text and "14:00" in text and "إنذار" in text
        assert Brief.objects.filter(kind="waarschuwing", language="ar").exists()
        page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
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

        # The intake is completed and the plan fixed; it is printed with the summary in Tigrinya.
        BredeIntake.objects.filter(dossier=dossier).update(
            status=IntakeStatus.AFGEROND, advised_leerroute="b1"
        )
        factories.fixed_plan(dossier, regisseur, dagtekening=today)
        page.goto(f"{live_server.url}{dossier.get_absolute_url()}plan/")
        expect(page.get_by_role("link", name="Pdf downloaden")).to_be_visible(timeout=30_000)
        page.locator("#id_summary_language").select_option("ti")
        page.get_by_role("button", name="Pdf maken").click()
        tigrinya = page.get_by_role("link", name="Pdf downloaden (samenvatting in het Tigrinya)")
        expect(tigrinya).to_be_visible(timeout=30_000)
        assert_accessible(page)
        with page.expect_download() as download:
            tigrinya.click()
        text = _pdf_text(download.value, tmp_path / "plan-ti.pdf")
        assert text.index("Uw plan in het kort") < text.index("መደብኩም ብሓጺሩ")
        assert "Sanne Bakker" in text
