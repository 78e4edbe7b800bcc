"""Change events: one function per event, called by the service that made the change, in the
same transaction, with a structured payload (ids, codes, the reason typed); put into Dutch
only when shown (``describe``).

A share ended from a page, by the nightly job, from a management command or a Celery task is
one event with one payload, whatever the language of whoever caused it. Reads are logged by
the permission guard (``permissions.Rule.log_read``); logins by ``audit``.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.choices import BriefSoort, Domein, DossierStatus, ExportKind, Grondslag, Role
from inburgering.languages import LETTER_LANGUAGE_CHOICES
from inburgering.models import (
    AuditAction,
    AuditEvent,
    Deling,
    DossierExport,
    Toestemming,
    Waarneming,
)
from inburgering.privacy import audit

# Why a share ended.
REVOKED = "revoked"
EXPIRED = "expired"
CONSENT_WITHDRAWN = "consent_withdrawn"
DOSSIER_CLOSED = "dossier_closed"
DOSSIER_MOVED = "dossier_moved"
SHARE_END_CAUSES = {
    REVOKED: gettext_lazy("ended by hand"),
    EXPIRED: gettext_lazy("its end date passed"),
    CONSENT_WITHDRAWN: gettext_lazy("the consent was withdrawn"),
    DOSSIER_CLOSED: gettext_lazy("the dossier was closed"),
    DOSSIER_MOVED: gettext_lazy("the person moved to a municipality the partner does not serve"),
}


def _share(deling: Deling) -> dict:
    return {
        "deling": deling.pk,
        "organisatie": deling.organisatie_id,
        "organisatie_naam": deling.organisatie.naam,
        "domein": deling.domein,
    }


def share_granted(*, actor, deling: Deling) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.SHARE_GRANTED,
        dossier=deling.dossier_id,
        domein=deling.domein,
        payload=_share(deling)
        | {
            "grondslag": deling.grondslag,
            "may_note": deling.may_note,
            "valid_until": deling.valid_until.isoformat(),
            "reason": deling.reden,
        },
    )


def share_extended(*, actor, deling: Deling, reason: str) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.SHARE_EXTENDED,
        dossier=deling.dossier_id,
        domein=deling.domein,
        payload=_share(deling) | {"valid_until": deling.valid_until.isoformat(), "reason": reason},
    )


def share_ended(*, actor, deling: Deling, cause: str, reason: str = "") -> AuditEvent:
    if cause not in SHARE_END_CAUSES:
        raise ValueError(f"unknown cause {cause!r}")
    return audit.change(
        actor=actor,
        action=AuditAction.SHARE_ENDED,
        dossier=deling.dossier_id,
        domein=deling.domein,
        payload=_share(deling) | {"cause": cause, "reason": reason},
    )


def consent_withdrawn(*, actor, toestemming: Toestemming, reason: str) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.CONSENT_WITHDRAWN,
        dossier=toestemming.dossier_id,
        payload={
            "toestemming": toestemming.pk,
            "organisatie": toestemming.organisatie_id,
            "organisatie_naam": toestemming.organisatie.naam,
            "reason": reason,
        },
    )


def export_requested(*, actor, export: DossierExport) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.EXPORT_REQUESTED,
        dossier=export.dossier_id,
        payload={"export": export.pk, "kind": export.kind, "note": export.note},
    )


def two_factor_reset(*, actor, user) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.TWO_FACTOR_RESET,
        payload={"user": user.pk, "username": user.username},
    )


# --- Application management (Django admin) -------------------------------------------------


def _record(obj) -> dict:
    return {"model": obj._meta.label_lower, "object": obj.pk, "name": str(obj)}


def admin_added(*, actor, obj) -> AuditEvent:
    return audit.change(actor=actor, action=AuditAction.ADMIN_ADDED, payload=_record(obj))


def admin_changed(*, actor, obj, fields: list[str]) -> AuditEvent:
    return audit.change(
        actor=actor, action=AuditAction.ADMIN_CHANGED, payload=_record(obj) | {"fields": fields}
    )


def admin_deleted(*, actor, obj) -> AuditEvent:
    return audit.change(actor=actor, action=AuditAction.ADMIN_DELETED, payload=_record(obj))


# Why a dossier went back to its team's queue.
ACCOUNT_DEACTIVATED = "account_deactivated"
REOPENED = "reopened"
MOVED = "moved"
RELEASE_CAUSES = {
    ACCOUNT_DEACTIVATED: gettext_lazy("the regisseur's account was deactivated"),
    REOPENED: gettext_lazy("the dossier was reopened"),
    MOVED: gettext_lazy("the dossier moved to another municipality"),
}


def regisseurs_assigned(
    *, actor, previous: dict, new, reason: str = "", cause: str = ""
) -> list[AuditEvent]:
    """Dossiers given a regisseur, one event each: from the team's queue (old None), moved
    from another regisseur with the reason, or back to the queue (``new`` None) for a
    ``cause``. ``previous`` maps each dossier id to its old regisseur (or None)."""
    return audit.changes(
        actor=actor,
        action=AuditAction.REGISSEUR_ASSIGNED,
        payloads={
            dossier_id: {
                "old": getattr(old, "pk", None),
                "old_name": str(old) if old is not None else "",
                "new": getattr(new, "pk", None),
                "new_name": str(new) if new is not None else "",
                "reason": reason,
                **({"cause": cause} if cause else {}),
            }
            for dossier_id, old in previous.items()
        },
    )


def _waarneming(waarneming: Waarneming) -> dict:
    return {
        "waarneming": waarneming.pk,
        "regisseur": waarneming.regisseur_id,
        "regisseur_name": str(waarneming.regisseur),
        "waarnemer": waarneming.waarnemer_id,
        "waarnemer_name": str(waarneming.waarnemer),
        "starts_on": waarneming.starts_on.isoformat(),
        "ends_on": waarneming.ends_on.isoformat(),
    }


def waarneming_arranged(*, actor, waarneming: Waarneming) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.WAARNEMING_ARRANGED,
        payload=_waarneming(waarneming) | {"reason": waarneming.reason},
    )


def waarneming_ended(*, actor, waarneming: Waarneming, reason: str) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.WAARNEMING_ENDED,
        payload=_waarneming(waarneming) | {"reason": reason},
    )


def dossier_reopened(*, actor, dossier, closed_status: str, reason: str) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.DOSSIER_REOPENED,
        dossier=dossier,
        payload={"closed_status": closed_status, "status": dossier.status, "reason": reason},
    )


def dossier_moved(*, actor, move) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.DOSSIER_MOVED,
        dossier=move.dossier,
        payload={
            "from": move.from_gemeente.naam,
            "to": move.to_gemeente.naam,
            "team": move.to_team.naam,
            "reason": move.reason,
        },
    )


def handover_received(*, actor, overdracht) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.HANDOVER_RECEIVED,
        dossier=overdracht.dossier,
        payload={
            "from": overdracht.vorige_gemeente,
            "team": overdracht.dossier.team.naam,
            "exported_at": overdracht.exported_at.isoformat(),
        },
    )


def letter_made(*, actor, brief) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.LETTER_MADE,
        dossier=brief.dossier,
        payload={
            "brief": brief.pk,
            "kind": brief.kind,
            "language": brief.language,
            "template_version": brief.template_version,
        },
    )


def delivery_released(*, actor, levering) -> AuditEvent:
    """The quarterly delivery left the municipality's hands: which file, by its hash."""
    return audit.change(
        actor=actor,
        action=AuditAction.DELIVERY_RELEASED,
        dossier=None,
        payload={
            "kwartaallevering": levering.pk,
            "gemeente": levering.gemeente_id,
            "quarter": f"{levering.year}-K{levering.quarter}",
            "version": levering.version,
            "records": levering.records,
            "sha256": levering.sha256,
        },
    )


