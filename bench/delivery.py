"""How long the quarterly delivery of the largest gemeente takes to build: its records read in
one query, the completeness check and the file, as the release does before it stores it."""

from __future__ import annotations

import statistics
import time

from bench.pages import largest_gemeente, last_quarter
from voortgang.kwartaallevering import cbs, completeness, records


def measure(runs: int = 3) -> dict:
    gemeente, quarter = largest_gemeente(), last_quarter()
    seconds, count = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        found = records.records(gemeente.pk, quarter)
        points = sum(len(completeness.problems(record)) for record in found)
        cbs.file_bytes(found, gemeentecode=gemeente.cbs_code, quarter=quarter)
        seconds.append(round(time.perf_counter() - started, 3))
        count = len(found)
    return {
        "gemeente": gemeente.naam,
        "quarter": str(quarter),
        "records": count,
        "open_points": points,
        "seconds": seconds,
        "median_s": statistics.median(seconds),
    }
