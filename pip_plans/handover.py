"""The plan's part of a handover received (``inburgering.dossier.handover``): the termijn
start, DUO's decisions, and the plan versions the previous gemeente fixed. Those versions
stay theirs (``PipVersie.vorige_gemeente``): shown read-only as "Plan van de vorige
gemeente", never printed here. The new gemeente makes its own plan as a change for the
move, which keeps the route (domain.md §2, row 13); the termijn runs on from its start.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from inburgering.choices import DossierStatus
from inburgering.dossier.handover import Receipt
from inburgering.law import rules_of
from inburgering.models import Organisatie
from inburgering.services import save_as
from pip_plans.models import (
    DUO_BESLUIT_FIELDS,
    PLAN_CONTENT_FIELDS,
    Afspraak,
    DuoBesluit,
    Pip,
    PipVersie,
    Sectie,
    Uitvoerder,
    VersieStatus,
)
from pip_plans.services import store_termijn_einde

VERSIE_FIELDS = (
    "number",
    "reden",
    "reden_toelichting",
    "dagtekening",
    "vastgesteld_at",
    *PLAN_CONTENT_FIELDS,
)
DUO_FIELDS = (*DUO_BESLUIT_FIELDS, "withdrawn_at")


def receive(receipt: Receipt) -> None:
    _receive_duo_besluiten(receipt)
    pips = receipt.rows("pip_plans.Pip")
    if not pips:
        return
    if not rules_of(receipt.dossier.regime).pip:
        receipt.problems.append(_("The file holds a plan, but under the Wi2013 there is none."))
        return
    pip = Pip(dossier=receipt.dossier)
    if not receipt.fill(pip, pips[0], ("termijn_start",), title=_("Plan")):
        return
    save_as(pip, actor=receipt.actor)
    versies = _receive_versies(receipt, pip, pips[0].get("id"))
    if versies and pip.termijn_start is None:
        receipt.problems.append(_("Plan: a fixed plan without the start of the termijn."))
    _receive_secties(receipt)
    store_termijn_einde(actor=receipt.actor, dossier_id=receipt.dossier.pk)
    if versies:
        receipt.reached(DossierStatus.UITVOERING)


def _receive_duo_besluiten(receipt: Receipt) -> None:
    for number, row in enumerate(receipt.rows("pip_plans.DuoBesluit"), start=1):
        besluit = DuoBesluit(dossier=receipt.dossier, recorded_by=receipt.actor)
        title = _("Decision of DUO %(number)d") % {"number": number}
        if receipt.fill(besluit, row, DUO_FIELDS, title=title, past=("dagtekening",)):
            save_as(besluit, actor=receipt.actor)


def _receive_versies(receipt: Receipt, pip: Pip, pip_file_id) -> list[PipVersie]:
    """The fixed versions only: a draft was never decided and stays with the old gemeente."""
    rows = [
        row
        for row in receipt.rows("pip_plans.PipVersie")
        if row.get("pip") == pip_file_id and row.get("status") == VersieStatus.VASTGESTELD
    ]
    received = []
    for row in rows:
        versie = PipVersie(
            pip=pip,
            status=VersieStatus.VASTGESTELD,
            vorige_gemeente=receipt.vorige_gemeente,
            created_by=receipt.actor,
        )
        title = _("Plan version %(number)s") % {"number": row.get("number", "?")}
        if not receipt.fill(versie, row, VERSIE_FIELDS, title=title, past=("dagtekening",)):
            continue
        if versie.dagtekening is None:
            receipt.problems.append(
                f"{title} – {PipVersie._meta.get_field('dagtekening').verbose_name}: "
                + _("A fixed version has its date of decision.")
            )
            continue
        save_as(versie, actor=receipt.actor)
        receipt.link("pip_plans.PipVersie", row.get("id"), versie)
        received.append(versie)
    return received


def _receive_secties(receipt: Receipt) -> None:
    for row in receipt.rows("pip_plans.Sectie"):
        versie = receipt.linked("pip_plans.PipVersie", row.get("versie"))
        if versie is None:  # a section of the draft
            continue
        sectie = Sectie(versie=versie)
        title = _("Plan version %(number)s, section %(leefgebied)s") % {
            "number": versie.number,
            "leefgebied": row.get("leefgebied"),
        }
        if receipt.fill(sectie, row, ("leefgebied", "situatie", "doelen"), title=title):
            save_as(sectie, actor=receipt.actor)
            receipt.link("pip_plans.Sectie", row.get("id"), sectie)
    partners = _local_partners(receipt)
    for row in receipt.rows("pip_plans.Afspraak"):
        sectie = receipt.linked("pip_plans.Sectie", row.get("sectie"))
        if sectie is None:
            continue
        afspraak = Afspraak(sectie=sectie)
        title = _("Plan version %(number)s, agreement in %(leefgebied)s") % {
            "number": sectie.versie.number,
            "leefgebied": sectie.get_leefgebied_display(),
        }
        if not receipt.fill(afspraak, row, ("wat", "wie", "uiterlijk", "status"), title=title):
            continue
        name = row.get("organisatie")
        if afspraak.wie == Uitvoerder.PARTNER and isinstance(name, str) and name:
            afspraak.organisatie = partners.get(name)
            if afspraak.organisatie is None:  # a partner this installation does not know
                afspraak.wat += " " + _(
                    "(chain partner at the previous municipality: %(name)s)"
                ) % {"name": name[:200]}
        save_as(afspraak, actor=receipt.actor)


def _local_partners(receipt: Receipt) -> dict[str, Organisatie]:
    """The chain partners here that the file names, by name (a regional partner may serve
    both gemeenten); one query."""
    names = {
        row.get("organisatie")
        for row in receipt.rows("pip_plans.Afspraak")
        if isinstance(row.get("organisatie"), str)
    }
    return {org.naam: org for org in Organisatie.objects.filter(naam__in=names)}
