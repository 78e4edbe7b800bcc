"""The learning record's part of a handover received (``inburgering.dossier.handover``):
the talks held, for the lesson hours, absence and MAP hours they recorded; the exam results;
the tracked components (MAP, PVT, begeleiding, participation). Planned talks, signals and
reminders are the old gemeente's work in hand and stay there.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from inburgering.choices import DossierStatus
from inburgering.dossier.handover import Receipt
from inburgering.services import save_as
from voortgang.models import (
    TRAJECT_FIELDS,
    VERSLAG_FIELDS,
    Examenresultaat,
    GesprekStatus,
    Traject,
    Voortgangsgesprek,
)

GESPREK_FIELDS = (
    "planned_on",
    *VERSLAG_FIELDS,
    "conclusie",
    "conclusie_toelichting",
    "maatregel",
    "maatregel_on",
    "boete_eur",
    "concluded_at",
)
EXAMEN_FIELDS = ("onderdeel", "niveau", "taken_on", "uitslag")
RECEIVED_TRAJECT_FIELDS = ("soort", *TRAJECT_FIELDS)


def receive(receipt: Receipt) -> None:
    _receive_gesprekken(receipt)
    for number, row in enumerate(receipt.rows("voortgang.Examenresultaat"), start=1):
        resultaat = Examenresultaat(
            dossier=receipt.dossier,
            gesprek=receipt.linked("voortgang.Voortgangsgesprek", row.get("gesprek")),
        )
        title = _("Exam result %(number)d") % {"number": number}
        if receipt.fill(resultaat, row, EXAMEN_FIELDS, title=title, past=("taken_on",)):
            save_as(resultaat, actor=receipt.actor)
    for number, row in enumerate(receipt.rows("voortgang.Traject"), start=1):
        traject = Traject(dossier=receipt.dossier, updated_by=receipt.actor)
        title = _("Component %(number)d") % {"number": number}
        past = ("started_on", "finished_on")
        if receipt.fill(traject, row, RECEIVED_TRAJECT_FIELDS, title=title, past=past):
            save_as(traject, actor=receipt.actor)
            receipt.reached(DossierStatus.UITVOERING)


def _receive_gesprekken(receipt: Receipt) -> None:
    """The concluded talks about a plan version received, with what they recorded."""
    for row in receipt.rows("voortgang.Voortgangsgesprek"):
        versie = receipt.linked("pip_plans.PipVersie", row.get("versie"))
        if versie is None or row.get("status") != GesprekStatus.AFGEROND:
            continue
        gesprek = Voortgangsgesprek(
            dossier=receipt.dossier,
            versie=versie,
            status=GesprekStatus.AFGEROND,
            nieuwe_versie=receipt.linked("pip_plans.PipVersie", row.get("nieuwe_versie")),
            created_by=receipt.actor,
        )
        title = _("Progress talk of %(date)s") % {"date": row.get("held_on")}
        past = ("held_on", "maatregel_on")
        if receipt.fill(gesprek, row, GESPREK_FIELDS, title=title, past=past):
            save_as(gesprek, actor=receipt.actor)
            receipt.link("voortgang.Voortgangsgesprek", row.get("id"), gesprek)
