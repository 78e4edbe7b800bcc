"""The building blocks of every app's services: writes with the history user and reason set,
child rows saved from plain data, the optimistic lock, and the errors services raise."""

from __future__ import annotations

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from inburgering.models import (
    User,
)


class ServiceError(Exception):
    """A business rule refused the write; the message is shown to the user."""


class DuplicateBsnError(ServiceError):
    """Another dossier has this BSN (``bsn``, so a page can link to it)."""

    def __init__(self, message: str, *, bsn: str = ""):
        super().__init__(message)
        self.bsn = bsn


class ConcurrentEditError(ServiceError):
    """Someone else saved the dossier since this user opened the form. ``current_version`` is
    the version now stored, which the form carries on so a deliberate resubmit succeeds."""

    def __init__(self, message: str, *, current_version: int | None = None):
        super().__init__(message)
        self.current_version = current_version


SYSTEM_USERNAME = "systeem"


def save_as(instance, *, actor, reason: str = "", **save_kwargs) -> None:
    """Save with ``actor`` recorded in the change history (also outside a request).

    ``reason`` says what caused a change nobody made by hand, such as a Celery task.
    """
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    instance.save(**save_kwargs)


def save_all_as(instances: list, *, actor, fields: list[str], reason: str = "") -> None:
    """Save these fields of many rows of one model in a few statements, each row with its
    history row (``actor``, ``reason``): a team lead's batch of hundreds stays fast."""
    if not instances:
        return
    model = type(instances[0])
    bulk_update_with_history(
        instances,
        model,
        fields,
        batch_size=500,
        default_user=actor,
        default_change_reason=reason[:100] or None,
    )


def save_new_as(instances: list, *, actor, reason: str = "") -> None:
    """Insert many new rows of one model in a few statements, each with its history row."""
    if not instances:
        return
    bulk_create_with_history(
        instances,
        type(instances[0]),
        batch_size=500,
        default_user=actor,
        default_change_reason=reason[:100] or None,
    )


def delete_as(instance, *, actor, reason: str = "") -> None:
    """Delete with ``actor`` recorded in the change history."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    instance.delete()


def save_rows(existing, rows, *, fields: list[str], new, actor) -> None:
    """Create, change and delete a record's list rows (education, afspraken, exam results)
    from plain data, with ``actor`` in their history; call inside the service's transaction.

    ``existing`` is a queryset of the record's rows: an id outside it is refused, so a row of
    another record is never touched. Each row is a dict of some of ``fields`` with ``id``
    (None for a new row) and ``delete``; ``new()`` makes an unsaved row under the record.
    A row whose values did not change is not saved again.
    """
    current = {row.pk: row for row in existing.select_for_update()}
    for row in rows:
        unknown = set(row) - {"id", "delete", *fields}
        if unknown:
            raise ValueError(f"not a field of these rows: {sorted(unknown)}")
        row_id = row.get("id")
        instance = current.get(row_id)
        if row.get("delete"):
            if instance is not None:  # a row someone else removed already stays removed
                delete_as(instance, actor=actor)
            continue
        if row_id is not None and instance is None:
            raise ConcurrentEditError(_("One of these rows no longer exists; open the page again."))
        values = {name: row[name] for name in fields if name in row}
        if instance is not None and all(getattr(instance, n) == v for n, v in values.items()):
            continue
        instance = instance or new()
        for name, value in values.items():
            setattr(instance, name, value)
        save_as(instance, actor=actor)


def set_fields(instance, data: dict, fields: list[str]) -> None:
    """Copy ``data`` onto a row; a key that is not one of ``fields`` is a caller's mistake."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"not a field that can be set here: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


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
                "Someone else changed this while you were editing it. Your changes have not "
                "been saved yet: check the current data; what you typed is kept below, and "
                "saving again replaces the other change."
            ),
            current_version=instance.lock_version,
        )
    instance.lock_version += 1
