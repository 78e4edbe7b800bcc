"""Whole numbers from request data (query strings, form values, session data): the digits 0-9.

Python's ``int()`` and ``str.isdigit()`` also accept superscripts, full-width and Arabic-Indic
digits, so "¹" passed ``isdigit()`` and then failed in ``int()`` with a server error, and a
full-width BSN slipped past the unique key. Everything that reads a number from outside reads
it here.
"""

from __future__ import annotations

import re

_ASCII_NUMBER = re.compile(r"[0-9]+")
MAX_ID = 2**63 - 1  # PostgreSQL's bigint: a larger id can exist nowhere


def parse_int(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The whole number written in ASCII digits, within the bounds; None for anything else."""
    text = "" if value is None else str(value).strip()
    if not _ASCII_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def has_foreign_digits(text: str) -> bool:
    """Whether the text holds digits other than 0-9 (full-width, Arabic-Indic, superscript)."""
    return any(not char.isascii() and (char.isdigit() or char.isnumeric()) for char in text)
