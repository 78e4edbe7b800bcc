"""Writes to the core model: one transaction each, keyword-only, history user set explicitly."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from inburgering.choices import DossierStatus, TeamRole
from inburgering.law import regime_for_duty_start
from inburgering.models import Inburgeraar, Team, TeamMembership, User


class ServiceError(Exception):
    """A business rule refused the write; the message is shown to the user."""


class DuplicateBsnError(ServiceError):
    pass


class ConcurrentEditError(ServiceError):
    """Someone else saved the dossier since this user opened the form."""


SYSTEM_USERNAME = "systeem"


def save_as(instance, *, actor, reason: str = "", **save_kwargs) -> None:
    """Save with ``actor`` recorded in the change history (also outside a request).

    ``reason`` says what caused a change nobody made by hand, such as a Celery task.
    """
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    instance.save(**save_kwargs)


def delete_as(instance, *, actor, reason: str = "") -> None:
    """Delete with ``actor`` recorded in the change history."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    instance.delete()


def system_user() -> User:
    """The actor of scheduled jobs: an account that cannot log in, so history always names
    who or what made a change."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Systeem", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def check_version(instance, expected_version: int) -> None:
    """Refuse a write based on a form opened before someone else's save (optimistic lock)."""
    if instance.lock_version != expected_version:
        raise ConcurrentEditError(
            _(
                "Someone else changed this while you were editing it. "
                "Your changes have not been saved; check the current data and enter them again."
            )
        )
    instance.lock_version += 1


@transaction.atomic
def register_inburgeraar(*, actor, team: Team, data: dict) -> Inburgeraar:
    """Open a dossier in the actor's team; a regisseur who registers it becomes its regisseur."""
    role = (
        TeamMembership.objects.filter(user=actor, team=team).values_list("role", flat=True).first()
    )
    if role is None:
        raise ServiceError(_("You can only register a dossier in a team you belong to."))
    dossier = Inburgeraar(**data)
    dossier.team = team
    dossier.gemeente_id = team.gemeente_id
    dossier.regisseur = actor if role == TeamRole.REGISSEUR else None
    dossier.status = DossierStatus.AANGEMELD
    if not dossier.regime and dossier.datum_start_inburgeringsplicht:
        dossier.regime = regime_for_duty_start(dossier.datum_start_inburgeringsplicht)
    try:
        with transaction.atomic():
            save_as(dossier, actor=actor)
    except IntegrityError as exc:
        raise DuplicateBsnError(_("A dossier with this BSN already exists.")) from exc
    return dossier


@transaction.atomic
def update_personal_data(
    *, actor, dossier_id: int, expected_version: int, data: dict
) -> Inburgeraar:
    """Change the personal data; refused if someone else saved since the form was opened."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    check_version(dossier, expected_version)
    for field, value in data.items():
        setattr(dossier, field, value)
    try:
        with transaction.atomic():
            save_as(dossier, actor=actor)
    except IntegrityError as exc:
        raise DuplicateBsnError(_("A dossier with this BSN already exists.")) from exc
    return dossier
