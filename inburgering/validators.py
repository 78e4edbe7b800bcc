"""Field validators for Dutch identifiers, with Dutch messages (English source strings)."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from inburgering.numbers import has_foreign_digits

_ASCII_DIGITS = re.compile(r"[0-9]*")


def _check_ascii_digits(value: str, *, foreign: str, other: str, code: str) -> None:
    """Only 0-9: other digits (full-width, Arabic-Indic) get a message that says so."""
    if _ASCII_DIGITS.fullmatch(value):
        return
    if has_foreign_digits(value):
        raise ValidationError(foreign, code="foreign_digits")
    raise ValidationError(other, code=code)


def validate_bsn(value: str) -> None:
    """A BSN has exactly 9 digits and passes the 11-test (python-stdnum).

    Length and digits are checked here first: stdnum pads short numbers with zeros,
    which would let '12' pass as 000000012.
    """
    _check_ascii_digits(
        value,
        foreign=_(
            "Type the BSN with the digits 0 to 9; it now contains other digits (such as "
            "full-width or Arabic digits)."
        ),
        other=_("A BSN contains digits only."),
        code="bsn_format",
    )
    if len(value) != 9:
        raise ValidationError(_("A BSN has exactly 9 digits."), code="bsn_length")
    try:
        stdnum_bsn.validate(value)
    except StdnumValidationError as exc:
        raise ValidationError(
            _("This is not a valid BSN: it does not pass the 11-test. Check for a typing error."),
            code="bsn_checksum",
        ) from exc


def validate_v_nummer(value: str) -> None:
    """The immigration service's V-nummer has 10 digits."""
    _check_ascii_digits(
        value,
        foreign=_(
            "Type the V-number with the digits 0 to 9; it now contains other digits (such as "
            "full-width or Arabic digits)."
        ),
        other=_("A V-number has exactly 10 digits."),
        code="v_nummer",
    )
    if len(value) != 10:
        raise ValidationError(_("A V-number has exactly 10 digits."), code="v_nummer")


def compact_number(value: str) -> str:
    """Strip the spaces, dots and dashes people type in a BSN or V-number (and nothing else)."""
    return re.sub(r"[\s.\-]", "", value or "")


def normal_postcode(value: str) -> str:
    """A Dutch postcode as the BRP writes it ("1234 AB"), however it was typed (python-stdnum);
    refused with a Dutch message when it is not one."""
    if has_foreign_digits(value):
        raise ValidationError(
            _("Type the postcode with the digits 0 to 9."), code="postcode_foreign_digits"
        )
    try:
        return stdnum_postcode.validate(value)
    except StdnumValidationError as exc:
        raise ValidationError(
            _("A postcode has four digits and two letters, such as 1234 AB."), code="postcode"
        ) from exc


def validate_postcode(value: str) -> None:
    if normal_postcode(value) != value:
        raise ValidationError(_("Write the postcode as 1234 AB."), code="postcode_form")


def normal_phone(value: str) -> str:
    """A phone number in international form (+31 6 12345678), a Dutch one without its
    country code too (Google's libphonenumber); refused with a Dutch message otherwise."""
    if has_foreign_digits(value):
        raise ValidationError(
            _("Type the phone number with the digits 0 to 9."), code="phone_foreign_digits"
        )
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_("This is not a phone number."), code="phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number does not exist; check the digits and the country code."),
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_phone(value: str) -> None:
    if normal_phone(value) != value:
        raise ValidationError(_("Write the phone number as +31 6 12345678."), code="phone_form")