def roles_changed(*, actor, user, before: list[str], after: list[str]) -> AuditEvent:
    return audit.change(
        actor=actor,
        action=AuditAction.ROLES_CHANGED,
        payload={"user": user.pk, "username": user.username, "before": before, "after": after},
    )


# --- Shown in Dutch -------------------------------------------------------------------------


def _day(value: str) -> str:
    return formats.date_format(datetime.date.fromisoformat(value), "j F Y")


def _domein(code: str) -> str:
    return str(dict(Domein.choices).get(code, code))


def _with_reason(text: str, payload: dict) -> str:
    return f"{text} ({payload['reason']})" if payload.get("reason") else text


def _granted(p: dict) -> str:
    text = _("%(domein)s shared with %(organisation)s until %(day)s, on %(ground)s") % {
        "domein": _domein(p["domein"]),
        "organisation": p["organisatie_naam"],
        "day": _day(p["valid_until"]),
        "ground": str(dict(Grondslag.choices).get(p["grondslag"], p["grondslag"])).lower(),
    }
    return _with_reason(text, p)


def _extended(p: dict) -> str:
    text = _("Share of %(domein)s with %(organisation)s extended until %(day)s") % {
        "domein": _domein(p["domein"]),
        "organisation": p["organisatie_naam"],
        "day": _day(p["valid_until"]),
    }
    return _with_reason(text, p)


def _ended(p: dict) -> str:
    text = _("Share of %(domein)s with %(organisation)s ended: %(cause)s") % {
        "domein": _domein(p["domein"]),
        "organisation": p["organisatie_naam"],
        "cause": SHARE_END_CAUSES.get(p["cause"], p["cause"]),
    }
    return _with_reason(text, p)


