"""Shared helpers of the browser tests: Debian's Chromium through Playwright, and axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from inburgering.models import User
from tests.factories import current_code

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium, one per test module."""
    # Playwright's sync API runs an event loop in this thread; the ORM must stay usable
    # (database set-up, flushes and the test's own queries). Tests only.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_accessible(page):
    """axe-core finds no WCAG 2.1 A/AA or best-practice violation on the current page."""
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def log_in(page, live_server, username, password):
    """Log in through the login page, as a person would: the password, then the code the
    user's authenticator app shows."""
    page.goto(f"{live_server.url}/inloggen/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.locator("#id_token").fill(current_code(User.objects.get(username=username)))
    page.locator("main button[type=submit]").click()
