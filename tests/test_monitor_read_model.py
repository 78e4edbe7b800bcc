"""The monitor's read model (voortgang.monitor.facts): the figures change when it is renewed,
not before; beat renews it through a real Celery worker; one renewal runs at a time; and
``migrate`` drops the views before it starts and builds them (only when their definition
changed) after it ends."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection, connections

from inburgering.celery import app
from inburgering.choices import DossierStatus
from inburgering.dates import Quarter
from tests import factories
from voortgang.models import MonitorDossier, MonitorRefresh
from voortgang.monitor import facts, indicators
from voortgang.monitor.filters import MonitorFilter
from voortgang.tasks import refresh_monitor

DUTY = datetime.date(2025, 5, 14)


def _registered(team) -> int:
    f = MonitorFilter(
        gemeente_ids=(team.gemeente_id,),
        first=Quarter(2025, 2),
        last=Quarter(2025, 2),
        today=datetime.date(2026, 11, 26),
    )
    return indicators.funnel(f).counts["aangemeld"]


def _view_exists(view: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [view])
        return cursor.fetchone()[0] is not None


def _signature(view: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description(to_regclass(%s), 'pg_class')", [view])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_figures_follow_the_data_when_the_read_model_is_renewed(team):
    facts.refresh()
    factories.many_dossiers(team, 3, status=DossierStatus.AANGEMELD, datum_kennisgeving=DUTY)
    assert _registered(team) == 0  # counted from the copy of before
    stand = facts.refresh()
    assert _registered(team) == 3
    assert stand == facts.last_refresh() and stand.seconds >= 0


@pytest.mark.django_db
def test_one_renewal_at_a_time(team):
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [facts.ADVISORY_LOCK])
        assert facts.refresh() is None
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [facts.ADVISORY_LOCK])
        assert facts.refresh() is not None
    finally:
        other.close()


@pytest.mark.django_db
def test_migrate_drops_the_views_first_and_builds_them_again_after(team):
    factories.many_dossiers(team, 2, status=DossierStatus.AANGEMELD, datum_kennisgeving=DUTY)
    facts.drop_views()
    assert not any(_view_exists(view) for view in facts.VIEWS)
    facts.create_views()
    assert all(_view_exists(view) for view in facts.VIEWS)
    assert _registered(team) == 2  # built filled
    assert MonitorRefresh.objects.get(pk=1).seconds == 0


@pytest.mark.django_db
def test_a_view_is_rebuilt_only_when_its_definition_changed(team):
    view = "voortgang_monitor_dossier"
    current = _signature(view)
    assert current.startswith("monitor read model ")
    factories.many_dossiers(team, 2, status=DossierStatus.AANGEMELD, datum_kennisgeving=DUTY)
    facts.create_views()  # same definition: left as it is, so not filled again
    assert not MonitorDossier.objects.filter(gemeente_id=team.gemeente_id).exists()
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON MATERIALIZED VIEW {view} IS 'an older definition'")
    facts.create_views()
    assert _signature(view) == current
    assert MonitorDossier.objects.filter(gemeente_id=team.gemeente_id).count() == 2


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_renews_the_figures_on_beats_schedule():
    team = factories.TeamFactory()
    factories.many_dossiers(team, 4, status=DossierStatus.AANGEMELD, datum_kennisgeving=DUTY)
    assert settings.CELERY_BEAT_SCHEDULE["refresh-monitor"]["task"] == refresh_monitor.name
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        refresh_monitor.delay()
        deadline = time.monotonic() + 30
        while _registered(team) != 4:
            assert time.monotonic() < deadline, "the worker did not renew the figures"
            time.sleep(0.1)
    assert refresh_monitor() is not None  # again: the same figures, nothing else changes
    assert _registered(team) == 4
