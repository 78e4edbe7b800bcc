"""What one viewer sees of one dossier: all of it (its caseload) or the domeinen shared with a
partner organisation. Health (AVG art. 9) is in no domein, so no share ever shows it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from inburgering.choices import Domein, Leefgebied, domein_labels
from inburgering.models import (
    Inburgeraar,
    InburgeraarGroupObjectPermission,
)
from inburgering.permissions.policy import Action, can, partner_group_id


def _shares_of_group(group_id: int | None, dossier: Inburgeraar) -> tuple[frozenset, frozenset]:
    """(view domeinen, note domeinen) shared with this group for this dossier, in one query."""
    if group_id is None:
        return frozenset(), frozenset()
    rows = (
        InburgeraarGroupObjectPermission.objects.filter(
            content_object_id=dossier.pk, group_id=group_id
        )
        .filter(
            Q(deling__valid_until__gte=timezone.localdate())
            | Q(deling_note__valid_until__gte=timezone.localdate())
        )
        .values_list("permission__codename", flat=True)
    )
    view, note = set(), set()
    for codename in rows:
        action, _sep, domein = codename.partition("_")
        (view if action == "view" else note).add(domein)
    return frozenset(view), frozenset(note & view)


LEARNING_PARTS = frozenset(
    {"examens", "lesuren", "duo", "map", "pvt", "maatschappelijke_begeleiding", "participatie"}
)
# Work and participation is the werk domein's leefgebied: its partner follows these.
WERK_LEARNING_PARTS = frozenset({"map", "participatie"})


@dataclass(frozen=True)
class Lens:
    """What one viewer may see of one dossier: all of it (its caseload) or the domeinen shared
    with a partner organisation. Pages render through a lens, so a partner's view and the
    regisseur's preview of it are the same rendering."""

    full: bool
    domeinen: frozenset = frozenset()
    note_domeinen: frozenset = frozenset()
    organisatie_id: int | None = None

    @property
    def leefgebieden(self) -> frozenset[Leefgebied]:
        """Health (AVG art. 9) is no domein, so no share ever shows it."""
        if self.full:
            return frozenset(Leefgebied)
        return frozenset(lg for lg in Leefgebied if lg.domein in self.domeinen)

    @property
    def learning_parts(self) -> frozenset[str]:
        """What of the learning record this viewer sees: all of it for the caseload; the MAP
        and participation (work and participation) for a partner with the werk domein. Exam
        details, lesson hours and DUO's decisions stay with the municipality."""
        if self.full:
            return LEARNING_PARTS
        return WERK_LEARNING_PARTS if Domein.WERK in self.domeinen else frozenset()

    @property
    def sees_address(self) -> bool:
        """The person's address: the caseload, and a partner while wonen is shared with it
        (housing needs it); no partner sees the phone, e-mail or contact person."""
        return self.full or Domein.WONEN in self.domeinen

    @property
    def domeinen_labels(self) -> list[str]:
        return domein_labels(self.domeinen)

    @property
    def note_leefgebieden(self) -> frozenset[Leefgebied]:
        if self.full:
            return frozenset(Leefgebied)
        return frozenset(lg for lg in Leefgebied if lg.domein in self.note_domeinen)


NO_ACCESS = Lens(full=False)


def lens_for(user, dossier: Inburgeraar) -> Lens:
    """The user's lens on this dossier, worked out once per user object and dossier."""
    lenses = user.__dict__.setdefault("_inburgering_lens", {})
    if dossier.pk not in lenses:
        if can(user, Action.VIEW, dossier):
            lenses[dossier.pk] = Lens(full=True)
        else:
            view, note = _shares_of_group(partner_group_id(user), dossier)
            lenses[dossier.pk] = Lens(False, view, note, user.organisatie_id) if view else NO_ACCESS
    return lenses[dossier.pk]


def partner_lens(organisatie, dossier: Inburgeraar) -> Lens:
    """What this organisation's users see of the dossier: the regisseur's preview."""
    view, note = _shares_of_group(organisatie.group_id, dossier)
    return Lens(False, view, note, organisatie.pk) if view else NO_ACCESS


def visible_leefgebieden(user, dossier: Inburgeraar) -> frozenset[Leefgebied]:
    """The life domains of this dossier whose findings and notes the user may see.

    Health is special-category data (AVG art. 9): only the dossier's regisseur and the
    teamleider of its team, i.e. those with caseload access, ever see it; a partner sees the
    leefgebieden of the domeinen shared with its organisation.
    """
    return lens_for(user, dossier).leefgebieden


def may_own_signaal(user, dossier: Inburgeraar, leefgebied: str) -> bool:
    """Whether a concern in this leefgebied may be handed to this colleague: a health concern
    only to those who already see the dossier's health data (AVG art. 9)."""
    if leefgebied != Leefgebied.GEZONDHEID:
        return True
    return Leefgebied.GEZONDHEID in visible_leefgebieden(user, dossier)


def leefgebieden_for_client_document(*, health_agreed: bool) -> frozenset[Leefgebied]:
    """What the printed plan for the person shows: health only if the person agreed."""
    if health_agreed:
        return frozenset(Leefgebied)
    return frozenset(Leefgebied) - {Leefgebied.GEZONDHEID}


def leefgebieden_for_handover() -> frozenset[Leefgebied]:
    """What a handover to another gemeente carries: never health (special-category data,
    AVG art. 9); the new gemeente asks again on its own ground."""
    return frozenset(Leefgebied) - {Leefgebied.GEZONDHEID}
