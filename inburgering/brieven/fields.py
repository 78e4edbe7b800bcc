"""The named fields a letter template may use, written in square brackets: [naam], [datum].

The core knows the person, the municipality, the regisseur, today and an appointment; an app
adds the fields only it can fill (the plan's objection term) through ``register``, so the core
imports no app. A template with any other word in brackets is refused when it is saved, with
that word named: a letter never goes out with "[adres]" in it. Everything else in a text is
literal: markup and {{ }} come out as typed (the templates escape it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# A word in square brackets, without spaces: "[naam]". "[zie bijlage]" is text.
FIELD = re.compile(r"\[([^\[\]\s]{1,40})\]")


@dataclass(frozen=True)
class Field:
    name: str
    description: str
    needs_appointment: bool = False


CORE_FIELDS = [
    Field("naam", _("the person's full name")),
    Field("gemeente", _("the municipality")),
    Field("regisseur", _("the integration coach's name")),
    Field("vandaag", _("the date of the letter")),
    Field("datum", _("the date of the appointment"), needs_appointment=True),
    Field("tijd", _("the start time of the appointment"), needs_appointment=True),
    Field("plaats", _("the place of the appointment, or its video link"), needs_appointment=True),
]

# provider(dossier, language) -> {field name: text}; an app fills its own fields with it.
Provider = Callable[[object, str], dict[str, str]]
_app_fields: dict[str, Field] = {}
_providers: list[Provider] = []


def register(fields: list[Field], provider: Provider) -> None:
    for field in fields:
        _app_fields[field.name] = field
    if provider not in _providers:
        _providers.append(provider)


def known() -> dict[str, Field]:
    return {field.name: field for field in CORE_FIELDS} | _app_fields


def used(text: str) -> list[str]:
    """The field names a text uses, in order, each once (lower case: [Naam] is [naam])."""
    return list(dict.fromkeys(name.lower() for name in FIELD.findall(text)))


def unknown(text: str) -> list[str]:
    names = known()
    return [name for name in used(text) if name not in names]


def needs_appointment(texts: list[str]) -> bool:
    names = known()
    return any(
        names[name].needs_appointment for text in texts for name in used(text) if name in names
    )


def app_values(dossier, language: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for provider in _providers:
        values |= provider(dossier, language)
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each known field replaced by its value; a field without a value stays as
    written (the service refuses such a letter before it is made)."""
    return FIELD.sub(lambda match: values.get(match.group(1).lower(), match.group(0)), text)


def missing(texts: list[str], values: dict[str, str]) -> list[str]:
    """The fields these texts use that have no value for this letter."""
    return [name for text in texts for name in used(text) if not values.get(name)]


def paragraphs(body: str) -> list[str]:
    """A body's paragraphs: separated by an empty line, lines within one kept."""
    blocks = re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip())
    return [block.strip() for block in blocks if block.strip()]
