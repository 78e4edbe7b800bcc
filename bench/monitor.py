"""How long the monitor takes on the first view after a renewal of its read model, when a
filter's figures and charts are computed (later views of the filter read them from the cache,
and that is what the page rounds measure): the region as the beleidsmedewerker sees it,
in-process, the cache emptied before each view."""

from __future__ import annotations

import statistics
import time

from django.core.cache import cache

from bench.pages import logged_in, pick


def measure(runs: int = 5) -> dict:
    page = next(page for page in pick() if page.name == "monitor")
    client = logged_in(page.username)
    client.get(page.path, secure=True)  # the process's first request (imports, connection)
    milliseconds = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        response = client.get(page.path, secure=True)
        milliseconds.append(round((time.perf_counter() - started) * 1000, 1))
        if response.status_code != 200:
            raise RuntimeError(f"the monitor answered {response.status_code}")
    return {"path": page.path, "ms": milliseconds, "median_ms": statistics.median(milliseconds)}
