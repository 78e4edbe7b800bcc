"""Reads whose SQL the ORM writes once per process.

Building and compiling a queryset costs Django about a millisecond; PostgreSQL answers the
dossier page's small reads in a tenth of that (prepared on a kept connection, decision 0032).
A read every view of a page makes is written as a function of its arguments that returns a
``.values()`` queryset, decorated with ``compiled_read``: the first call with arguments of a
given shape compiles the queryset with marker values in their place and notes where each one
landed among the query's parameters; every call binds its own values there and runs the same
SQL, returning the rows as dicts (decision 0033).

What may be an argument: integers, strings and dates (bound), lists or tuples of them (their
length is part of the shape), booleans and None (part of the shape, compiled in). Everything
else the function reads is compiled in once: a date it computed itself would stay the same day
for the life of the process, so a compiled query with a date that is no argument is refused.
"""

from __future__ import annotations

import datetime
import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable

_BOUND = (int, str, datetime.date)  # datetime.datetime is a date too


def compiled_read(build: Callable[..., QuerySet]) -> Callable[..., list[dict]]:
    """Decorate ``build(**arguments) -> values() queryset``; call the result with keyword
    arguments for the rows as dicts."""
    shapes: dict[tuple, _Compiled | None] = {}  # None: the shape selects nothing

    @functools.wraps(build)
    def read(**arguments) -> list[dict]:
        shape = tuple(sorted((name, _shape_of(value)) for name, value in arguments.items()))
        if shape not in shapes:
            shapes[shape] = _compile(build, arguments)
        compiled = shapes[shape]
        return [] if compiled is None else compiled.run(arguments)

    return read


def _shape_of(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return tuple(_shape_of(item) for item in value)
    if isinstance(value, _BOUND):
        return type(value)
    raise TypeError(f"a compiled read takes ints, strings, dates and lists of them, not {value!r}")


@dataclass(frozen=True)
class _Compiled:
    using: str
    sql: str
    bindings: tuple  # per parameter: ("argument", name, index or None) or ("constant", value)
    names: tuple[str, ...]
    converters: dict
    compiler: object

    def run(self, arguments: dict) -> list[dict]:
        params = [
            binding[1] if binding[0] == "constant" else _item(arguments[binding[1]], binding[2])
            for binding in self.bindings
        ]
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        width = len(self.names)  # a row may end in columns it is only ordered by
        return [dict(zip(self.names, row[:width], strict=True)) for row in rows]


def _item(value, index):
    return value if index is None else value[index]


class _Markers:
    """Stand-ins no real argument equals, one per bound value."""

    def __init__(self):
        self._numbers = itertools.count(1)
        self.placed: dict = {}  # marker → (argument name, index in its list or None)

    def for_argument(self, name: str, value):
        if isinstance(value, list | tuple):
            return [self._marker(name, index, item) for index, item in enumerate(value)]
        return self._marker(name, None, value)

    def _marker(self, name: str, index, value):
        if not isinstance(value, _BOUND) or isinstance(value, bool):
            return value  # a boolean or None: compiled in, as its shape says
        number = next(self._numbers)
        if isinstance(value, int):
            marker = -(10**15) - number
        elif isinstance(value, str):
            marker = f"\x1fcompiled-read-marker-{number}\x1f"
        elif isinstance(value, datetime.datetime):
            marker = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
                seconds=number
            )
        else:
            marker = datetime.date(1, 1, 1) + datetime.timedelta(days=number)
        self.placed[(type(marker), marker)] = (name, index)
        return marker


def _compile(build: Callable[..., QuerySet], arguments: dict) -> _Compiled | None:
    markers = _Markers()
    queryset = build(**{name: markers.for_argument(name, v) for name, v in arguments.items()})
    if queryset._iterable_class is not ValuesIterable:
        raise TypeError(f"{build.__qualname__} must return a values() queryset")
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    bindings, unbound = [], dict(markers.placed)
    for param in params:
        key = (type(param), param)
        if key in markers.placed:
            bindings.append(("argument", *markers.placed[key]))
            unbound.pop(key, None)
        elif isinstance(param, datetime.date):
            raise TypeError(
                f"{build.__qualname__} compiles the date {param} in: pass it as an argument"
            )
        else:
            bindings.append(("constant", param))
    if unbound:
        names = sorted({name for name, _index in unbound.values()})
        raise TypeError(f"{build.__qualname__}: {names} did not reach the query as given")
    query = queryset.query
    names = query.selected or (*query.extra_select, *query.values_select, *query.annotation_select)
    expressions = [column[0] for column in compiler.select[: compiler.col_count]]
    return _Compiled(
        using=queryset.db,
        sql=sql,
        bindings=tuple(bindings),
        names=tuple(names),
        converters=compiler.get_converters(expressions),
        compiler=compiler,
    )
