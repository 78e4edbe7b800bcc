"""The privacy officer's trail: field changes from the history tables merged with audit events.

Apps register each history-tracked model with the path from it to its dossier (in their
AppConfig.ready), so the core can read every history table without importing the apps. One
query per model and one for the events, whatever the dossier holds.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.choices import Domein
from inburgering.models import AuditEvent, User

HISTORY_ACTIONS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}
_IGNORED = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
_sources: list[tuple[type, str]] = []


def register(model, dossier_path: str) -> None:
    """Track ``model``'s history in the trail; ``dossier_path`` leads from it to the dossier."""
    if (model, dossier_path) not in _sources:
        _sources.append((model, dossier_path))


def dossier_column(path: str) -> str:
    """The column of a registered model (live or historical) that holds its dossier's id."""
    return "id" if path == "id" else f"{path}_id"


def sources() -> list[tuple[type, str]]:
    """Every registered model with its path to the dossier (retention destroys them all)."""
    return list(_sources)


@dataclass(frozen=True)
class Filters:
    user_id: int | None = None
    organisatie_id: int | None = None
    action: str = ""
    domein: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass
class TrailEntry:
    at: datetime.datetime
    actor: User | None
    action: str
    action_label: str
    subject: str
    dossier_id: int | None
    domein: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    detail: str = ""
    ip_address: str = ""
    reason: str = ""

    @property
    def organisatie(self):
        return getattr(self.actor, "organisatie", None)

    @property
    def domein_label(self) -> str:
        return str(Domein(self.domein).label) if self.domein in Domein.values else ""


def dossier_trail(dossier_id: int, filters: Filters) -> list[TrailEntry]:
    return _trail(filters, events=Q(dossier_id=dossier_id), history=lambda p: Q(**{p: dossier_id}))


def user_trail(user_id: int, filters: Filters, *, within: QuerySet) -> list[TrailEntry]:
    """What the user did to the dossiers ``within`` (the auditor's gemeenten), and what they
    did outside any dossier (logins)."""
    dossier_ids = within.values("pk")
    return _trail(
        filters,
        events=Q(actor_id=user_id) & (Q(dossier__isnull=True) | Q(dossier__in=dossier_ids)),
        history=lambda p: Q(history_user_id=user_id, **{f"{p}__in": dossier_ids}),
    )


def _trail(filters: Filters, *, events: Q, history) -> list[TrailEntry]:
    entries = [*_change_entries(filters, history), *_event_entries(filters, events)]
    return sorted((e for e in entries if _matches(e, filters)), key=lambda e: e.at, reverse=True)


def _matches(entry: TrailEntry, filters: Filters) -> bool:
    return (
        (filters.user_id is None or getattr(entry.actor, "pk", None) == filters.user_id)
        and (
            filters.organisatie_id is None
            or getattr(entry.actor, "organisatie_id", None) == filters.organisatie_id
        )
        and (not filters.action or entry.action == filters.action)
        and (not filters.domein or entry.domein == filters.domein)
        and (filters.since is None or entry.at.date() >= filters.since)
        and (filters.until is None or entry.at.date() <= filters.until)
    )


def _dated(queryset, filters: Filters, field_name: str):
    if filters.since:
        queryset = queryset.filter(**{f"{field_name}__date__gte": filters.since})
    if filters.until:
        queryset = queryset.filter(**{f"{field_name}__date__lte": filters.until})
    return queryset


def _event_entries(filters: Filters, condition: Q) -> list[TrailEntry]:
    queryset = _dated(
        AuditEvent.objects.filter(condition).select_related("actor__organisatie"), filters, "at"
    )
    labels = dict(AuditEvent._meta.get_field("action").choices)
    return [
        TrailEntry(
            at=event.at,
            actor=event.actor,
            action=event.action,
            action_label=str(labels.get(event.action, event.action)),
            subject=_("Dossier %(id)s") % {"id": event.dossier_id} if event.dossier_id else "",
            dossier_id=event.dossier_id,
            domein=event.domein,
            detail=event.detail,
            ip_address=event.ip_address or "",
        )
        for event in queryset
    ]


def _change_entries(filters: Filters, lookup) -> list[TrailEntry]:
    entries = []
    for model, path in _sources:
        ref = dossier_column(path)
        queryset = (
            _dated(model.history.filter(lookup(ref)), filters, "history_date")
            .select_related("history_user__organisatie")
            .annotate(trail_dossier=F(ref))
            .order_by("id", "history_date", "history_id")
        )
        previous = defaultdict(lambda: None)
        fields = [f for f in model.history.model._meta.concrete_fields if f.attname not in _IGNORED]
        for row in queryset:
            entries.append(_change_entry(model, row, previous[row.id], fields))
            previous[row.id] = row
    return entries


def _change_entry(model, row, before, fields) -> TrailEntry:
    changes = []
    for model_field in fields:
        new = _shown(row, model_field)
        old = _shown(before, model_field) if before is not None else ""
        if row.history_type == "-" or old == new or model_field.attname == "lock_version":
            continue
        changes.append((str(model_field.verbose_name), old, new))
    return TrailEntry(
        at=row.history_date,
        actor=row.history_user,
        action=row.history_type,
        action_label=str(HISTORY_ACTIONS[row.history_type]),
        subject=f"{model._meta.verbose_name} {row.id}",
        dossier_id=row.trail_dossier,
        domein=getattr(row, "domein", "") or "",
        changes=changes,
        reason=row.history_change_reason or "",
    )


def _shown(row, model_field) -> str:
    value = getattr(row, model_field.attname)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
