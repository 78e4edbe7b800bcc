"""Statements prepared once per database session and executed after.

For the few queries PostgreSQL takes longer to plan than to run (the privacy officer's trail:
a UNION of every history table, about 3 ms to plan): ``execute`` prepares the statement on
its first use in a session and only executes it after. Statements are written with ``$1``,
``$2``… for their parameters; PostgreSQL infers their types from where they stand. Prepared
statements live as long as the session and survive a rolled-back transaction; a new
connection prepares again.
"""

from __future__ import annotations

import hashlib
import weakref

from django.db import connection

_prepared_in: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # session → names


def execute(cursor, statement: str, params: list) -> None:
    """Execute ``statement`` with ``params`` on ``cursor`` (of Django's default connection),
    preparing it first in this database session when it is new there."""
    session = connection.connection
    prepared = _prepared_in.setdefault(session, set())
    name = f"p_{hashlib.sha256(statement.encode()).hexdigest()[:24]}"
    if name not in prepared:
        cursor.execute(f"PREPARE {name} AS {statement}")
        prepared.add(name)
    cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)
