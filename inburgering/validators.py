"""Field validators for Dutch identifiers, with Dutch messages (English source strings)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.nl import bsn as stdnum_bsn


def validate_bsn(value: str) -> None:
    """A BSN has 9 digits and passes the 11-test (python-stdnum)."""
    try:
        stdnum_bsn.validate(value)
    except InvalidLength as exc:
        raise ValidationError(_("A BSN has exactly 9 digits."), code="bsn_length") from exc
    except InvalidFormat as exc:
        raise ValidationError(_("A BSN contains digits only."), code="bsn_format") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("This is not a valid BSN: it does not pass the 11-test. Check for a typing error."),
            code="bsn_checksum",
        ) from exc


def validate_v_nummer(value: str) -> None:
    """The immigration service's V-nummer has 10 digits."""
    if not (value.isdigit() and len(value) == 10):
        raise ValidationError(_("A V-number has exactly 10 digits."), code="v_nummer")


def compact_bsn(value: str) -> str:
    """Strip spaces, dots and dashes people type in a BSN."""
    return stdnum_bsn.compact(value or "")
