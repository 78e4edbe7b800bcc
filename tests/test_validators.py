import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from inburgering.demo import demo_bsn
from inburgering.validators import compact_number, validate_bsn, validate_v_nummer


def test_a_bsn_that_passes_the_11_test_is_valid():
    validate_bsn("111222333")
    validate_bsn(demo_bsn(5))


@pytest.mark.parametrize(
    ("value", "code", "dutch"),
    [
        ("123456789", "bsn_checksum", "11-proef"),
        ("12345678", "bsn_length", "9 cijfers"),
        ("12", "bsn_length", "9 cijfers"),
        ("12345678a", "bsn_format", "alleen uit cijfers"),
    ],
)
def test_an_invalid_bsn_is_explained_in_dutch(value, code, dutch):
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        validate_bsn(value)
    assert caught.value.code == code
    assert dutch in str(caught.value.messages[0])


def test_compact_number_strips_what_people_type():
    assert compact_number("1112.22.333 ") == "111222333"


def test_v_nummer_has_ten_digits():
    validate_v_nummer("1234567890")
    with pytest.raises(ValidationError):
        validate_v_nummer("12345")
