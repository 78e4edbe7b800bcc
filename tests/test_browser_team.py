"""The teamleider assigns queued dossiers and moves one from a colleague, in headless
Chromium with axe-core on the queue and the assign page (with and without an error)."""

import pytest
from playwright.sync_api import expect

from inburgering.models import Inburgeraar
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
