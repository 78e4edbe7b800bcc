"""The privacy officer's trail: field changes from the history tables merged with audit events.

Apps register each history-tracked model with the path from it to its dossier (in their
AppConfig.ready), so the core can read every history table without importing the apps. A page
of the trail costs three queries, however long the trail is (see ``Trail``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise

from django.db import connection
from django.db.models import IntegerField, JSONField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.choices import Domein
from inburgering.models import AuditEvent, User
from inburgering.privacy import events

HISTORY_ACTIONS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}
_IGNORED_COLUMNS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}
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


def dossier_trail(dossier_id: int, filters: Filters) -> Trail:
    if filters.action or filters.domein or filters.since or filters.until:
        query = _keys_query(filters, Q(dossier_id=dossier_id), lambda p: Q(**{p: dossier_id}))
        keys = query.query.sql_with_params() if query is not None else None
        return Trail(filters, keys)
    sql, params = _dossier_keys_sql()
    keys = sql, tuple(dossier_id if p == _SENTINEL else p for p in params)
    return Trail(filters, keys)


def user_trail(user_id: int, filters: Filters, *, within: QuerySet) -> Trail:
    """What the user did to the dossiers ``within`` (the auditor's gemeenten), and what they
    did outside any dossier (logins)."""
    dossier_ids = within.values("pk")
    query = _keys_query(
        filters,
        events=Q(actor_id=user_id) & (Q(dossier__isnull=True) | Q(dossier__in=dossier_ids)),
        history=lambda p: Q(history_user_id=user_id, **{f"{p}__in": dossier_ids}),
    )
    return Trail(filters, query.query.sql_with_params() if query is not None else None)


EVENTS = -1  # the source number of the audit events among the history sources
# The keys of the entries: (source, row id, time, dossier, user), newest first.
_KEY_COLUMNS = "source, row_id, at, dossier_id, user_id"
_NEWEST_FIRST = "at DESC, source DESC, row_id DESC"


class Trail(Sequence):
    """The trail, newest first, counted, ordered and cut into pages by the database, so no
    page reads the whole trail into Python: one pass over the trail counts the entries the
    filters choose (what, domain, date, user, organisation) and collects everyone in it (the
    user filter's choices, read in a second query); a third reads the keys (source, row,
    time, dossier, user) of one page, a fourth that page's rows (as JSON, with the earlier
    versions of the same objects to compare with)."""

    def __init__(self, filters: Filters, keys: tuple[str, tuple] | None):
        self._keys = keys  # the UNION ALL of every source's keys, as SQL and parameters
        self._chosen, self._chosen_params = "TRUE", []
        if filters.user_id is not None:
            self._chosen, self._chosen_params = "user_id = %s", [filters.user_id]
        if filters.organisatie_id is not None:
            self._chosen += (
                " AND user_id IN (SELECT id FROM inburgering_user WHERE organisatie_id = %s)"
            )
            self._chosen_params.append(filters.organisatie_id)

    def _select(self, tail: str = "", tail_params=()) -> list:
        """The keys of the chosen entries, newest first, with ``tail`` (a LIMIT)."""
        if self._keys is None:
            return []
        sql, params = self._keys
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_KEY_COLUMNS} FROM ({sql}) AS trail({_KEY_COLUMNS}) "
                f"WHERE {self._chosen} ORDER BY {_NEWEST_FIRST} {tail}",
                [*params, *self._chosen_params, *tail_params],
            )
            return cursor.fetchall()

    @cached_property
    def _summary(self) -> tuple[int, list[int]]:
        """The number of entries the filters choose, and everyone in the trail under its
        other filters (the user filter's choices), in one pass over the trail."""
        if self._keys is None:
            return 0, []
        sql, params = self._keys
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FILTER (WHERE {self._chosen}), "
                f"array_agg(DISTINCT user_id) FROM ({sql}) AS trail({_KEY_COLUMNS})",
                [*self._chosen_params, *params],
            )
            count, user_ids = cursor.fetchone()
        return count, [user_id for user_id in user_ids or [] if user_id is not None]

    @cached_property
    def users(self) -> dict[int, User]:
        """Everyone who appears in the trail under its other filters, with organisation."""
        return User.objects.select_related("organisatie").in_bulk(self._summary[1])

    @property
    def actors(self) -> list[User]:
        """Everyone who appears in the trail (under its other filters), by username."""
        return sorted(self.users.values(), key=lambda user: user.username)

    def __len__(self) -> int:
        return self._summary[0]

    def __iter__(self):  # all of it (the CSV, the inzage) at once
        return iter(_entries(self._select(), self.users))

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        keys = self._select("LIMIT %s OFFSET %s", [max(stop - start, 0), start])
        return _entries(keys, self.users)


# A dossier id no row has: it marks where the id goes in the compiled query below.
_SENTINEL = -7_000_000_001


@cache
def _dossier_keys_sql() -> tuple[str, tuple]:
    """The keys query of a dossier's trail without filters, compiled once per process:
    building a UNION of every history table with the ORM costs more than running it."""
    query = _keys_query(Filters(), Q(dossier_id=_SENTINEL), lambda p: Q(**{p: _SENTINEL}))
    return query.query.sql_with_params()


