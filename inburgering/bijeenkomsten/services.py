"""Writes of appointments: planned, changed (a move asks why), cancelled (why), attended.

An app follows the appointments of a kind through ``follow``: the intake keeps its invitation
in step with an intake appointment and escalates a no-show, so the core imports no app.
Followers run inside the same transaction, so a refusal of theirs undoes the whole change.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import plausibility
from inburgering.choices import ATTENDANCE_OUTCOMES, Opkomst
from inburgering.models import BIJEENKOMST_FIELDS, BIJEENKOMST_WHEN, Bijeenkomst, Inburgeraar
from inburgering.services import ServiceError, check_version, save_as, set_fields

Follower = Callable[..., None]  # follower(actor=..., bijeenkomst=...)
_followers: dict[str, list[Follower]] = {}


def follow(soort: str, follower: Follower) -> None:
    """Call ``follower`` after every change of an appointment of this kind."""
    registered = _followers.setdefault(soort, [])
    if follower not in registered:
        registered.append(follower)


def _notify(actor, bijeenkomst: Bijeenkomst) -> None:
    for follower in _followers.get(bijeenkomst.soort, ()):
        follower(actor=actor, bijeenkomst=bijeenkomst)


def _open_dossier(dossier_id: int) -> Inburgeraar:
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    return dossier


def _locked(bijeenkomst_id: int, dossier_id: int) -> Bijeenkomst:
    """The appointment under the dossier's lock; only an open one may change."""
    _open_dossier(dossier_id)
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(
        pk=bijeenkomst_id, dossier_id=dossier_id
    )
    if not bijeenkomst.is_open:
        raise ServiceError(
            _("This appointment is over or cancelled (%(opkomst)s); plan a new one instead.")
            % {"opkomst": bijeenkomst.get_opkomst_display().lower()}
        )
    return bijeenkomst


def _set(bijeenkomst: Bijeenkomst, data: dict, *, today) -> list:
    """Copy the form's data; returns the partners, set after the row is saved."""
    data = dict(data)
    partners = list(data.pop("partners", []))
    set_fields(bijeenkomst, data, BIJEENKOMST_FIELDS)
    problem = plausibility.appointment_date_problem(bijeenkomst.date, today=today)
    if problem:
        raise ServiceError(problem)
    if bijeenkomst.end_time <= bijeenkomst.start_time:
        raise ServiceError(_("The appointment must end after it starts."))
    if not (bijeenkomst.location or bijeenkomst.video_link):
        raise ServiceError(_("Fill in the place or a video link."))
    if not bijeenkomst.interpreter_language:
        bijeenkomst.interpreter_booked = False
    return partners


@transaction.atomic
def plan_bijeenkomst(*, actor, dossier_id: int, data: dict, today=None) -> Bijeenkomst:
    """Plan an appointment (``BIJEENKOMST_FIELDS``) for a dossier that is still open."""
    dossier = _open_dossier(dossier_id)
    bijeenkomst = Bijeenkomst(dossier=dossier)
    partners = _set(bijeenkomst, data, today=today or timezone.localdate())
    save_as(bijeenkomst, actor=actor)
    bijeenkomst.partners.set(partners)
    _notify(actor, bijeenkomst)
    return bijeenkomst


@transaction.atomic
def change_bijeenkomst(
    *,
    actor,
    dossier_id: int,
    bijeenkomst_id: int,
    expected_version: int,
    data: dict,
    reason: str = "",
    today=None,
) -> Bijeenkomst:
    """Change an open appointment; a new date or time is a move, which needs ``reason``."""
    bijeenkomst = _locked(bijeenkomst_id, dossier_id)
    check_version(bijeenkomst, expected_version)
    before = [getattr(bijeenkomst, name) for name in BIJEENKOMST_WHEN]
    partners = _set(bijeenkomst, data, today=today or timezone.localdate())
    moved = before != [getattr(bijeenkomst, name) for name in BIJEENKOMST_WHEN]
    if moved and not reason.strip():
        raise ServiceError(_("Say why the appointment is moved."))
    if moved:
        bijeenkomst.reason = reason.strip()
    save_as(bijeenkomst, actor=actor, reason=bijeenkomst.reason if moved else "")
    bijeenkomst.partners.set(partners)
    _notify(actor, bijeenkomst)
    return bijeenkomst


@transaction.atomic
def cancel_bijeenkomst(
    *, actor, dossier_id: int, bijeenkomst_id: int, expected_version: int, reason: str
) -> Bijeenkomst:
    """Cancel an open appointment on the municipality's side: nobody failed to come."""
    if not reason.strip():
        raise ServiceError(_("Say why the appointment is cancelled."))
    bijeenkomst = _locked(bijeenkomst_id, dossier_id)
    check_version(bijeenkomst, expected_version)
    bijeenkomst.opkomst = Opkomst.VERVALLEN
    bijeenkomst.reason = reason.strip()
    save_as(bijeenkomst, actor=actor, reason=bijeenkomst.reason)
    _notify(actor, bijeenkomst)
    return bijeenkomst


@transaction.atomic
def record_attendance(
    *, actor, dossier_id: int, bijeenkomst_id: int, opkomst: str, now=None
) -> Bijeenkomst:
    """Whether the person came; that they came or not is known once the appointment has
    started, a cancellation with a valid reason any time before. Recorded once."""
    if opkomst not in ATTENDANCE_OUTCOMES:
        raise ServiceError(_("Choose whether the person attended."))
    bijeenkomst = _locked(bijeenkomst_id, dossier_id)
    if opkomst != Opkomst.AFGEMELD and bijeenkomst.starts_at > (now or timezone.now()):
        raise ServiceError(_("Whether the person came can be recorded once it has started."))
    bijeenkomst.opkomst = opkomst
    bijeenkomst.lock_version += 1
    save_as(bijeenkomst, actor=actor)
    _notify(actor, bijeenkomst)
    return bijeenkomst
