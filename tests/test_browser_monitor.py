"""A teamleider who is also the contactpersoon inburgering filters the monitor to one gemeente
and one cohort, sees the charts agree with the tables, reads the XLSX back; then checks the
quarter's delivery (a Celery worker runs the check), follows the link to a dossier whose duty
start is missing, fills it in, checks again, releases the delivery and downloads it."""

import csv
import datetime
import io
import re
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from inburgering.celery import app
from inburgering.choices import DossierStatus
from inburgering.dates import Quarter
from inburgering.models import TeamMembership
from intake.models import BredeIntake, Intakegesprek
from tests import factories
from tests.browser import assert_accessible, log_in
from voortgang.monitor import facts

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_monitor_and_quarterly_delivery(live_server, page, tmp_path):
    mine, other = factories.TeamFactory(), factories.TeamFactory()
    leader = factories.contactpersoon(team=mine, username="marieke")
    TeamMembership.objects.create(team=other, user=leader, role="teamleider")
    regisseur = factories.regisseur(mine)
    cohort = Quarter.of(timezone.localdate()).previous()
    day = cohort.first_day + datetime.timedelta(days=10)
    dossiers = [
        factories.InburgeraarFactory(
            team=mine,
            regisseur=regisseur,
            status=DossierStatus.INTAKE,
            v_nummer=f"{1000000000 + n}",
            datum_start_inburgeringsplicht=day,
            datum_kennisgeving=day,
        )
        for n in range(6)
    ]
    for dossier in dossiers[:4]:
        intake = BredeIntake.objects.create(dossier=dossier)
        Intakegesprek.objects.create(intake=intake, held_on=day, kanaal="fysiek")
    missing = dossiers[5]
    missing.datum_start_inburgeringsplicht = None  # in the cohort by its kennisgeving
    missing.save()
    for n in range(3):  # the other gemeente, the same cohort
        factories.InburgeraarFactory(
            team=other, v_nummer=f"{2000000000 + n}", datum_start_inburgeringsplicht=day
        )
    facts.refresh()

    log_in(page, live_server, "marieke", factories.PASSWORD)
    page.get_by_role("link", name="Monitor").click()
    page.locator("#id_gemeente").select_option(str(mine.gemeente_id))
    page.locator("#id_van").select_option(str(cohort))
    page.locator("#id_tot").select_option(str(cohort))
    page.locator("#id_cohort").select_option(str(cohort))
    page.get_by_role("button", name="Cijfers tonen").click()
    funnel = page.locator("#figures-funnel tbody tr")
    counts = [int(text) for text in funnel.locator("td:nth-child(2)").all_inner_texts()]
    assert counts[:2] == [6, 4]  # registered; the intake started for four
    chart = page.locator("section[aria-labelledby=table-funnel] svg")
    drawn = [int(float(v)) for v in chart.locator("desc.value").all_text_contents()]
    assert sorted(v for v in drawn if v) == sorted(c for c in counts if c)
    expect(page.locator("svg.app-monitor-chart")).to_have_count(4)
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Alle tabellen downloaden (XLSX)").click()
    saved = tmp_path / "monitor.xlsx"
    download.value.save_as(saved)
    rows = [[c.value for c in row] for row in load_workbook(saved)["funnel"].iter_rows()]
    assert [row[:2] for row in rows if row[0] in ("Aangemeld", "Brede intake gestart")] == [
        ["Aangemeld", 6],
        ["Brede intake gestart", 4],
    ]
    assert ["Cohort", cohort.label] in [row[:2] for row in rows]

    page.get_by_role("link", name="Kwartaallevering voor het CBS: controleren en vrijgeven").click()
    page.locator("#id_gemeente").select_option(str(mine.gemeente_id))
    page.locator("#id_kwartaal").select_option(str(cohort))
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("main")).to_contain_text("Dit kwartaal is nog niet gecontroleerd.")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        page.get_by_role("button", name="Nu controleren").click()
        _until_checked(page)
        expect(page.locator("main")).to_contain_text(
            "De start van de inburgeringsplicht ontbreekt."
        )
        assert_accessible(page)
        page.get_by_role("link", name=f"Herstellen in dossier {missing.pk}").click()
        page.locator("#id_datum_start_inburgeringsplicht").fill(day.isoformat())
        page.locator("form.app-form button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/dossiers/{missing.pk}/$"))
        missing.refresh_from_db()
        assert missing.datum_start_inburgeringsplicht == day
        page.goto(
            f"{live_server.url}/monitor/levering/?gemeente={mine.gemeente_id}&kwartaal={cohort}"
        )
        page.get_by_role("button", name="Opnieuw controleren").click()
        _until_checked(page)
    expect(page.locator("main")).not_to_contain_text("inburgeringsplicht ontbreekt")
    expect(page.locator("#controle ~ [role=status]")).to_contain_text("0 openstaande punten")
    page.get_by_role("button", name="Als gecontroleerd markeren en vrijgeven").click()
    expect(page.locator("#leveringen")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Levering 1").click()
    saved = tmp_path / "levering.csv"
    download.value.save_as(saved)
    delivered = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert sorted(row["Burgerservicenummer"] for row in delivered) == sorted(
        d.bsn for d in dossiers
    )
    assert {row["Inburgeringsplicht.DatumStart"] for row in delivered} == {day.isoformat()}
    assert_accessible(page)


def _until_checked(page, seconds: float = 30) -> None:
    """The worker runs the check; the page says so until it is done and is loaded again."""
    deadline = time.monotonic() + seconds
    while (running := page.get_by_role("link", name="Laad deze pagina")).count():
        assert time.monotonic() < deadline, "the worker did not run the check"
        time.sleep(0.3)
        running.click()
