"""The team layer in headless Chromium with axe-core: the teamleider assigns from the queue,
moves dossiers with a reason, arranges a substitute; what the others then see."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inburgering.choices import Role
from inburgering.dossier.services import run_assignment_job
from inburgering.models import AssignmentJob, Briefsjabloon, Inburgeraar
from tests import factories
from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser  # drives Chromium


@pytest.mark.django_db(transaction=True)
def test_a_teamleider_assigns_from_the_queue_and_moves_with_a_reason(live_server, page):
    team = factories.TeamFactory()
    factories.teamleider(team, username="marieke")
    sanne = factories.regisseur(team, username="sanne", first_name="Sanne", last_name="Jansen")
    youssef = factories.regisseur(
        team, username="youssef", first_name="Youssef", last_name="Amrani"
    )
    queued = [
        factories.InburgeraarFactory(team=team, regisseur=None, surname=name)
        for name in ("Haddad", "Khalil")
    ]
    carried = factories.InburgeraarFactory(team=team, regisseur=sanne, surname="Tesfay")

    log_in(page, live_server, "marieke", factories.PASSWORD)
    page.get_by_role("link", name="Nog toe te wijzen").click()
    expect(page.locator("main")).to_contain_text("2 dossiers wachten op een regisseur")
    assert_accessible(page)  # the queue
    for dossier in queued:
        page.get_by_label(f"Kies {dossier.full_name}").check()
    page.get_by_role("button", name="Kies een regisseur voor deze dossiers").click()
    page.get_by_label("Nieuwe regisseur").select_option(label="Sanne Jansen (1 open dossier)")
    assert_accessible(page)  # the assign page
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("main")).to_contain_text("2 dossiers hebben nu Sanne Jansen als regisseur.")
    expect(page.locator("main")).to_contain_text("Er wacht niemand op een regisseur.")
    assert set(
        Inburgeraar.objects.filter(pk__in=[d.pk for d in queued]).values_list(
            "regisseur", flat=True
        )
    ) == {sanne.pk}

    # Moving a colleague's dossier: without a reason the page says so and keeps the choice.
    page.goto(f"{live_server.url}/team/toewijzen/?dossier={carried.pk}")
    page.get_by_label("Nieuwe regisseur").select_option(label="Youssef Amrani (0 open dossiers)")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("main")).to_contain_text("Geef de reden op")
    expect(page.get_by_label("Nieuwe regisseur")).to_have_value(str(youssef.pk))
    assert_accessible(page)  # the assign page with its error
    page.get_by_label("Reden").fill("Verlof van Sanne")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("main")).to_contain_text("1 dossier heeft nu Youssef Amrani als regisseur.")
    assert Inburgeraar.objects.get(pk=carried.pk).regisseur == youssef


def _as(page, live_server, username):
    """Log out whoever is logged in, and log in as ``username``."""
    page.context.clear_cookies()
    log_in(page, live_server, username, factories.PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_the_team_layer_from_queue_to_substitute_and_the_trail(live_server, page):
    """The issue's acceptance journey: assign a queued dossier, move three with a reason from
    the caseload, arrange a substitute for a week; the old regisseur loses the dossiers at
    once, the new one finds them with their reminders, the substitute sees the banner, the
    trail shows each step with its reason; axe-core clean on every page of the team layer,
    Django admin's user, team and letter template pages included."""
    team = factories.TeamFactory()
    marieke = factories.teamleider(team, username="marieke")
    sanne = factories.regisseur(team, username="sanne", first_name="Sanne", last_name="Jansen")
    youssef = factories.regisseur(
        team, username="youssef", first_name="Youssef", last_name="Amrani"
    )
    factories.regisseur(team, username="daan", first_name="Daan", last_name="Mulder")
    factories.auditor(team.gemeente, username="pieter")
    queued = factories.InburgeraarFactory(team=team, regisseur=None, surname="Haddad")
    carried = [
        factories.InburgeraarFactory(team=team, regisseur=sanne, surname=name)
        for name in ("Tesfay", "Osman", "Bakr")
    ]
    factories.signaal(
        carried[0], sanne, subject="Huurachterstand", follow_up_on=datetime.date(2026, 1, 5)
    )

    _as(page, live_server, "marieke")
    page.get_by_role("link", name="Nog toe te wijzen").click()
    page.get_by_label(f"Kies {queued.full_name}").check()
    page.get_by_role("button", name="Kies een regisseur voor deze dossiers").click()
    page.get_by_label("Nieuwe regisseur").select_option(label="Sanne Jansen (3 open dossiers)")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("main")).to_contain_text("1 dossier heeft nu Sanne Jansen als regisseur.")

    page.get_by_role("link", name="Mijn dossiers").click()
    page.get_by_label("Regisseur", exact=True).select_option(label="Sanne Jansen")
    page.get_by_role("button", name="Zoeken").click()
    assert_accessible(page)  # the caseload with its checkboxes and the filter by regisseur
    for dossier in carried:
        page.get_by_label(f"Kies {dossier.full_name}").check()
    page.get_by_role("button", name="Geef de gekozen dossiers een andere regisseur").click()
    expect(page.locator("main")).to_contain_text("3 dossiers gekozen.")
    page.get_by_label("Nieuwe regisseur").select_option(label="Youssef Amrani (0 open dossiers)")
    page.get_by_label("Reden").fill("Ziekte van Sanne")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("main")).to_contain_text("3 dossiers hebben nu Youssef Amrani")

    page.get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_role("row", name="Youssef Amrani")).to_contain_text("3")
    assert_accessible(page)  # the team's load, chart and table

    page.get_by_role("link", name="Waarneming").click()
    today = timezone.localdate()
    page.get_by_label("Afwezige regisseur").select_option(label="Youssef Amrani")
    page.get_by_label("Waarnemer").select_option(label="Daan Mulder")
    page.get_by_label("Eerste dag").fill(today.isoformat())
    page.get_by_label("Laatste dag").fill((today + datetime.timedelta(days=6)).isoformat())
    page.get_by_label("Reden").fill("Vakantie")
    page.get_by_role("button", name="Regelen").click()
    expect(page.locator("main")).to_contain_text("Daan Mulder neemt waar voor Youssef Amrani")
    assert_accessible(page)  # the substitutes, with one running
    page.get_by_role("link", name="Mijn werkvoorraad").click()
    expect(page.locator("main")).to_contain_text("Waarnemingen die deze week eindigen (1)")
    assert_accessible(page)  # the worklist with the teams' lists

    _as(page, live_server, "sanne")  # the old regisseur: the moved dossiers are gone at once
    assert page.goto(f"{live_server.url}{carried[0].get_absolute_url()}").status == 404

    _as(page, live_server, "youssef")
    page.get_by_role("link", name="Mijn dossiers").click()
    for dossier in carried:
        expect(page.locator("main")).to_contain_text(dossier.surname)
    page.get_by_role("link", name="Mijn werkvoorraad").click()
    expect(page.locator("main")).to_contain_text("Signaal: Huurachterstand")  # moved along

    _as(page, live_server, "daan")
    page.goto(f"{live_server.url}{carried[0].get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Waarneming voor Youssef Amrani")
    assert_accessible(page)  # a dossier with the banner

    _as(page, live_server, "pieter")  # the privacy officer reads the trail
    page.goto(f"{live_server.url}/privacy/dossiers/{carried[0].pk}/")
    expect(page.locator("main")).to_contain_text(
        "Verplaatst van Sanne Jansen naar Youssef Amrani (Ziekte van Sanne)"
    )
    page.goto(f"{live_server.url}/privacy/gebruikers/{marieke.pk}/")
    expect(page.locator("main")).to_contain_text("Daan Mulder neemt waar voor Youssef Amrani")
    expect(page.locator("main")).to_contain_text("(Vakantie)")
    assert Inburgeraar.objects.filter(regisseur=youssef).count() == 3

    beheerder = factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER, username="linda")
    _as(page, live_server, beheerder.username)
    letters = Briefsjabloon.objects.get(kind="bij_pip")
    for path in (
        f"/beheer/inburgering/user/{sanne.pk}/change/",
        f"/beheer/inburgering/team/{team.pk}/change/",
        f"/beheer/inburgering/briefsjabloon/{letters.pk}/change/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)  # Django admin's user, team and letter template pages
    expect(page.locator("main, #content").first).to_contain_text("Flesch-Douma")


@pytest.mark.django_db(transaction=True)
def test_a_large_batch_shows_its_progress_page(live_server, page, settings):
    """Above ASSIGN_INLINE_MAX the move becomes a job; its page says how far it is, keeps
    itself current while it waits (a live region, not a timed refresh), and passes axe-core
    waiting and done."""
    settings.ASSIGN_INLINE_MAX = 1
    team = factories.TeamFactory()
    factories.teamleider(team, username="marieke")
    factories.regisseur(team, first_name="Daan", last_name="Mulder")
    queued = [factories.InburgeraarFactory(team=team, regisseur=None) for _ in range(2)]
    _as(page, live_server, "marieke")
    page.goto(f"{live_server.url}/team/toewijzen/?dossier={queued[0].pk}&dossier={queued[1].pk}")
    page.get_by_label("Nieuwe regisseur").select_option(label="Daan Mulder (0 open dossiers)")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("main")).to_contain_text("0 van 2 dossiers verwerkt")
    assert_accessible(page)  # waiting (no worker runs in this test)
    run_assignment_job(job_id=AssignmentJob.objects.get().pk)
    # The page keeps itself current (its script asks again every 2 s), without a reload.
    expect(page.locator("#job-progress")).to_contain_text("2 van 2 dossiers verwerkt, 2 verplaatst")
    assert_accessible(page)  # done
