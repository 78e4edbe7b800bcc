"""How fast the printed plan is made: one 4-page PIP rendered again and again in this process,
then plans requested through the service and made by a real Celery worker."""

from __future__ import annotations

import statistics
import time

from django.db.models import Count

from inburgering.choices import RenderStatus
from pip_plans.models import PipDocument, PipVersie
from pip_plans.pdf import laid_out_plan, render_pip_pdf
from pip_plans.services import request_document

TARGET_PAGES = 4
AFSPRAKEN_ON_FOUR_PAGES = 17  # seven sections with this many agreements fill about 4 pages


def four_page_plan() -> tuple[PipVersie, int]:
    """A fixed plan version that prints on 4 pages (or the one nearest to it): the longest
    plans that should fit first."""
    candidates = (
        PipVersie.objects.filter(status="vastgesteld")
        .annotate(afspraken=Count("secties__afspraken"))
        .filter(afspraken__lte=AFSPRAKEN_ON_FOUR_PAGES)
        .order_by("-afspraken", "pk")
        .select_related("pip__dossier")[:10]
    )
    best = None
    for versie in candidates:
        pages = len(laid_out_plan(versie, concept=False).pages)
        if best is None or abs(pages - TARGET_PAGES) < abs(best[1] - TARGET_PAGES):
            best = (versie, pages)
        if pages == TARGET_PAGES:
            break
    return best


def render_times(versie: PipVersie, renders: int) -> list[float]:
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        render_pip_pdf(versie, concept=False)
        times.append(time.perf_counter() - started)
    return times


def worker_throughput(count: int, timeout: float = 600) -> dict:
    """Ask for ``count`` plans of different dossiers as a regisseur does (the service queues
    the task after commit) and wait until the worker has made them all."""
    versies = list(
        PipVersie.objects.filter(status="vastgesteld", documenten__isnull=True)
        .select_related("pip__dossier__regisseur")
        .order_by("pk")[:count]
    )
    started = time.perf_counter()
    ids = [
        request_document(actor=versie.pip.dossier.regisseur, versie_id=versie.pk).pk
        for versie in versies
    ]
    while time.perf_counter() - started < timeout:
        waiting = PipDocument.objects.filter(pk__in=ids).exclude(status=RenderStatus.READY)
        if not waiting.exists():
            break
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    ready = PipDocument.objects.filter(pk__in=ids, status=RenderStatus.READY).count()
    return {
        "requested": len(ids),
        "ready": ready,
        "seconds": round(elapsed, 2),
        "per_minute": round(ready / elapsed * 60, 1),
    }


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "count": len(times),
        "median_s": round(statistics.median(ordered), 3),
        "p95_s": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 3),
    }


def letter_render_times(renders: int) -> list[float]:
    """A two-language letter (Dutch and Arabic: the widest script work) for a dossier with an
    open appointment, composed once and rendered again and again, as the task does."""
    from inburgering.brieven.pdf import render_letter_pdf
    from inburgering.brieven.services import compose
    from inburgering.models import Bijeenkomst

    bijeenkomst = (
        Bijeenkomst.objects.filter(opkomst="open", dossier__regisseur__isnull=False)
        .select_related("dossier__regisseur", "dossier__gemeente")
        .order_by("pk")
        .first()
    )
    dossier = bijeenkomst.dossier
    content = compose(
        dossier=dossier,
        kind="uitnodiging_intake",
        language="ar",
        bijeenkomst=bijeenkomst,
        writer=dossier.regisseur,
    )
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        render_letter_pdf(content)
        times.append(time.perf_counter() - started)
    return times
