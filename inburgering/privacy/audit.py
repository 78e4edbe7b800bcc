"""The append-only audit log: who viewed, printed, exported, shared or changed what, and who
was refused.

Reads, refusals and logins of a request are collected on the request (``record``) and written
by ``AuditMiddleware`` in one insert when the response is done, also when the view failed after
reading: a page costs at most one extra query, whatever it lists. Changes are written by the
service that made them, in its transaction (``change``, called from ``events``), with the
address and browser of the request being handled, if any.
"""

from __future__ import annotations

import contextvars

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from inburgering.models import AuditAction, AuditEvent

_BUFFER = "_audit_events"
# (IP address, user agent) of the request being handled, for changes made by its services.
_REQUEST = contextvars.ContextVar("audit_request", default=(None, ""))


def _origin(request) -> tuple[str | None, str]:
    return request.META.get("REMOTE_ADDR"), request.META.get("HTTP_USER_AGENT", "")[:300]


def _event(actor, action, dossier, domein, detail, *, origin, payload=None) -> AuditEvent:
    """One event, by whom and from where (``origin``: IP address and user agent)."""
    ip_address, user_agent = origin
    return AuditEvent(
        actor=actor,
        organisatie_id=getattr(actor, "organisatie_id", None),
        dossier_id=getattr(dossier, "pk", dossier),
        domein=domein,
        action=action,
        detail=detail[:200],
        payload=payload or {},
        ip_address=ip_address,
        user_agent=user_agent,
    )


def record(request, action: str, dossier=None, domein: str = "", detail: str = "") -> None:
    """Remember an event of this request; the middleware writes it."""
    user = (
        request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    )
    event = _event(user, action, dossier, domein, detail, origin=_origin(request))
    if hasattr(request, _BUFFER):
        getattr(request, _BUFFER).append(event)
    else:  # a request that did not pass the middleware (a test calling a view directly)
        event.save()


def change(
    *, actor, action: str, dossier=None, domein: str = "", detail: str = "", payload=None
) -> AuditEvent:
    """A change, written at once in the caller's transaction (see ``events``)."""
    event = _event(actor, action, dossier, domein, detail, origin=_REQUEST.get(), payload=payload)
    event.save()
    return event


def changes(*, actor, action: str, payloads: dict) -> list[AuditEvent]:
    """One change event per dossier (``payloads``: dossier id → payload), in one insert."""
    origin = _REQUEST.get()
    return AuditEvent.objects.bulk_create(
        [
            _event(actor, action, dossier_id, "", "", origin=origin, payload=payload)
            for dossier_id, payload in payloads.items()
        ]
    )


def record_view(request, dossier, lens) -> None:
    """A dossier page was read: one event for the caseload, one per domein for a partner,
    so the privacy officer can see which domain a partner looked at."""
    page = getattr(request.resolver_match, "url_name", "") or ""
    if lens.full:
        record(request, AuditAction.DOSSIER_VIEWED, dossier, detail=page)
    for domein in sorted(lens.domeinen) if not lens.full else ():
        record(request, AuditAction.DOSSIER_VIEWED, dossier, domein=domein, detail=page)


class AuditMiddleware:
    """Writes the request's events in one insert after the response, whatever happened."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        setattr(request, _BUFFER, [])
        origin = _REQUEST.set(_origin(request))
        try:
            return self.get_response(request)
        finally:
            _REQUEST.reset(origin)
            events = getattr(request, _BUFFER)
            if len(events) == 1:  # most pages: one INSERT, without bulk_create's transaction
                events[0].save()
            elif events:
                AuditEvent.objects.bulk_create(events)


@receiver(user_logged_in, dispatch_uid="audit-login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None:
        record(request, AuditAction.LOGIN)


@receiver(user_login_failed, dispatch_uid="audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    """The username tried is kept (it may be mistyped), never the password."""
    if request is not None:
        record(request, AuditAction.LOGIN_FAILED, detail=str(credentials.get("username", "")))
