"""Reads for letters: the template texts, what the fields say for one dossier, a dossier's
letters."""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.formats import date_format

from inburgering.brieven import fields
from inburgering.models import (
    Bijeenkomst,
    Brief,
    Briefsjabloon,
    BriefsjabloonTekst,
    ContactDetails,
    Inburgeraar,
)


def written_date(day: datetime.date, language: str, *, weekday: bool = False) -> str:
    """A date as a letter writes it: in words in Dutch ("donderdag 3 december 2026"), in
    digits in every other language (03-12-2026), which every reader reads the same."""
    if language != "nl":
        return day.strftime("%d-%m-%Y")
    with translation.override("nl"):
        return date_format(day, "l j F Y" if weekday else "j F Y")


def field_values(
    dossier: Inburgeraar,
    language: str,
    *,
    bijeenkomst: Bijeenkomst | None,
    today: datetime.date,
    writer,
) -> dict[str, str]:
    """What each field says in this dossier's letter, in ``language``; the apps add theirs."""
    regisseur = dossier.regisseur or writer
    values = {
        "naam": dossier.full_name,
        "gemeente": dossier.gemeente.naam,
        "regisseur": regisseur.get_full_name() or regisseur.username,
        "vandaag": written_date(today, language),
    }
    if bijeenkomst is not None:
        values |= {
            "datum": written_date(bijeenkomst.date, language, weekday=True),
            "tijd": bijeenkomst.start_time.strftime("%H:%M"),
            "plaats": bijeenkomst.location or bijeenkomst.video_link,
        }
    return values | fields.app_values(dossier, language)


def texts_of(kind: str) -> tuple[Briefsjabloon | None, dict[str, BriefsjabloonTekst]]:
    """A template and its texts by language (two queries)."""
    template = Briefsjabloon.objects.filter(kind=kind).first()
    if template is None:
        return None, {}
    return template, {text.language: text for text in template.texts.all()}


def address_of(dossier: Inburgeraar) -> list[str]:
    contact = ContactDetails.objects.filter(dossier=dossier).first()
    return [dossier.full_name, *(contact.address_lines if contact else [])]


def letters_of(dossier: Inburgeraar) -> list[Brief]:
    return list(Brief.objects.filter(dossier=dossier).select_related("requested_by"))


def open_appointments(dossier: Inburgeraar):
    """The appointments a letter may be about: the open ones, the nearest first."""
    return Bijeenkomst.objects.filter(dossier=dossier, opkomst="open").order_by(
        "date", "start_time", "pk"
    )
