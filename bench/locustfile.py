"""The concurrency run's users: regisseurs, partners and privacy officers on their own pages,
with logged-in sessions the benchmark made (``BENCH_POOL``). Pages are grouped by kind in the
statistics; a redirect (to the login page, say) counts as an error."""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

POOL = json.loads(open(os.environ["BENCH_POOL"]).read())  # noqa: SIM115 (read once at start)
SESSIONS = {
    kind: itertools.cycle([entry for entry in POOL if entry["kind"] == kind])
    for kind in ("regisseur", "partner", "privacy")
}
GROUPS = [
    (re.compile(r"^/dossiers/$"), "caseload"),
    (re.compile(r"^/werkvoorraad/$"), "worklist"),
    (re.compile(r"^/agenda/$"), "week"),
    (re.compile(r"^/gedeeld/$"), "partner list"),
    (re.compile(r"^/dossiers/\d+/plan/$"), "plan"),
    (re.compile(r"^/dossiers/\d+/$"), "dossier"),
    (re.compile(r"^/privacy/dossiers/\d+/$"), "privacy timeline"),
]


def _group(path: str) -> str:
    return next(name for pattern, name in GROUPS if pattern.match(path))


class _SessionUser(HttpUser):
    abstract = True
    kind = ""
    wait_time = between(0.5, 2)  # a person reading the page before the next click

    def on_start(self):
        entry = next(SESSIONS[self.kind])
        self.paths = entry["paths"]
        self.client.cookies.update(entry["cookies"])
        self.client.headers["X-Forwarded-Proto"] = "https"

    def open(self, path: str):
        with self.client.get(
            path, name=_group(path), allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Regisseur(_SessionUser):
    weight = 6
    kind = "regisseur"

    @task(3)
    def caseload(self):
        self.open(self.paths[0])

    @task(2)
    def worklist(self):
        self.open(self.paths[1])

    @task(1)
    def week(self):
        self.open(self.paths[2])

    @task(5)
    def dossier_or_plan(self):
        self.open(random.choice(self.paths[3:]))


class Partner(_SessionUser):
    weight = 3
    kind = "partner"

    @task(1)
    def shared_list(self):
        self.open(self.paths[0])

    @task(2)
    def dossier(self):
        self.open(random.choice(self.paths[1:]))


class PrivacyOfficer(_SessionUser):
    weight = 1
    kind = "privacy"

    @task
    def timeline(self):
        self.open(random.choice(self.paths))
