"""Two-factor login in headless Chromium: a new user connects an app, logs out, and logs in
again with a generated code; five wrong passwords lock the account, in Dutch."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from inburgering.choices import Role
from tests import factories
from tests.browser import assert_accessible

pytestmark = pytest.mark.browser


def _fill_password(page, live_server, username, password):
    page.goto(f"{live_server.url}/inloggen/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()


@pytest.mark.django_db(transaction=True)
def test_a_new_user_connects_an_app_and_logs_in_with_its_code(live_server, page):
    team = factories.TeamFactory()
    factories.regisseur(team, username="nieuw", two_factor=False)

    _fill_password(page, live_server, "nieuw", factories.PASSWORD)
    expect(page.locator("h1")).to_have_text("Inloggen met twee stappen instellen")
    assert_accessible(page)  # the QR code with its typed-in alternative
    key = page.locator("#two-factor-key").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label("Code", exact=True).fill(f"{totp(secret):06d}")
    page.get_by_role("button", name="App koppelen").click()
    expect(page.locator("h1")).to_have_text("Uw reservecodes")
    expect(page.locator("main code")).to_have_count(10)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.locator("h1")).to_have_text("Mijn dossiers")

    page.get_by_role("button", name="Uitloggen").click()
    _fill_password(page, live_server, "nieuw", factories.PASSWORD)
    expect(page.locator("h1")).to_have_text("Inloggen: code")
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill("123456")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("main")).to_contain_text("Deze code klopt niet.")
    page.wait_for_timeout(1100)  # django-otp slows guessing down: a second try waits a second
    page.get_by_label("Code", exact=True).fill(
        factories.current_code(factories.User.objects.get(username="nieuw"))
    )
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).to_have_text("Mijn dossiers")


@pytest.mark.django_db(transaction=True)
def test_five_wrong_passwords_lock_the_account(live_server, page):
    factories.user_with_role(Role.REGISSEUR, username="slot")
    for _attempt in range(5):
        _fill_password(page, live_server, "slot", "verkeerd-wachtwoord")
    _fill_password(page, live_server, "slot", factories.PASSWORD)
    expect(page.locator("main")).to_contain_text("Dit account is geblokkeerd")
    assert_accessible(page)
