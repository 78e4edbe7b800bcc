"""Sharing a dossier's domeinen with partner organisations: grant, extend, revoke, consent
withdrawn, nightly expiry. Each write records its change event in the same transaction."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.choices import Grondslag
from inburgering.models import (
    Deling,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    Organisatie,
    Toestemming,
)
from inburgering.privacy import events
from inburgering.services import ServiceError, check_version, delete_as, save_as, system_user


def _check_share_dates(valid_until, today) -> None:
    if valid_until < today:
        raise ServiceError(_("A share ends today or later."))
    if valid_until > today + relativedelta(years=settings.SHARE_MAX_YEARS):
        raise ServiceError(
            _("A share runs at most %(years)s years; extend it later if it is still needed.")
            % {"years": settings.SHARE_MAX_YEARS}
        )


@transaction.atomic
def grant_shares(
    *,
    actor,
    dossier: Inburgeraar,
    organisatie: Organisatie,
    domeinen: list[str],
    may_note: bool,
    grondslag: str,
    valid_until,
    reden: str,
    toestemming_given_on=None,
    toestemming_wijze: str = "",
    wettelijk_artikel: str = "",
) -> list[Deling]:
    """Share domeinen of a dossier with a partner organisation: a guardian object permission
    per domein on the organisation's group, and a Deling row that records why and until when.

    A share on consent records the consent too, so withdrawing it ends these shares.
    """
    _check_share_dates(valid_until, timezone.localdate())
    outside = set(domeinen) - set(organisatie.domeinen)
    if outside or not domeinen:
        raise ServiceError(_("An organisation can only be given the domains it works in."))
    if Deling.objects.filter(
        dossier=dossier, organisatie=organisatie, domein__in=domeinen
    ).exists():
        raise ServiceError(_("One of these domains is already shared; extend that share instead."))
    toestemming = None
    if grondslag == Grondslag.TOESTEMMING:
        toestemming = Toestemming(
            dossier=dossier,
            organisatie=organisatie,
            given_on=toestemming_given_on,
            wijze=toestemming_wijze,
            recorded_by=actor,
        )
        save_as(toestemming, actor=actor, reason=reden)
    grants = InburgeraarGroupObjectPermission.objects
    delingen = []
    for domein in domeinen:
        deling = Deling(
            dossier=dossier,
            organisatie=organisatie,
            domein=domein,
            may_note=may_note,
            grondslag=grondslag,
            toestemming=toestemming,
            wettelijk_artikel=wettelijk_artikel if toestemming is None else "",
            reden=reden,
            valid_until=valid_until,
            granted_by=actor,
            view_permission=grants.assign_perm(f"view_{domein}", organisatie.group, dossier),
            note_permission=(
                grants.assign_perm(f"note_{domein}", organisatie.group, dossier)
                if may_note
                else None
            ),
        )
        save_as(deling, actor=actor, reason=reden)
        events.share_granted(actor=actor, deling=deling)
        delingen.append(deling)
    return delingen


@transaction.atomic
def extend_share(
    *, actor, deling_id: int, expected_version: int, valid_until, reden: str
) -> Deling:
    deling = (
        Deling.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=deling_id)
    )
    check_version(deling, expected_version)
    _check_share_dates(valid_until, timezone.localdate())
    deling.valid_until = valid_until
    save_as(deling, actor=actor, reason=reden)
    events.share_extended(actor=actor, deling=deling, reason=reden)
    return deling


def _ending_shares(queryset, *, skip_locked: bool = False):
    """Shares about to end, locked, with what ending them reads."""
    return queryset.select_for_update(of=("self",), skip_locked=skip_locked).select_related(
        "organisatie", "view_permission", "note_permission"
    )


def _end_share(deling: Deling, *, actor, cause: str, reason: str) -> None:
    """Remove the share and then its guardian permissions (which the share protects); the
    history keeps who ended it and why, the audit log says so in one event."""
    view, note = deling.view_permission, deling.note_permission
    events.share_ended(actor=actor, deling=deling, cause=cause, reason=reason)
    delete_as(deling, actor=actor, reason=reason or str(events.SHARE_END_CAUSES[cause]))
    view.delete()
    if note is not None:
        note.delete()


@transaction.atomic
def end_shares_of_dossier(*, actor, dossier, reason: str) -> list[Deling]:
    """A closed dossier is shared with no one: its shares end with it (inside the closing's
    transaction when called from ``close_dossier``)."""
    ended = list(_ending_shares(Deling.objects.filter(dossier=dossier)))
    for deling in ended:
        _end_share(deling, actor=actor, cause=events.DOSSIER_CLOSED, reason=reason)
    return ended


@transaction.atomic
def end_shares_outside(*, actor, dossier, gemeente_id: int, reason: str) -> list[Deling]:
    """The dossier moved to ``gemeente_id``: shares with organisations that do not serve that
    gemeente end, with the reason (inside the move's transaction)."""
    ended = list(
        _ending_shares(
            Deling.objects.filter(dossier=dossier).exclude(organisatie__gemeenten=gemeente_id)
        )
    )
    for deling in ended:
        _end_share(deling, actor=actor, cause=events.DOSSIER_MOVED, reason=reason)
    return ended


@transaction.atomic
def revoke_share(*, actor, deling_id: int, reden: str) -> None:
    """End a share at once; the history keeps who granted it and who ended it, and why."""
    deling = _ending_shares(Deling.objects).get(pk=deling_id)
    _end_share(deling, actor=actor, cause=events.REVOKED, reason=reden)


@transaction.atomic
def withdraw_consent(*, actor, toestemming_id: int, reden: str) -> list[str]:
    """The person withdraws consent (the regisseur records it): every share resting on it ends.

    Returns the domeinen whose shares ended."""
    toestemming = (
        Toestemming.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=toestemming_id)
    )
    if toestemming.withdrawn_on is not None:
        raise ServiceError(_("This consent has already been withdrawn."))
    toestemming.withdrawn_on = timezone.localdate()
    toestemming.withdrawn_by = actor
    save_as(toestemming, actor=actor, reason=reden)
    events.consent_withdrawn(actor=actor, toestemming=toestemming, reason=reden)
    delingen = list(_ending_shares(toestemming.delingen))
    for deling in delingen:
        _end_share(deling, actor=actor, cause=events.CONSENT_WITHDRAWN, reason=reden)
    return [deling.domein for deling in delingen]


def expire_shares(*, today=None, reason: str = "") -> int:
    """Remove every share whose last day has passed, as the system; safe to run twice.

    ``reason`` names what ran the job (a Celery task and its id) for the history."""
    today = today or timezone.localdate()
    actor = system_user()
    expired = 0
    with transaction.atomic():
        for deling in _ending_shares(
            Deling.objects.filter(valid_until__lt=today), skip_locked=True
        ):
            _end_share(deling, actor=actor, cause=events.EXPIRED, reason=reason)
            expired += 1
    return expired
