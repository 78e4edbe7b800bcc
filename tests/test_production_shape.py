"""The production shape without Docker: the processes docker-compose.yml defines, started with
the same entrypoint and environment (gunicorn with WhiteNoise, a Celery worker and beat on a
local Redis), against the project's PostgreSQL. Over HTTP a regisseur logs in with both
factors, fixes a plan, and gets its PDF from the worker; beat runs the reminder job."""

import datetime
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import psycopg
import pytest

from bench.http import Visitor
from scripts import localdb

pytestmark = [pytest.mark.production_shape, pytest.mark.real_clock, pytest.mark.timeout(420)]

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "inburgering_stack"
CLUSTER = "stack"  # its own PostgreSQL, so the outage test can stop it


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(check, what: str, seconds: float, processes=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes:
            assert process.poll() is None, f"{name} stopped early"
        result = check()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"{what} did not happen within {seconds} s")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    logs = tmp_path_factory.mktemp("stack")
    redis_port, web_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "inburgering.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PRIVATE_MEDIA_ROOT": str(logs / "private"),
        "PORT": str(web_port),
        "WEB_CONCURRENCY": "2",
        "CELERY_CONCURRENCY": "2",
        "CELERY_VISIBILITY_TIMEOUT": "10",  # a killed worker's task comes back after 10 s
        "CELERY_BEAT_SCHEDULE_FILE": str(logs / "celerybeat-schedule"),
        "REMINDERS_SCHEDULE": "5",  # seconds: beat runs the reminder job soon after it starts
        "EMAIL_URL": "consolemail://",
        "PYTHONUNBUFFERED": "1",  # as in the image: log lines appear when they happen
    }
    # The static files need no database: they are collected while the cluster starts.
    collecting = subprocess.Popen(
        [".venv/bin/python", "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": "postgres://nobody@db.invalid/none"},
    )
    try:
        with psycopg.connect(
            localdb.ensure_running(CLUSTER).url("postgres"), autocommit=True
        ) as db:
            db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        database_url = localdb.ensure_running(CLUSTER, database=DATABASE).url(DATABASE)
    finally:
        collected = collecting.wait(timeout=120)
    assert collected == 0, "collectstatic failed"
    env["DATABASE_URL"] = database_url
    processes = []

    def start(name, command=None):
        command = command or ["scripts/entrypoint.sh", name.rstrip("0123456789")]
        log = (logs / f"{name}.log").open("w")
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        processes.append((name, process))
        return process

    try:
        start(
            "redis",
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
        )
        start("web", ["scripts/entrypoint.sh", "web"])  # migrates first, as in the image
        visitor = Visitor(web_port)

        def healthy():
            try:
                return visitor.request("GET", "/health/")[0] == 200
            except OSError:
                return False

        _wait(healthy, "the web process answering /health/", 120, processes)
        seeded = subprocess.run(
            [
                ".venv/bin/python",
                "manage.py",
                "shell",
                "-c",
                "from tests import stack_seed; stack_seed.main()",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
            text=True,
        )
        start("worker")
        start("beat")
        data = json.loads(seeded.stdout.strip().splitlines()[-1])
        visitor.log_in(data["username"], data["password"], data["totp_key"])
        yield {
            "port": web_port,
            "env": env,
            "start": start,
            "visitor": visitor,
            "data": data,
            "database_url": database_url,
            "logs": logs,
            "processes": processes,
        }
    finally:
        localdb.ensure_running(CLUSTER)  # in case a test left it stopped
        for _name, process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        localdb.stop(CLUSTER)


def test_a_plan_is_fixed_and_printed_by_the_worker_and_beat_makes_a_reminder(stack):
    visitor, data = stack["visitor"], stack["data"]
    plan = f"/dossiers/{data['to_fix']}/plan/"

    _status, _location, page = visitor.request("GET", f"{plan}concept/vaststellen/")
    lock_version = re.search(rb'name="lock_version" value="(\d+)"', page).group(1).decode()
    status, _location, _page = visitor.form(
        f"{plan}concept/vaststellen/",
        {
            "lock_version": lock_version,
            "dagtekening": datetime.date.today().isoformat(),
            "confirm": "on",
        },
    )
    assert status == 302

    pdf = _printed(stack, plan)
    assert pdf.startswith(b"%PDF")

    def reminder_by_beat():
        with psycopg.connect(stack["database_url"]) as db:
            return db.execute(
                "SELECT count(*) FROM voortgang_historicalherinnering h "
                "WHERE h.dossier_id = %s AND h.history_type = '+' "
                "AND h.history_change_reason LIKE 'celery voortgang.tasks.send_daily_reminders%%'",
                [data["overdue"]],
            ).fetchone()[0]

    made = _wait(reminder_by_beat, "beat running the reminder job", 150, stack["processes"])
    _status, _location, worklist = visitor.request("GET", "/werkvoorraad/")
    assert b"Achterstand" in worklist
    beat_log = (stack["logs"] / "beat.log").read_text()
    assert "send-daily-reminders" in beat_log or "send_daily_reminders" in beat_log
    print(f"\nproduction shape: PDF {len(pdf)} bytes by the worker; {made} reminder(s) by beat")


def _csrf(visitor: Visitor, path: str) -> str:
    page = visitor.request("GET", path)[2]
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()


@pytest.mark.parametrize("page", ["login", "dossier"])
def test_production_headers_on_the_login_page_and_a_dossier_page(stack, page):
    visitor = Visitor(stack["port"]) if page == "login" else stack["visitor"]
    path = "/inloggen/" if page == "login" else f"/dossiers/{stack['data']['to_fix']}/"
    status, _location, _page = visitor.request("GET", path)
    headers = visitor.last_headers
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def _request_pdf(visitor: Visitor, plan: str, versie: int = 1) -> None:
    csrf = _csrf(visitor, plan)
    status, _location, _page = visitor.request(
        "POST", f"{plan}pdf/", {"csrfmiddlewaretoken": csrf, "versie": str(versie)}
    )
    assert status == 302


def _printed(stack, plan: str, seconds: float = 120) -> bytes:
    """Ask for the PDF of version 1 and wait for the worker; returns the downloaded file."""
    visitor = stack["visitor"]
    _request_pdf(visitor, plan)
    link = _wait(
        lambda: re.search(
            rb'href="(/dossiers/\d+/plan/pdf/\d+/)"', visitor.request("GET", f"{plan}?versie=1")[2]
        ),
        "the worker rendering the PDF",
        seconds,
    )
    status, _location, pdf = visitor.request("GET", link.group(1).decode())
    assert status == 200
    return pdf


def _query(stack, sql: str, params=()):
    with psycopg.connect(stack["database_url"]) as db:
        return db.execute(sql, params).fetchall()


def test_a_worker_killed_while_rendering_leaves_exactly_one_pdf(stack):
    dossier = stack["data"]["long_plan"]
    plan = f"/dossiers/{dossier}/plan/"
    name, worker = next(p for p in stack["processes"] if p[0].startswith("worker"))
    log = stack["logs"] / f"{name}.log"
    seen = len(log.read_text())
    _request_pdf(stack["visitor"], plan, versie=2)
    _wait(
        lambda: "render_pip_document" in log.read_text()[seen:],
        "the worker receiving the render task",
        60,
    )
    os.killpg(worker.pid, signal.SIGKILL)  # mid-render: the plan has about 20 pages
    worker.wait(timeout=20)
    stack["processes"].remove((name, worker))
    state = (
        "SELECT d.status, d.file FROM pip_plans_pipdocument d "
        "JOIN pip_plans_pipversie v ON v.id = d.versie_id "
        "JOIN pip_plans_pip p ON p.id = v.pip_id WHERE p.dossier_id = %s AND v.number = 2"
    )
    status_at_kill = _query(stack, state, [dossier])
    stack["start"]("worker2")
    documents = _wait(
        lambda: (rows := _query(stack, state, [dossier])) and rows[0][0] == "ready" and rows,
        "a restarted worker rendering the returned task",
        90,
    )
    files = list((stack["logs"] / "private" / "pip").glob(f"pip-{dossier}-v2-*.pdf"))
    print(
        f"\nworker kill: status at the kill {status_at_kill[0][0]!r}; afterwards "
        f"{len(documents)} document row(s), {len(files)} file(s)"
    )
    assert status_at_kill[0][0] == "pending"  # the kill came before the render finished
    assert len(documents) == 1 and len(files) == 1


def test_requests_during_a_database_outage_get_503_and_acknowledged_writes_stay(stack):
    dossier = stack["data"]["overdue"]
    url = f"/dossiers/{dossier}/voortgang/notities/nieuw/"
    visitor = stack["visitor"]
    csrf = _csrf(visitor, url)
    outcomes: list[tuple[str, int]] = []
    stop = threading.Event()

    def write():
        n = 0
        while not stop.is_set():
            text = f"storingstest-{n}"
            try:
                status = visitor.request(
                    "POST", url, {"csrfmiddlewaretoken": csrf, "leefgebied": "werk", "text": text}
                )[0]
            except OSError:
                status = 0  # no answer at all
            outcomes.append((text, status))
            n += 1
            time.sleep(0.05)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        time.sleep(1.5)
        localdb.stop(CLUSTER)
        time.sleep(4)
        localdb.ensure_running(CLUSTER)
        time.sleep(3)
    finally:
        stop.set()
        writer.join(timeout=60)
    acknowledged = {text for text, status in outcomes if status == 302}
    stored = {
        row[0]
        for row in _query(
            stack,
            "SELECT text FROM voortgang_voortgangsnotitie WHERE text LIKE 'storingstest-%%'",
        )
    }
    statuses = sorted({status for _text, status in outcomes})
    print(
        f"\ndatabase outage: {len(outcomes)} writes sent, {len(acknowledged)} acknowledged, "
        f"{len(stored)} stored, {sum(s == 503 for _t, s in outcomes)} answered 503"
    )
    assert set(statuses) <= {302, 503}, statuses  # never a 500 or a dropped connection
    assert 503 in statuses and 302 in statuses
    assert acknowledged <= stored


def test_daily_jobs_started_twice_at_once_make_no_duplicates(stack):
    dossier = stack["data"]["overdue"]
    _query_write(stack, "DELETE FROM voortgang_herinnering WHERE dossier_id = %s", [dossier])
    env_cmd = [".venv/bin/celery", "-A", "inburgering", "call"]
    jobs = [
        "voortgang.tasks.send_daily_reminders",
        "inburgering.tasks.expire_shares",
        "inburgering.tasks.destroy_expired_dossiers",
    ]
    for job in jobs:
        calls = [
            subprocess.Popen([*env_cmd, job], cwd=ROOT, env=stack["env"], stdout=subprocess.DEVNULL)
            for _twice in range(2)
        ]
        for call in calls:
            assert call.wait(timeout=60) == 0
    count = "SELECT count(*) FROM voortgang_herinnering WHERE dossier_id = %s"
    _wait(lambda: _query(stack, count, [dossier])[0][0] > 0, "the reminder jobs", 60)
    time.sleep(3)  # both runs done
    duplicates = _query(
        stack,
        "SELECT soort, recipient_id, count(*) FROM voortgang_herinnering WHERE dossier_id = %s "
        "GROUP BY soort, recipient_id HAVING count(*) > 1",
        [dossier],
    )
    print(
        f"\ndaily jobs twice at once: {_query(stack, count, [dossier])[0][0]} reminder(s), "
        f"{len(duplicates)} duplicate(s)"
    )
    assert duplicates == []


def _query_write(stack, sql: str, params=()):
    with psycopg.connect(stack["database_url"]) as db:
        db.execute(sql, params)
