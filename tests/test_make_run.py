"""`make run` brings the app up with demo data: the login page answers and a regisseur logs in.

Runs the same script as `make run` against a separate database in the test cluster, on a
free port, and talks to it over HTTP like a browser without JavaScript would.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django_otp.oath import totp

from inburgering.demo import DEMO_PASSWORD, DEMO_TOTP_KEY, demo_totp_key_base32
from scripts import localdb

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.real_clock  # its second-factor code is for a server on real time


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the run script stopped early"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {seconds} s")


@pytest.fixture
def running_app(tmp_path):
    # A new database every time, as on a fresh machine: an old one may hold other migrations.
    with psycopg.connect(localdb.ensure_running("test").url("postgres"), autocommit=True) as db:
        db.execute("DROP DATABASE IF EXISTS inburgering_make_run WITH (FORCE)")
    database_url = localdb.ensure_running("test", database="inburgering_make_run").url(
        "inburgering_make_run"
    )
    address = f"127.0.0.1:{_free_port()}"
    # The suite's set-up has installed .venv; under pytest-xdist another worker imports from it
    # while this one runs, so the script's own sync is skipped (CI's fresh clone tests it).
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "RUN_ADDRESS": address,
        "INBURGERING_SKIP_BOOTSTRAP": "1",
        # A broker that goes nowhere: the demo's 17 plan PDFs are queued, not laid out while
        # the test waits (20 s of this test; their layout is test_pip_pdf's subject).
        "CELERY_BROKER_URL": "memory://",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(
        ["scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://{address}/inloggen/", process)
        yield f"http://{address}", tmp_path / "run.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


@pytest.mark.slow
def test_make_run_serves_the_login_page_and_a_demo_regisseur_sees_the_caseload(running_app):
    base, log = running_app
    assert "regisseur1" in log.read_text()  # the demo accounts are printed

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_page = opener.open(f"{base}/inloggen/").read().decode()
    assert "Inloggen" in login_page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "regisseur1", "password": DEMO_PASSWORD}
    ).encode()
    request = urllib.request.Request(
        f"{base}/inloggen/", data=form, headers={"Referer": f"{base}/inloggen/"}
    )
    code_step = opener.open(request)
    code_page = code_step.read().decode()
    assert "Inloggen: code" in code_page
    assert demo_totp_key_base32() in log.read_text()  # printed for the demo user's app
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', code_page).group(1)
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "token": f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}",
            "next": "/",
        }
    ).encode()
    request = urllib.request.Request(
        code_step.geturl(), data=form, headers={"Referer": code_step.geturl()}
    )
    caseload = opener.open(request).read().decode()
    assert "Mijn dossiers" in caseload
    assert "21 dossiers" in caseload