def _withdrawn(p: dict) -> str:
    text = _("Consent for %(organisation)s withdrawn") % {"organisation": p["organisatie_naam"]}
    return _with_reason(text, p)


def _export(p: dict) -> str:
    kind = str(dict(ExportKind.choices).get(p["kind"], p["kind"]))
    return f"{kind}: {p['note']}" if p.get("note") else kind


def _two_factor(p: dict) -> str:
    return _("Two-factor login reset for %(username)s") % {"username": p["username"]}


def _admin_record(p: dict) -> str:
    text = f"{p['model']} {p['object']}: {p['name']}"
    return f"{text} ({', '.join(p['fields'])})" if p.get("fields") else text


def _roles(p: dict) -> str:
    labels = dict(Role.choices)
    before, after = (
        ", ".join(str(labels.get(r, r)) for r in p[key]) or "-" for key in ("before", "after")
    )
    return _("Roles of %(username)s: %(before)s → %(after)s") % {
        "username": p["username"],
        "before": before,
        "after": after,
    }


def _assigned(p: dict) -> str:
    if p["new"] is None:
        text = _("Back to the team's queue from %(old)s: %(cause)s") % {
            "old": p["old_name"],
            "cause": RELEASE_CAUSES.get(p.get("cause", ""), p.get("cause", "")),
        }
    elif p["old"] is None:
        text = _("Assigned to %(new)s") % {"new": p["new_name"]}
    else:
        text = _("Moved from %(old)s to %(new)s") % {"old": p["old_name"], "new": p["new_name"]}
    return _with_reason(text, p)


def _reopened(p: dict) -> str:
    labels = dict(DossierStatus.choices)
    text = _("Reopened (was %(closed)s), back to %(status)s") % {
        "closed": str(labels.get(p["closed_status"], p["closed_status"])).lower(),
        "status": str(labels.get(p["status"], p["status"])).lower(),
    }
    return _with_reason(text, p)


def _moved(p: dict) -> str:
    text = _("Moved from %(from)s to %(to)s (%(team)s)") % {
        "from": p["from"],
        "to": p["to"],
        "team": p["team"],
    }
    return _with_reason(text, p)


def _received(p: dict) -> str:
    return _("Received in a handover from %(from)s, in the queue of %(team)s") % {
        "from": p["from"],
        "team": p["team"],
    }


def _arranged(p: dict) -> str:
    text = _("%(waarnemer)s stands in for %(regisseur)s from %(start)s until %(end)s") % {
        "waarnemer": p["waarnemer_name"],
        "regisseur": p["regisseur_name"],
        "start": _day(p["starts_on"]),
        "end": _day(p["ends_on"]),
    }
    return _with_reason(text, p)


def _waarneming_ended(p: dict) -> str:
    text = _("%(waarnemer)s no longer stands in for %(regisseur)s") % {
        "waarnemer": p["waarnemer_name"],
        "regisseur": p["regisseur_name"],
    }
    return _with_reason(text, p)


def _letter(p: dict) -> str:
    kind = str(dict(BriefSoort.choices).get(p["kind"], p["kind"]))
    language = dict(LETTER_LANGUAGE_CHOICES).get(p["language"])
    if language:
        return _("Letter made: %(kind)s, in Dutch and %(language)s") % {
            "kind": kind,
            "language": language,
        }
    return _("Letter made: %(kind)s") % {"kind": kind}


_DESCRIBE = {
    AuditAction.SHARE_GRANTED: _granted,
    AuditAction.SHARE_EXTENDED: _extended,
    AuditAction.SHARE_ENDED: _ended,
    AuditAction.CONSENT_WITHDRAWN: _withdrawn,
    AuditAction.EXPORT_REQUESTED: _export,
    AuditAction.TWO_FACTOR_RESET: _two_factor,
    AuditAction.ADMIN_ADDED: _admin_record,
    AuditAction.ADMIN_CHANGED: _admin_record,
    AuditAction.ADMIN_DELETED: _admin_record,
    AuditAction.ROLES_CHANGED: _roles,
    AuditAction.REGISSEUR_ASSIGNED: _assigned,
    AuditAction.WAARNEMING_ARRANGED: _arranged,
    AuditAction.WAARNEMING_ENDED: _waarneming_ended,
    AuditAction.DOSSIER_REOPENED: _reopened,
    AuditAction.DOSSIER_MOVED: _moved,
    AuditAction.HANDOVER_RECEIVED: _received,
    AuditAction.LETTER_MADE: _letter,
}


def describe(action: str, payload: dict | None, detail: str = "") -> str:
    """What an event says, in the active language; older events without a payload keep the
    text they were written with."""
    render = _DESCRIBE.get(action)
    if not payload or render is None:
        return detail
    try:
        return render(payload)
    except (KeyError, ValueError):  # a payload of an older shape: show what was stored
        return detail or str(payload)
