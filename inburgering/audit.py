"""Append-only audit events for what the change history cannot show: reads, prints, downloads.

Issue 7 builds the privacy officer's views on top of this table.
"""

from __future__ import annotations

from inburgering.models import AuditEvent


def record(request, action: str, dossier=None, domein: str = "", detail: str = "") -> AuditEvent:
    """Write one event for this request's user; never updated or deleted by the app."""
    user = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        organisatie_id=getattr(user, "organisatie_id", None),
        dossier=dossier,
        domein=domein,
        action=action,
        detail=detail[:200],
        ip_address=request.META.get("REMOTE_ADDR"),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
