"""Two-factor login for every role (BIO): a TOTP app, with backup codes, on django-otp.

A password alone opens only the second step. The first login enrols an authenticator app (QR
code, or the key typed in); ten single-use backup codes cover a lost phone; the functioneel
beheerder can reset a user's devices, which is logged.
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering.privacy import events

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "app"
BACKUP_DEVICE_NAME = "reservecodes"


def app_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_app_device(user) -> TOTPDevice:
    """The device being enrolled: the same key until it is confirmed, so a reload shows the
    same QR code the user may already have scanned."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": APP_DEVICE_NAME}
    )
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The QR code as inline SVG markup (no image file, nothing inline for CSP to block)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def readable_key(device: TOTPDevice) -> str:
    """The key in groups of four, for people who cannot scan the QR code."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_app(*, user, token: str) -> list[str] | None:
    """Confirm the pending device with a code from the app; returns fresh backup codes, or
    None when the code is wrong."""
    device = pending_app_device(user)
    if not device.verify_token(_digits(token)):
        return None
    device.confirmed = True
    device.save()
    backup, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": BACKUP_DEVICE_NAME}
    )
    backup.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    for code in codes:
        backup.token_set.create(token=code)
    return codes


def verified_device(user, token: str):
    """The confirmed device the code belongs to (the app, or a backup code, which is used up),
    or None."""
    token = token.strip()
    for device in devices_for_user(user, confirmed=True):
        candidate = _digits(token) if isinstance(device, TOTPDevice) else token.replace(" ", "")
        if candidate and device.verify_is_allowed()[0] and device.verify_token(candidate):
            return device
    return None


def _digits(token: str) -> str:
    """The code without the spaces people type; only 0-9 count (``numbers``)."""
    return "".join(ch for ch in token if ch in "0123456789")


@transaction.atomic
def reset(*, actor, user) -> None:
    """Remove every device of the user (a lost phone); the next login enrols again and any
    session verified with the old device stops being verified."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    events.two_factor_reset(actor=actor, user=user)
