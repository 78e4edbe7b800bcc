"""Celery: a real worker thread on an in-memory broker executes a task that writes to the DB."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from inburgering.celery import app
from inburgering.models import UserSession as Session
from inburgering.tasks import clear_expired_sessions

pytestmark = pytest.mark.slow  # starts a Celery worker


def _session(key: str, expires_in: datetime.timedelta) -> Session:
    return Session.objects.create(
        session_key=key, session_data="", expire_date=timezone.now() + expires_in
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_session_cleanup_against_the_database():
    _session("expired" + "x" * 25, -datetime.timedelta(hours=1))
    _session("current" + "x" * 25, datetime.timedelta(hours=1))
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        clear_expired_sessions.delay()
        deadline = time.monotonic() + 20
        while Session.objects.filter(session_key__startswith="expired").exists():
            assert time.monotonic() < deadline, "the worker did not run the task"
            time.sleep(0.1)
    assert Session.objects.filter(session_key__startswith="current").exists()


def test_the_task_is_idempotent(db):
    _session("expired" + "y" * 25, -datetime.timedelta(minutes=1))
    assert clear_expired_sessions() == 1
    assert clear_expired_sessions() == 0


def test_beat_schedules_the_cleanup_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert entry["task"] == clear_expired_sessions.name
    assert app.conf.broker_url == "memory://"