def _keys_query(filters: Filters, events: Q, history) -> QuerySet | None:
    """(source, row id, time, dossier, user) of every entry, as one UNION ALL."""
    parts = []
    for number, (model, path) in enumerate(_sources):
        queryset = _history_rows(model, path, filters, history)
        if queryset is not None:
            parts.append(
                queryset.values_list(
                    Value(number, IntegerField()),
                    "history_id",
                    "history_date",
                    dossier_column(path),
                    "history_user_id",
                )
            )
    queryset = _events(filters, events)
    if queryset is not None:
        parts.append(
            queryset.values_list(
                Value(EVENTS, IntegerField()), "id", "at", "dossier_id", "actor_id"
            )
        )
    if not parts:
        return None
    first, *rest = parts
    return first.union(*rest, all=True) if rest else first


def _history_rows(model, path: str, filters: Filters, lookup) -> QuerySet | None:
    """The model's history rows in the trail, or None when the filters rule them all out."""
    historical = model.history.model
    if filters.action and filters.action not in HISTORY_ACTIONS:
        return None
    has_domein = any(f.name == "domein" for f in historical._meta.fields)
    if filters.domein and not has_domein:
        return None
    queryset = _dated(
        historical.objects.filter(lookup(dossier_column(path))), filters, "history_date"
    )
    if filters.action:
        queryset = queryset.filter(history_type=filters.action)
    if filters.domein:
        queryset = queryset.filter(domein=filters.domein)
    return queryset.order_by()


def _events(filters: Filters, condition: Q) -> QuerySet | None:
    if filters.action in HISTORY_ACTIONS:
        return None
    queryset = _dated(AuditEvent.objects.filter(condition), filters, "at")
    if filters.action:
        queryset = queryset.filter(action=filters.action)
    if filters.domein:
        queryset = queryset.filter(domein=filters.domein)
    return queryset.order_by()


def _dated(queryset, filters: Filters, field_name: str):
    if filters.since:
        queryset = queryset.filter(**{f"{field_name}__date__gte": filters.since})
    if filters.until:
        queryset = queryset.filter(**{f"{field_name}__date__lte": filters.until})
    return queryset


def _as_json(model) -> RawSQL:
    return RawSQL(f'to_jsonb("{model._meta.db_table}".*)', (), output_field=JSONField())


def _entries(keys: list[tuple], users: dict[int, User]) -> list[TrailEntry]:
    """The entries of these keys: their rows and the versions before them, in one query."""
    wanted = defaultdict(list)
    for number, key, *_rest in keys:
        wanted[number].append(key)
    parts = []
    for number, ids in wanted.items():
        if number == EVENTS:
            rows = AuditEvent.objects.filter(id__in=ids)
        else:
            historical = _sources[number][0].history.model
            objects = historical.objects.filter(history_id__in=ids).values("id")
            rows = historical.objects.filter(id__in=objects)
        parts.append(
            rows.order_by().values_list(Value(number, IntegerField()), _as_json(rows.model))
        )
    if not parts:
        return []
    first, *rest = parts
    rows = defaultdict(list)
    for number, row in first.union(*rest, all=True) if rest else first:
        rows[number].append(row)
    found = {EVENTS: {row["id"]: row for row in rows.pop(EVENTS, [])}}
    before = {}
    for number, group in rows.items():
        group.sort(key=lambda row: (row["id"], row["history_date"], row["history_id"]))
        found[number] = {row["history_id"]: row for row in group}
        for earlier, later in pairwise(group):
            if earlier["id"] == later["id"]:
                before[(number, later["history_id"])] = earlier
    entries = []
    for number, key, at, dossier_id, _actor in keys:
        row = found[number][key]
        if number == EVENTS:
            entries.append(_event_entry(row, at, users))
        else:
            model = _sources[number][0]
            entries.append(
                _change_entry(model, row, before.get((number, key)), at, dossier_id, users)
            )
    return entries


def _event_entry(row: dict, at, users) -> TrailEntry:
    action = row["action"]
    return TrailEntry(
        at=at,
        actor=users.get(row["actor_id"]),
        action=action,
        action_label=str(_EVENT_LABELS.get(action, action)),
        subject=_("Dossier %(id)s") % {"id": row["dossier_id"]} if row["dossier_id"] else "",
        dossier_id=row["dossier_id"],
        domein=row["domein"],
        detail=events.describe(action, row.get("payload"), row["detail"]),
        ip_address=row["ip_address"] or "",
    )


def _change_entry(model, row: dict, before: dict | None, at, dossier_id, users) -> TrailEntry:
    changes = []
    for model_field in _tracked_fields(model):
        new = _shown(row, model_field)
        old = _shown(before, model_field) if before is not None else ""
        if row["history_type"] == "-" or old == new or model_field.attname == "lock_version":
            continue
        changes.append((str(model_field.verbose_name), old, new))
    return TrailEntry(
        at=at,
        actor=users.get(row["history_user_id"]),
        action=row["history_type"],
        action_label=str(HISTORY_ACTIONS[row["history_type"]]),
        subject=f"{model._meta.verbose_name} {row['id']}",
        dossier_id=dossier_id,
        domein=row.get("domein") or "",
        changes=changes,
        reason=row["history_change_reason"] or "",
    )


_EVENT_LABELS = dict(AuditEvent._meta.get_field("action").choices)


@cache
def _tracked_fields(model) -> list:
    return [
        f for f in model.history.model._meta.concrete_fields if f.attname not in _IGNORED_COLUMNS
    ]


@cache
def _choice_labels(model_field) -> dict:
    return dict(model_field.flatchoices)


def _shown(row: dict, model_field) -> str:
    value = row.get(model_field.column)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(_choice_labels(model_field).get(value, value))
    value = model_field.to_python(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
