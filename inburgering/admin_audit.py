"""Audit events for application management: accounts, roles, teams and organisations.

Django admin keeps its own log, which the privacy officer does not read; these events put the
same changes in the audit log, with the roles an account had before and after.
"""

from __future__ import annotations

import json

from inburgering import audit
from inburgering.models import AuditAction


def _subject(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk} {obj}"


def _changed_fields(message) -> list[str]:
    """The field names in admin's change message (a list, or its JSON form)."""
    if isinstance(message, str):
        try:
            message = json.loads(message)
        except ValueError:
            return []
    fields = []
    for part in message or []:
        for kind, details in part.items():
            if kind == "changed" and "fields" in details:
                fields += [str(name) for name in details["fields"]]
            elif "object" in details:
                fields.append(f"{kind} {details.get('name', '')} {details['object']}")
    return fields


def added(request, obj) -> None:
    audit.note(request, AuditAction.ADMIN_ADDED, detail=_subject(obj))


def changed(request, obj, message) -> None:
    fields = ", ".join(_changed_fields(message))
    audit.note(request, AuditAction.ADMIN_CHANGED, detail=f"{_subject(obj)}: {fields}")


def deleted(request, obj) -> None:
    audit.note(request, AuditAction.ADMIN_DELETED, detail=_subject(obj))


def roles_of(user) -> frozenset[str]:
    return frozenset(user.groups.values_list("name", flat=True)) if user.pk else frozenset()


def roles_changed(request, user, before: frozenset[str], after: frozenset[str]) -> None:
    detail = f"{_subject(user)}: {sorted(before)} -> {sorted(after)}"
    audit.note(request, AuditAction.ROLES_CHANGED, detail=detail)
