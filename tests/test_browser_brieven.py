"""A regisseur makes letters in the browser: the invitation for the brede intake in Dutch and
Arabic (previewed, made, rendered by a Celery worker, downloaded and read back), then, after
the person missed the intake, the written warning for the new appointment."""

import datetime
import subprocess

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from playwright.sync_api import expect

from inburgering.bijeenkomsten import services as bijeenkomst_services
from inburgering.celery import app
from inburgering.models import Brief, ContactDetails
from intake import services as intake_services
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def _appointment(dossier, regisseur, day, start):
    return bijeenkomst_services.plan_bijeenkomst(
        actor=regisseur,
        dossier_id=dossier.pk,
        data={
            "soort": "brede_intake",
            "date": day,
            "start_time": start,
            "end_time": datetime.time(start.hour + 1, start.minute),
            "location": "Stadhuis, kamer 2.14",
            "interpreter_language": "ar",
            "interpreter_booked": True,
            "host": regisseur,
        },
    )


def _make(page, dossier, kind, appointment, language):
    page.goto(f"{page.url.split('/dossiers/')[0]}/dossiers/{dossier.pk}/brieven/nieuw/")
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_bijeenkomst").select_option(str(appointment.pk))
    expect(page.locator("#id_language")).to_have_value(language)  # from the contact details
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.get_by_role("heading", name="Voorbeeld")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Brief maken").click()


@pytest.mark.django_db(transaction=True)
def test_the_invitation_in_two_languages_and_the_warning_after_a_no_show(
    live_server, page, tmp_path
):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne", first_name="Sanne", last_name="Bakker")
    dossier = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, given_names="Rasha", surname="Haddad"
    )
    ContactDetails.objects.create(
        dossier=dossier,
        street="Kerkstraat",
        house_number="12",
        postcode="3811 AB",
        city="Amersfoort",
        letter_language="ar",
        interpreter_needed=True,
        interpreter_language="ar",
    )
    intake_services.start_intake(actor=regisseur, dossier=dossier)
    today = timezone.localdate()
    first = _appointment(dossier, regisseur, today - datetime.timedelta(days=1), datetime.time(10))

    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        _make(page, dossier, "uitnodiging_intake", first, "ar")
        download = page.get_by_role("link", name="Pdf downloaden om te printen")
        expect(download).to_be_visible(timeout=30_000)
        assert_accessible(page)
        with page.expect_download() as pdf:
            download.click()
        saved = tmp_path / "uitnodiging.pdf"
        pdf.value.save_as(saved)
        text = subprocess.run(
            ["pdftotext", "-layout", str(saved), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "Rasha Haddad" in text and "10:00" in text and "دعوة" in text

        bijeenkomst_services.record_attendance(
            actor=regisseur,
            dossier_id=dossier.pk,
            bijeenkomst_id=first.pk,
            opkomst="niet_verschenen",
        )
        second = _appointment(
            dossier, regisseur, today + datetime.timedelta(days=7), datetime.time(14, 30)
        )
        _make(page, dossier, "waarschuwing", second, "ar")
        expect(page.get_by_role("link", name="Pdf downloaden om te printen")).to_be_visible(
            timeout=30_000
        )
    warning = Brief.objects.get(kind="waarschuwing")
    assert warning.bijeenkomst == second and warning.language == "ar"
    assert "14:30" in warning.content["rows"][2][0]
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    letters = page.locator("#brieven-heading + *")
    expect(letters).to_contain_text("Schriftelijke waarschuwing na een gemiste intake")
    expect(letters).to_contain_text("Uitnodiging voor de brede intake")
