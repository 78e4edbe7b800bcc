"""A dossier's life across gemeenten in the browser (issue 18): opened at koppeling with the
COA's profile, the intake started, the BRP registration recorded, the plan fixed; moved to
another gemeente of the region, where the new regisseur sees plan and history, the old one
gets 404 and the werk partner serving only the old gemeente loses its share with the reason.
And the other side of a move out: a handover file received into the queue."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inburgering.choices import ExportKind
from inburgering.dossier import services as dossier_services
from inburgering.models import AuditAction, AuditEvent, Deling, Inburgeraar
from inburgering.privacy import inzage
from pip_plans.models import PipVersie
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser

SUBMIT = "form.app-form button[type=submit]"


def _register_at_koppeling(page, live_server, today):
    page.goto(f"{live_server.url}/dossiers/nieuw/")
    page.locator("#id_bsn").fill("123456782")
    page.locator("#id_given_names").fill("Selam")
    page.locator("#id_surname").fill("Tesfay")
    page.locator("#id_date_of_birth").fill("1994-02-11")
    page.locator("#id_nationality").select_option("ER")
    page.locator("input[name=doelgroep][value=asielstatushouder]").check()
    page.locator("#id_datum_start_inburgeringsplicht").fill(
        (today - datetime.timedelta(days=40)).isoformat()
    )
    page.locator("#id_datum_koppeling").fill((today - datetime.timedelta(days=30)).isoformat())
    page.locator("input[name=verblijfsvergunning][value=asiel]").check()
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("aangemeld")


@pytest.mark.django_db(transaction=True)
def test_from_koppeling_to_a_move_within_the_region(live_server, page):
    today = timezone.localdate()
    team = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Zeewolde"))
    harderwijk = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Harderwijk"))
    factories.regisseur(team, username="sanne")
    factories.teamleider(team, username="lead")
    new_lead = factories.teamleider(harderwijk, username="lead2")
    new_regisseur = factories.regisseur(harderwijk, username="jan")
    werk = factories.OrganisatieFactory(naam="Werkbedrijf Zeewolde", domeinen=["werk"])
    werk.gemeenten.add(team.gemeente)

    log_in(page, live_server, "sanne", factories.PASSWORD)
    _register_at_koppeling(page, live_server, today)
    dossier = Inburgeraar.objects.get(bsn="123456782")
    url = f"{live_server.url}{dossier.get_absolute_url()}"
    assert dossier.datum_brp_inschrijving is None  # not housed yet

    page.goto(url)
    page.get_by_role("link", name="Contactgegevens vastleggen").click()
    page.locator("#id_postcode").fill("3891ab")
    page.locator("#id_phone").fill("06 1234 5678")
    page.locator("#id_interpreter_needed").check()
    assert_accessible(page)
    page.locator(SUBMIT).click()  # no interpreter language: refused next to the field
    expect(page.locator("#id_interpreter_language_error")).to_contain_text("Kies de taal")
    expect(page.locator("#id_phone")).to_have_value("06 1234 5678")
    page.locator("#id_interpreter_language").select_option("ti")
    page.locator(SUBMIT).click()
    expect(page.locator("main")).to_contain_text("+31 6 12345678")
    expect(page.locator("main")).to_contain_text("3891 AB")

    page.goto(f"{url}intake/coa-profiel/")
    page.locator("#id_received_on").fill((today - datetime.timedelta(days=28)).isoformat())
    page.locator("#id_opleiding").fill("Middelbare school in Asmara")
    page.locator("#id_werkervaring").fill("Naaister, vijf jaar")
    page.locator("#id_gezondheidssignalen").fill("Rugklachten")
    assert_accessible(page)
    page.locator(SUBMIT).click()
    expect(page.locator("main")).to_contain_text("Middelbare school in Asmara")

    page.goto(f"{url}intake/")
    page.locator("form[action$='/intake/starten/'] button").click()
    expect(page.locator("main")).to_contain_text("Intake")

    page.goto(f"{url}wijzigen/")
    page.locator("#id_datum_brp_inschrijving").fill(today.isoformat())
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("opgeslagen")

    page.goto(f"{url}plan/")
    page.locator("form[action$='/plan/aanmaken/'] button").click()
    page.goto(f"{url}plan/concept/")
    page.locator("input[name=leerroute][value=b1]").check()
    page.locator(SUBMIT).click()
    page.goto(f"{url}plan/concept/vaststellen/")
    page.locator("#id_dagtekening").fill(today.isoformat())
    page.locator("#id_confirm").check()
    page.locator(SUBMIT).click()
    expect(page.locator("main")).to_contain_text("vastgesteld")
    dossier.refresh_from_db()
    assert dossier.status == "uitvoering"
    factories.share(dossier, dossier.regisseur, werk)

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server, "lead", factories.PASSWORD)
    page.goto(url)
    page.get_by_role("link", name="Verhuizen binnen de regio").click()
    page.locator("#id_team").select_option(label=f"Harderwijk — {harderwijk.naam}")
    page.locator("#id_reason").fill("Gehuisvest in Harderwijk")
    assert_accessible(page)
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("verhuisd")

    ended = Deling.history.filter(organisatie=werk, history_type="-").get()
    assert ended.history_change_reason == "Gehuisvest in Harderwijk"
    assert AuditEvent.objects.filter(
        dossier=dossier, action=AuditAction.SHARE_ENDED, payload__reason="Gehuisvest in Harderwijk"
    ).exists()

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server, "sanne", factories.PASSWORD)
    assert page.goto(url).status == 404

    dossier_services.assign_regisseur(
        actor=new_lead, dossier_ids=[dossier.pk], regisseur_id=new_regisseur.pk
    )
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server, "jan", factories.PASSWORD)
    page.goto(f"{url}plan/")
    expect(page.locator("main")).to_contain_text("B1-route")
    page.goto(f"{url}voortgang/tijdlijn/")
    expect(page.locator("main")).to_contain_text("Planversie 1 vastgesteld")
    assert_accessible(page)
    page.goto(url)
    expect(page.locator("main")).to_contain_text("Middelbare school in Asmara")


@pytest.mark.django_db(transaction=True)
def test_a_handover_file_is_received_into_the_queue(live_server, page, tmp_path):
    old_team = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Leiden"))
    old_regisseur = factories.regisseur(old_team)
    source = factories.InburgeraarFactory(
        team=old_team, regisseur=old_regisseur, surname="Kidane", bsn="111222333"
    )
    factories.fixed_plan(source, old_regisseur, afspraken=[("werk", "Stage bij de bakker")])
    handover_file = tmp_path / "overdracht.json"
    handover_file.write_bytes(inzage.as_json(inzage.collect(source, ExportKind.OVERDRACHT)))
    source.delete()  # the other installation's dossier: only the file comes here

    team = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Utrecht"))
    factories.regisseur(team, username="sanne")
    factories.teamleider(team, username="lead")
    log_in(page, live_server, "sanne", factories.PASSWORD)
    page.get_by_role("link", name="Overdracht ontvangen").click()
    assert_accessible(page)
    page.locator("#id_bestand").set_input_files(str(tmp_path / "overdracht.json"))
    page.locator(SUBMIT).click()
    expect(page.get_by_role("status").first).to_contain_text("wachtrij")

    page.get_by_role("link", name="Overdracht ontvangen").click()
    page.locator("#id_bestand").set_input_files(str(tmp_path / "overdracht.json"))
    page.locator(SUBMIT).click()
    expect(page.get_by_role("alert")).to_contain_text("al ontvangen")
    assert_accessible(page)
    assert Inburgeraar.objects.filter(bsn="111222333").count() == 1

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server, "lead", factories.PASSWORD)
    received = Inburgeraar.objects.get(bsn="111222333")
    page.goto(f"{live_server.url}{received.get_absolute_url()}plan/")
    expect(page.get_by_role("heading", level=2).first).to_contain_text(
        "Plan van de vorige gemeente (Leiden)"
    )
    expect(page.locator("main")).to_contain_text("Stage bij de bakker")
    assert_accessible(page)
    assert PipVersie.objects.get(pip__dossier=received).vorige_gemeente == "Leiden"
