"""The health check for container orchestration: is the database reachable, is the broker?
Public, no personal data, no details beyond up or down (an error message could leak hosts)."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from inburgering.celery import app
from inburgering.permissions import PUBLIC, guard

BROKER_TIMEOUT_SECONDS = 2


def _database_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return False
    return True


def _broker_up() -> bool:
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception:
        return False
    return True


@never_cache
@guard(PUBLIC)
def health(request):
    checks = {"database": _database_up(), "broker": _broker_up()}
    body = {name: "up" if up else "down" for name, up in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
