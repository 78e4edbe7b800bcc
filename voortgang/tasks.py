"""Celery tasks of voortgang: thin, safe to run twice."""

from celery import shared_task
from django.db import OperationalError


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_daily_reminders(self) -> dict:
    """Beat runs this every morning; the system account is the actor and the change reason
    names this task run, so the history says what made each reminder."""
    from voortgang.reminders import run_daily

    return run_daily(reason=f"celery {self.name} {self.request.id or 'direct'}")


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def refresh_monitor() -> float | None:
    """Beat runs this every quarter of an hour: the monitor's figures are at most that old.
    Returns the seconds it took, None when another renewal was running."""
    from voortgang.monitor import facts

    stand = facts.refresh()
    return stand.seconds if stand else None


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def check_delivery(gemeente_id: int, year: int, number: int) -> int:
    """The completeness check of one gemeente's quarter, kept for its page; returns the points
    open. Running it twice keeps the later result."""
    from inburgering.dates import Quarter
    from voortgang.kwartaallevering import services

    return services.check(gemeente_id=gemeente_id, quarter=Quarter(year, number)).open_points


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def check_deliveries() -> int:
    """Beat runs this every night: each gemeente's check of the quarter to deliver is at most
    a day old in the weeks it is due. Returns how many gemeenten it checked."""
    from django.utils import timezone

    from inburgering.dates import Quarter
    from voortgang.kwartaallevering import services

    return services.check_every_gemeente(Quarter.of(timezone.localdate()).previous())
