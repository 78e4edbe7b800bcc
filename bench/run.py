"""`make bench`: the benchmark at municipality scale, side by side with Django admin.

It makes two databases on a PostgreSQL cluster of its own ("bench"), fills them with
`bench_data` (a small one, only to compare query counts, and the measured one), starts the
production processes (gunicorn through the image's entrypoint with production settings,
Redis and one Celery worker process), and measures over HTTP with logged-in sessions:

1. each page, sequentially: median and p95 latency, as the client sees it and as gunicorn's
   access log times it (server time), and the SQL query count at both sizes;
2. a concurrency run with locust: simulated users on a mix of the pages;
3. the printed plan: a 4-page PIP rendered again and again, then plans made by the worker.

Writes `bench/results/<time>.json` and `.md` and prints the Markdown. Needs only the machine's
PostgreSQL and, for the worker, `redis-server`; runs as root or as a normal user.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

from bench import report
from bench.http import Visitor
from scripts import localdb

ROOT = Path(__file__).resolve().parent.parent
CLUSTER = "bench"
TEMPLATE = "inburgering_bench_template"
PASSWORD = "inburgering-demo"  # the demo password; bench data is demo data
TOTP_KEY = "696e627572676572696e672d64656d6f2d6b6579"  # demo.DEMO_TOTP_KEY (no Django here)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Bench:
    """The processes and databases of one run; everything started is stopped at the end."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
            "BENCH_STATIC_ROOT": str(workdir / "static"),
            "EMAIL_URL": "consolemail://",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        # Redis when the machine has it; otherwise tasks go nowhere and the worker is skipped.
        self.has_broker = bool(shutil.which("redis-server"))
        self.env["CELERY_BROKER_URL"] = "memory://"
        if self.has_broker:
            redis_port = _free_port()
            self.start(
                "redis",
                ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
                self.env,
            )
            self.env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{redis_port}/0"

    # Databases ----------------------------------------------------------------------------

    def _create(self, name: str, template: str = "template0") -> str:
        cluster = localdb.ensure_running(CLUSTER)
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return cluster.url(name)

    def migrated_template(self) -> None:
        """An empty database the others are copied from, with the tables made from the models
        (bench/settings.py): once is enough."""
        url = self._create(TEMPLATE)
        self.manage(
            {**self.env, "DATABASE_URL": url}, "migrate", "--run-syncdb", "--noinput", "-v0"
        )

    def database(self, name: str, dossiers: int) -> dict:
        """A fresh database with ``dossiers`` dossiers; returns the generator's counts."""
        cluster = localdb.ensure_running(CLUSTER)
        env = {**self.env, "DATABASE_URL": self._create(name, TEMPLATE)}
        started = time.monotonic()
        counts = json.loads(
            self.manage(env, "bench_data", "--dossiers", str(dossiers), "--json")[-1]
        )
        counts["load_seconds"] = round(time.monotonic() - started, 1)
        with psycopg.connect(cluster.url(name)) as db:
            counts["postgresql"] = db.execute("SHOW server_version").fetchone()[0]
        counts["database_url"] = env["DATABASE_URL"]
        return counts

    def manage(self, env: dict, *command: str) -> list[str]:
        result = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{result.stderr}")
        return result.stdout.strip().splitlines()

    # Processes ----------------------------------------------------------------------------

    def start(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("w")
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def serve(self, database_url: str) -> dict:
        """gunicorn (and, when the machine has it, Redis and one worker process)."""
        env = {**self.env, "DATABASE_URL": database_url}
        if self.has_broker:
            self.start(
                "worker",
                ["scripts/entrypoint.sh", "worker"],
                {**env, "CELERY_CONCURRENCY": "1"},
            )
        port = _free_port()
        workers = 2 * (os.cpu_count() or 1) + 1  # gunicorn's own advice
        self.start(
            "web",
            ["scripts/entrypoint.sh", "web"],
            {**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)},
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if Visitor(port).request("GET", "/health/")[0] == 200:
                    return {"env": env, "port": port, "gunicorn_workers": workers}
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer; see {self.workdir / 'web.log'}")


# Measurements -----------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def server_times(log: Path, offset: int) -> dict[str, list[float]]:
    """Seconds gunicorn spent on each measured request logged after ``offset``, per page:
    the benchmark names its requests ``bench-<page>-<n>`` (X-Request-ID), and the access log
    carries that id."""
    times: dict[str, list[float]] = {}
    with log.open() as lines:
        lines.seek(offset)
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            request_id = entry.get("request_id", "")
            if entry.get("logger") == "gunicorn.access" and request_id.startswith("bench-"):
                page = request_id.removeprefix("bench-").rsplit("-", 1)[0]
                times.setdefault(page, []).append(int(entry["duration_us"]) / 1e6)
    return times


def measure_pages(
    pages: list[dict], visitors: dict[str, Visitor], requests: int, log: Path, warmup: int = 20
):
    """Round after round over all the pages, so a machine that speeds up or slows down during
    the run (a shared VM does) weighs on every page and on the baseline alike."""
    for page in pages:
        for _ in range(warmup):  # warm up every worker: caches, query plans, imports
            visitors[page["username"]].timed_get(page["path"])
    offset = log.stat().st_size
    statuses = {page["name"]: [] for page in pages}
    times = {page["name"]: [] for page in pages}
    for number in range(requests):
        for page in pages:
            tag = page["name"].replace("_", "-")
            status, seconds = visitors[page["username"]].timed_get(
                page["path"], request_id=f"bench-{tag}-{number}"
            )
            statuses[page["name"]].append(status)
            times[page["name"]].append(seconds)
    time.sleep(1)  # the access log line is written after the response
    server = server_times(log, offset)
    for page in pages:
        name, logged = page["name"], server.get(page["name"].replace("_", "-"), [])
        page.update(
            requests=requests,
            errors=sum(status != 200 for status in statuses[name]),
            median_ms=round(statistics.median(times[name]) * 1000, 1),
            p95_ms=round(percentile(times[name], 0.95) * 1000, 1),
            server_median_ms=round(statistics.median(logged) * 1000, 1) if logged else None,
            server_p95_ms=round(percentile(logged, 0.95) * 1000, 1) if logged else None,
        )


def concurrency(port: int, pool: list[dict], users: int, seconds: int, workdir: Path) -> dict:
    """locust, headless, on the pool of logged-in sessions; the aggregated figures."""
    pool_file = workdir / "pool.json"
    pool_file.write_text(json.dumps(pool))
    subprocess.run(
        [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(workdir / "locust"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_POOL": str(pool_file)},
        check=False,  # locust exits 1 when a request failed; the figures say so
        capture_output=True,
        timeout=seconds + 120,
    )
    with (workdir / "locust_stats.csv").open() as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    return {
        "users": users,
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "median_ms": _locust_ms(total["50%"]),
        "p95_ms": _locust_ms(total["95%"]),
        "per_page": {
            name: {"requests": int(row["Request Count"]), "p95_ms": _locust_ms(row["95%"])}
            for name, row in rows.items()
            if name != "Aggregated"
        },
    }


def _locust_ms(value: str) -> float:
    """Locust writes N/A when no request finished in the run: that is infinitely slow, so
    the report's check fails and says so, instead of the run stopping here."""
    return float("inf") if value == "N/A" else float(value)


def log_in_all(port: int, pool: list[dict]) -> dict[str, Visitor]:
    """A logged-in session (password and code) per user of the pool, a few at a time: each
    login hashes the password, which is slow on purpose."""

    def log_in(entry: dict) -> Visitor:
        visitor = Visitor(port)
        visitor.log_in(entry["username"], PASSWORD, TOTP_KEY)
        entry["cookies"] = visitor.cookies
        return visitor

    with ThreadPoolExecutor(max_workers=4) as executor:
        visitors = list(executor.map(log_in, pool))
    return {entry["username"]: visitor for entry, visitor in zip(pool, visitors, strict=True)}


def machine() -> dict:
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kilobytes = int(meminfo.read_text().split()[1])
        memory = f"{kilobytes / 1024 / 1024:.1f} GB"
    return {
        "cores": os.cpu_count(),
        "memory": memory,
        "cpu": _cpu_model(),
        "python": platform.python_version(),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def run(args: argparse.Namespace) -> dict:
    started = datetime.datetime.now(datetime.UTC)
    clock = time.monotonic()

    def say(line: str) -> None:
        print(f"bench [{time.monotonic() - clock:5.0f} s]: {line}", flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="inburgering-bench-"))
    bench = Bench(workdir)
    result: dict = {"started": started.isoformat(timespec="seconds"), "machine": machine()}
    try:
        say("making the tables, collecting the static files")
        bench.migrated_template()
        bench.manage(bench.env, "collectstatic", "--noinput", "-v0")  # pages use its manifest
        say(f"{args.compare} dossiers, for the query counts")
        small = bench.database("inburgering_bench_small", args.compare)
        small_env = {**bench.env, "DATABASE_URL": small["database_url"]}
        small_pages = json.loads(bench.manage(small_env, "bench_pages", "--regisseurs", "0")[-1])
        say(f"{args.dossiers} dossiers")
        large = bench.database("inburgering_bench", args.dossiers)
        large_env = {**bench.env, "DATABASE_URL": large["database_url"]}
        regisseurs = str(min(20, max(2, args.users // 2)))  # sessions for the concurrency run
        measured = json.loads(
            bench.manage(large_env, "bench_pages", "--regisseurs", regisseurs)[-1]
        )
        result["data"] = {"compare": _sizes(small), "measured": _sizes(large)}
        result["machine"]["postgresql"] = large["postgresql"]
        pages, pool = measured["pages"], measured["pool"]
        for page, compared in zip(pages, small_pages["pages"], strict=True):
            page["queries_compare"] = compared["queries"]

        say("starting gunicorn, Redis and the worker")
        served = bench.serve(large["database_url"])
        result["gunicorn_workers"] = served["gunicorn_workers"]
        say(f"logging in {len(pool)} users")
        visitors = log_in_all(served["port"], pool)
        say(f"{len(pages)} pages, {args.requests} requests each")
        measure_pages(pages, visitors, args.requests, workdir / "web.log", args.warmup)
        result["pages"] = pages
        say(f"{args.users} users for {args.seconds} s")
        result["concurrency"] = concurrency(served["port"], pool, args.users, args.seconds, workdir)
        say(f"the printed plan, {args.renders} times")
        pdf_command = ["bench_pdf", "--renders", str(args.renders)]
        if bench.has_broker:
            pdf_command.append("--worker")
        result["pdf"] = json.loads(bench.manage(served["env"], *pdf_command)[-1])
        say("a teamleider's batch of 200 dossiers to another regisseur")
        result["reassign"] = json.loads(bench.manage(large_env, "bench_reassign")[-1])
        say("the quarterly delivery of the largest gemeente, the monitor's first view")
        result |= first_views(bench, large_env)
        if args.growth > args.dossiers:  # a measured size that large needs no growth run
            say(f"{args.growth} dossiers, for how much each page grows")
            result["growth"] = grow(bench, args, workdir)
    finally:
        bench.stop_all()
        if not args.keep_database:
            localdb.stop(CLUSTER)  # the data stays on disk; `make bench` makes it anew
        result["seconds"] = round(
            (datetime.datetime.now(datetime.UTC) - started).total_seconds(), 1
        )
        result["logs"] = str(workdir)
    return result


def _sizes(counts: dict) -> dict:
    return {
        "dossiers": counts["dossiers"],
        "rows": sum(counts["rows"].values()),
        "history_rows": counts["history_rows"],
        "audit_events": counts["rows"].get("inburgering_auditevent", 0),
        "shares": counts["rows"].get("inburgering_deling", 0),
        "load_seconds": counts["load_seconds"],
        "generator_seconds": counts["seconds"],
        "monitor_refresh_seconds": counts["monitor_refresh_seconds"],
        "seed": counts["seed"],
        "today": counts["today"],
    }


def grow(bench: Bench, args: argparse.Namespace, workdir: Path) -> dict:
    """The same pages on a larger database, served beside the first (which idles): each
    page's median there, for its growth against the measured size, and its query count."""
    grown = bench.database("inburgering_bench_growth", args.growth)
    grown_env = {**bench.env, "DATABASE_URL": grown["database_url"]}
    listed = json.loads(bench.manage(grown_env, "bench_pages", "--regisseurs", "0")[-1])
    served = bench.serve(grown["database_url"])
    visitors = log_in_all(served["port"], listed["pool"])
    pages = listed["pages"]
    measure_pages(pages, visitors, args.growth_requests, workdir / "web.log", args.warmup)
    return {"data": _sizes(grown), "pages": pages, **first_views(bench, grown_env)}


def first_views(bench: Bench, env: dict) -> dict:
    """What is built before it is kept: the largest gemeente's quarterly delivery, and the
    monitor's figures on the first view after a renewal."""
    return {
        "delivery": json.loads(bench.manage(env, "bench_delivery")[-1]),
        "monitor_first_view": json.loads(bench.manage(env, "bench_monitor")[-1]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--compare", type=int, default=1_000, help="the size for query counts")
    parser.add_argument("--requests", type=int, default=200, help="per page, sequential")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests per page")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument(
        "--growth",
        type=int,
        default=100_000,
        help="then measure the pages again at this many dossiers (loading 100000 takes about "
        "10 minutes on 2 cores); 0, or no more than --dossiers, leaves it out",
    )
    parser.add_argument(
        "--growth-requests", type=int, default=50, help="per page, at the larger size"
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="leave the bench cluster running, to look into the data afterwards",
    )
    args = parser.parse_args(argv)
    result = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = result["started"].replace(":", "").replace("+0000", "Z")
    markdown = report.markdown(result)
    (args.out / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / f"{stem}.md").write_text(markdown)
    print(markdown)
    print(f"bench: written to {args.out / stem}.json and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
