"""One lifecycle for the files the app renders (the printed plan, the inzage and handover
exports): asked for (pending), made once by a Celery task that retries with backoff, then
ready; failed after the last try, so the page offers to ask again instead of waiting forever.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from inburgering.choices import RenderStatus

RENDER_MAX_RETRIES = 3


@transaction.atomic
def render_once(queryset, pk: int, make: Callable[[object], None]):
    """Lock the row; unless it is ready already, ``make(row)`` stores its files on it and the
    row becomes ready, saved as whoever asked for it. Running it twice makes one file."""
    from inburgering.services import save_as

    row = queryset.select_for_update(of=("self",)).get(pk=pk)
    if row.status == RenderStatus.READY:
        return row
    make(row)
    row.status = RenderStatus.READY
    save_as(row, actor=row.requested_by)
    return row


def mark_failed(model, pk: int) -> None:
    """Record that rendering gave up (a ready file stays ready)."""
    from inburgering.services import save_as

    row = model.objects.get(pk=pk)
    if row.status != RenderStatus.READY:
        row.status = RenderStatus.FAILED
        save_as(row, actor=row.requested_by)


def run_task(task, model, pk: int, render: Callable[[int], object]) -> None:
    """The body of a render task: ``render(pk)``; on an error retry with backoff, and after
    the last attempt mark the row failed."""
    try:
        render(pk)
    except Exception as exc:
        if task.request.retries >= RENDER_MAX_RETRIES:
            mark_failed(model, pk)
            raise
        raise task.retry(exc=exc, countdown=10 * 2**task.request.retries) from exc
