"""Writes of letters: one is composed from the template (its texts filled in and frozen),
made, and rendered once as PDF/UA by a Celery task. A letter is never edited."""

from __future__ import annotations

import datetime
import time
from itertools import zip_longest

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import rendered_files, tasks
from inburgering.brieven import fields, selectors
from inburgering.languages import LANGUAGE_ENDONYMS, RTL_LANGUAGES
from inburgering.models import Bijeenkomst, Brief, Inburgeraar
from inburgering.privacy import events
from inburgering.services import ServiceError, save_as

# First-strong isolate ... pop directional isolate: a date, time or Latin place name keeps its
# own order inside right-to-left text ("03-12-2026", not "2026-12-03").
ISOLATE = "\u2068{}\u2069"


class NeedsAppointment(ServiceError):
    """The letter names an appointment's date, time or place, and none was chosen."""


def _text_block(text, language: str, values: dict[str, str]) -> dict:
    if language in RTL_LANGUAGES:
        values = {name: ISOLATE.format(value) for name, value in values.items()}
    return {
        "language": language,
        "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
        "name": LANGUAGE_ENDONYMS[language],
        "subject": fields.fill(text.subject, values),
        "paragraphs": [fields.fill(p, values) for p in fields.paragraphs(text.body)],
        "reviewed": text.reviewed or language == "nl",
    }


def compose(
    *,
    dossier: Inburgeraar,
    kind: str,
    language: str = "",
    bijeenkomst: Bijeenkomst | None = None,
    writer,
    today: datetime.date | None = None,
) -> dict:
    """The letter's content: the Dutch text and, when asked and written, the one in
    ``language``, each with its fields filled in. Refused when the template has no Dutch
    text or a field has nothing to say (an appointment letter without an appointment)."""
    today = today or timezone.localdate()
    template, texts = selectors.texts_of(kind)
    if template is None or "nl" not in texts:
        raise ServiceError(
            _("There is no template for this letter yet; ask the application manager.")
        )
    chosen = [texts["nl"]] + ([texts[language]] if language in texts and language != "nl" else [])
    blocks = []
    for text in chosen:
        values = selectors.field_values(
            dossier, text.language, bijeenkomst=bijeenkomst, today=today, writer=writer
        )
        lacking = fields.missing([text.subject, text.body], values)
        if lacking:
            if set(lacking) & {"datum", "tijd", "plaats"}:
                raise NeedsAppointment(_("This letter is about an appointment: choose one."))
            raise ServiceError(
                _("This letter needs %(fields)s, which this dossier does not have yet.")
                % {"fields": ", ".join(f"[{name}]" for name in lacking)}
            )
        blocks.append(_text_block(text, text.language, values))
    return {
        "rows": [
            list(pair) for pair in zip_longest(*(b["paragraphs"] for b in blocks), fillvalue="")
        ],
        "template_version": template.version,
        "gemeente": dossier.gemeente.naam,
        "date": selectors.written_date(today, "nl"),
        "address": selectors.address_of(dossier),
        "texts": blocks,
        "fallback": bool(language) and language not in texts,
    }


@transaction.atomic
def make_brief(
    *,
    actor,
    dossier_id: int,
    kind: str,
    language: str = "",
    bijeenkomst_id: int | None = None,
    today: datetime.date | None = None,
) -> Brief:
    """Make a letter for an open dossier: its content frozen now, its PDF rendered once by a
    Celery task; audited and on the timeline."""
    dossier = (
        Inburgeraar.objects.select_for_update(of=("self",))
        .select_related("gemeente", "regisseur")
        .get(pk=dossier_id)
    )
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    bijeenkomst = (
        Bijeenkomst.objects.get(pk=bijeenkomst_id, dossier=dossier) if bijeenkomst_id else None
    )
    content = compose(
        dossier=dossier,
        kind=kind,
        language=language,
        bijeenkomst=bijeenkomst,
        writer=actor,
        today=today,
    )
    brief = Brief(
        dossier=dossier,
        kind=kind,
        template_version=content["template_version"],
        language=language if not content["fallback"] else "",
        bijeenkomst=bijeenkomst,
        content=content,
        requested_by=actor,
    )
    save_as(brief, actor=actor)
    events.letter_made(actor=actor, brief=brief)
    transaction.on_commit(lambda: tasks.render_brief.delay(brief.pk))
    return brief


def render_brief(*, brief_id: int) -> Brief:
    """Render and store the letter's PDF once (``rendered_files``)."""
    from inburgering.brieven.pdf import render_letter_pdf

    def make(brief: Brief) -> None:
        started = time.perf_counter()
        pdf = render_letter_pdf(brief.content)
        brief.file.save(f"brief-{brief.pk}.pdf", ContentFile(pdf), save=False)
        brief.rendered_at = timezone.now()
        brief.render_seconds = time.perf_counter() - started

    return rendered_files.render_once(Brief.objects.select_related("requested_by"), brief_id, make)


def remove_letter_files(dossier_id: int) -> int:
    """Delete the stored letters of a dossier (retention); returns how many."""
    removed = 0
    for brief in Brief.objects.filter(dossier_id=dossier_id).exclude(file=""):
        brief.file.delete(save=False)
        removed += 1
    return removed
