"""Login hardening: the second factor for every role, backup codes, the beheerder's reset,
session timeouts, deactivated accounts and the browser-facing security headers."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from inburgering.accounts import sessions, two_factor
from inburgering.choices import Role
from inburgering.models import AuditEvent
from tests import factories


def _password_only(user) -> Client:
    """Logged in with the password, before the code step."""
    client = Client()
    client.force_login(user)
    return client


def test_a_password_alone_opens_nothing_but_the_code_step(regisseur, dossier):
    client = _password_only(regisseur)
    for url in (reverse("caseload"), dossier.get_absolute_url(), reverse("worklist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.get(reverse("two_factor_verify")).status_code == 200


def test_the_code_step_refuses_a_wrong_code_in_dutch_and_accepts_the_right_one(regisseur):
    client = _password_only(regisseur)
    url = f"{reverse('two_factor_verify')}?next={reverse('caseload')}"
    wrong = client.post(url, {"token": "000000", "next": reverse("caseload")})
    assert "Deze code klopt niet." in wrong.content.decode()
    time.sleep(1.1)  # django-otp slows guessing down: a second try waits a second
    right = client.post(url, {"token": factories.current_code(regisseur), "next": "/dossiers/"})
    assert right.status_code == 302 and right["Location"] == reverse("caseload")
    assert client.get(reverse("caseload")).status_code == 200


def test_enrolment_gives_backup_codes_that_work_once(db):
    user = factories.user_with_role(Role.REGISSEUR, two_factor=False)
    client = _password_only(user)
    assert client.get(reverse("caseload"))["Location"].startswith(reverse("two_factor_verify"))
    enrol = client.get(reverse("two_factor_enrol"))
    assert "<svg" in enrol.content.decode() and enrol.context["key"]
    device = two_factor.pending_app_device(user)
    from django_otp.oath import totp

    client.post(reverse("two_factor_enrol"), {"token": f"{totp(device.bin_key):06d}"})
    codes = client.get(reverse("two_factor_backup_codes")).context["codes"]
    assert len(codes) == two_factor.BACKUP_CODE_COUNT
    assert client.get(reverse("two_factor_backup_codes")).status_code == 302  # shown once

    again = _password_only(user)
    again.post(reverse("two_factor_verify"), {"token": codes[0]})
    assert again.get(reverse("caseload")).status_code == 200
    third = _password_only(user)
    third.post(reverse("two_factor_verify"), {"token": codes[0]})  # used up
    assert third.get(reverse("caseload")).status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == len(codes) - 1


def test_the_beheerder_resets_a_lost_phone_and_it_is_logged(client, regisseur):
    client.force_login(regisseur)
    assert client.get(reverse("caseload")).status_code == 200
    beheerder = factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER, username="beheer")
    admin = factories.VerifiedClient()
    admin.force_login(beheerder)
    admin.post(
        reverse("admin:inburgering_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [regisseur.pk]},
    )
    assert two_factor.app_device(regisseur) is None
    event = AuditEvent.objects.get(action="two_factor_reset")
    assert event.actor == beheerder
    assert event.payload == {"user": regisseur.pk, "username": regisseur.username}
    # The session verified with the old device is no longer verified: enrol again.
    assert client.get(reverse("caseload"))["Location"].startswith(reverse("two_factor_verify"))


def test_idle_and_absolute_timeouts_end_the_session(client, regisseur, settings):
    client.force_login(regisseur)
    session = client.session
    session[sessions.LAST_SEEN] = time.time() - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    assert client.get(reverse("caseload"))["Location"].startswith(reverse("login"))

    client.force_login(regisseur)
    session = client.session
    session[sessions.STARTED] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    assert client.get(reverse("caseload"))["Location"].startswith(reverse("login"))


def test_a_deactivated_users_session_stops_at_the_next_request(client, regisseur):
    client.force_login(regisseur)
    assert client.get(reverse("caseload")).status_code == 200
    regisseur.is_active = False
    regisseur.save()
    assert client.get(reverse("caseload"))["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", ["login", "dossier"])
def test_pages_carry_a_strict_content_security_policy(client, regisseur, dossier, page, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # as in production settings (HTTPS only)
    if page == "dossier":
        client.force_login(regisseur)
    url = reverse("login") if page == "login" else dossier.get_absolute_url()
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_five_wrong_passwords_lock_the_account_with_a_dutch_message(client, regisseur):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    locked = client.post(reverse("login"), {"username": "sanne", "password": factories.PASSWORD})
    assert "Dit account is geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
