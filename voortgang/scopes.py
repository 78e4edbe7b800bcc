"""Who may open which signal and reminder: voortgang's part of the permission policy, built
from the core policy's building blocks (``permissions.on_caseload``,
``permissions.shared_domein_exists``), so the core never names this app's fields."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet

from inburgering import permissions
from voortgang.models import Herinnering, Signaal


def _owns(user) -> Q:
    """Owned by the user (or a regisseur they stand in for), or by their partner organisation
    while its domein is shared."""
    mine = Q(owner_id__in=permissions.acting_for(user))
    organisatie_id = permissions.partner_organisatie_id(user)
    if organisatie_id is None:
        return mine
    shared = permissions.shared_domein_exists(
        user, dossier=OuterRef("dossier_id"), domein=OuterRef("domein")
    )
    return mine | Q(shared, owner_organisatie_id=organisatie_id)


def signalen_visible_to(user, queryset: QuerySet[Signaal]) -> QuerySet[Signaal]:
    """Signals the user may open and follow up: those on their caseload and those they own.

    Owning a signal gives access to the signal, not to the rest of the dossier: a colleague
    who picks up a concern about debts sees that concern, not the person's health. A partner
    organisation owns a signal only while its domein is shared with it.
    """
    if not permissions.is_active_user(user):
        return queryset.none()
    return queryset.filter(permissions.on_caseload(user, "dossier__") | _owns(user))


def signalen_owned_by(user, queryset: QuerySet[Signaal]) -> QuerySet[Signaal]:
    """The signals this user, or their partner organisation, owns: what their worklist shows."""
    if not permissions.is_active_user(user):
        return queryset.none()
    return queryset.filter(_owns(user))


def reminders_of(user, queryset: QuerySet[Herinnering]) -> QuerySet[Herinnering]:
    """Reminders are personal: each user sees and dismisses their own, and a waarnemer those
    of the regisseur they stand in for."""
    if not permissions.is_active_user(user):
        return queryset.none()
    return queryset.filter(recipient_id__in=permissions.acting_for(user))


def _signaal_read(request, signaal: Signaal) -> None:
    permissions.log_dossier_read(request, signaal.dossier_id, domein=signaal.domein)


def _signal_scope(user) -> QuerySet[Signaal]:
    return signalen_visible_to(
        user,
        Signaal.objects.select_related(
            "dossier__regisseur", "owner", "owner_organisatie", "gesprek", "raised_by"
        ),
    )


# The rules of the pages about one signal or reminder, opened from a worklist.
HANDLE_SIGNAAL = permissions.record_rule(
    "handle_signaal",
    kwarg="signaal_id",
    target="signaal",
    scope=_signal_scope,
    log=_signaal_read,
)
OWN_REMINDER = permissions.record_rule(
    "own_reminder",
    kwarg="herinnering_id",
    target="herinnering",
    scope=lambda user: reminders_of(user, Herinnering.objects.all()),
)
