"""Rows for PostgreSQL's COPY, per model, with the history rows django-simple-history writes.

The benchmark data is millions of rows; saving them one by one through the services would take
hours. This writes the same rows the services write (the model's row and, for a model with
history, one history row per change with its user, type and reason) straight into the tables.

Ids are not taken from the sequences but made from the dossier's number and a slot per
table, so a dossier's rows get the same ids whatever else is generated; the sequences are moved
past them at the end.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict

from django.db import connection
from django.db.models import JSONField, Model

# Room per dossier for the rows of one table (and of one history table).
SLOT = 1000


class Table:
    """One model's columns and default values, and the rows waiting for COPY."""

    def __init__(self, model: type[Model], base: int):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [field.column for field in self.fields]
        self.defaults = {field.attname: _default(field) for field in self.fields}
        self.base = base
        self.rows: list[tuple] = []  # history rows: snapshots, made when written
        self.live: dict[int, dict] = {}  # live rows: the caller may still change them
        # simple-history's manager is made anew on every access: look it up once.
        self.historical = model.history.model if "history" in model.__dict__ else None

    def complete(self, values: dict) -> dict:
        """Every column's value: the given ones, the model's defaults for the rest."""
        return {**self.defaults, **values}

    def row(self, values: dict) -> tuple:
        return tuple(_copy_value(field, values.get(field.attname)) for field in self.fields)


def _copy_value(field, value):
    """COPY takes JSON as its text."""
    if isinstance(field, JSONField) and value is not None:
        return json.dumps(value)
    return value


def _default(field):
    if field.has_default():
        return field.get_default()
    return "" if field.empty_strings_allowed and not field.null else None


class Bulk:
    """Collects rows for a batch of dossiers and writes them with COPY in one go."""

    def __init__(self):
        self.tables: dict[type[Model], Table] = {}
        self.counters: dict[tuple[type[Model], int], int] = defaultdict(int)  # ids per slot
        self.written: dict[str, int] = defaultdict(int)

    def _table(self, model: type[Model]) -> Table:
        if model not in self.tables:
            pk = model._meta.pk.column
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT coalesce(max("{pk}"), 0) FROM "{model._meta.db_table}"')
                highest = cursor.fetchone()[0]
            self.tables[model] = Table(model, base=highest + 1)
        return self.tables[model]

    def _next_id(self, model: type[Model], slot: int) -> int:
        table = self._table(model)
        number = self.counters[(model, slot)]
        if number >= SLOT:
            raise ValueError(f"more than {SLOT} {model.__name__} rows for one dossier")
        self.counters[(model, slot)] = number + 1
        return table.base + slot * SLOT + number

    def _live(self, model: type[Model], slot: int, values: dict) -> dict:
        table = self._table(model)
        values = table.complete({model._meta.pk.attname: self._next_id(model, slot), **values})
        table.live[values[model._meta.pk.attname]] = values
        return values

    def add(
        self,
        model: type[Model],
        slot: int,
        *,
        at: datetime.datetime,
        by: int | None,
        reason: str | None = None,
        **values,
    ) -> dict:
        """A new row (and its history row of type "+"); returns the values, with the id.

        The returned dict is the live row: changes to it before ``flush`` are what is stored,
        as after the later saves whose history rows ``history`` writes."""
        values = self._live(model, slot, values)
        if self._table(model).historical is not None:
            self.history(model, slot, values, "+", at=at, by=by, reason=reason)
        return values

    def plain(self, model: type[Model], slot: int, **values) -> dict:
        """A row of a model without history (guardian's, the audit log's, reminders')."""
        return self._live(model, slot, values)

    def drop(self, model: type[Model], pk: int) -> None:
        """The row was deleted again (an ended share); its history rows stay."""
        del self._table(model).live[pk]

    def history(
        self,
        model: type[Model],
        slot: int,
        values: dict,
        kind: str,
        *,
        at: datetime.datetime,
        by: int | None,
        reason: str | None = None,
    ) -> None:
        """A history row as simple-history writes it: the row's values at that moment."""
        historical = self._table(model).historical
        self.add_history_row(
            historical,
            slot,
            {
                **values,
                "history_date": at,
                "history_type": kind,
                "history_user_id": by,
                "history_change_reason": reason,
            },
        )

    def add_history_row(self, historical: type[Model], slot: int, values: dict) -> None:
        table = self._table(historical)
        values = table.complete({"history_id": self._next_id(historical, slot), **values})
        table.rows.append(table.row(values))

    def flush(self) -> None:
        """COPY every waiting row, table by table in the order the tables were first used
        (parents before children: the foreign keys are checked at commit anyway)."""
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            for table in self.tables.values():
                table.rows.extend(table.row(values) for values in table.live.values())
                table.live.clear()
                if not table.rows:
                    continue
                columns = ", ".join(f'"{column}"' for column in table.columns)
                with raw.copy(
                    f'COPY "{table.model._meta.db_table}" ({columns}) FROM STDIN'
                ) as copy:
                    for row in table.rows:
                        copy.write_row(row)
                self.written[table.model._meta.db_table] += len(table.rows)
                table.rows.clear()
        self.counters.clear()  # a batch's dossiers are done: their slots are not used again

    def reset_sequences(self) -> None:
        """Move every used table's id sequence past the ids written here."""
        with connection.cursor() as cursor:
            for table in self.tables.values():
                pk = table.model._meta.pk.column
                name = table.model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                    f'coalesce((SELECT max("{pk}") FROM "{name}"), 0) + 1, false)',
                    [name, pk],
                )
