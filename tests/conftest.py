"""Shared fixtures: a gemeente with a team, its regisseurs and a teamleider; query counts."""

import contextlib
import datetime
import difflib
import re
import time
import zoneinfo

import factory.random
import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.browser import browser, page  # noqa: F401 (fixtures for the browser tests)

# The files that take longest, longest first (measured on 2 cores). `make test` hands whole
# files to the xdist workers in collection order (--no-loadscope-reorder; by default xdist puts
# the files with most tests first, which left these few-test long files for the end, one
# worker idle while the other finished them); the short files then fill in around them.
LONG_FILES_FIRST = (
    "test_production_shape.py",  # about 140 s, its stack's start included
    "test_leak_sweep.py",
    "test_bench.py",
    "test_numeric_input.py",
    "test_make_run.py",
    "test_demo_data.py",  # the demo region, with every demo dossier's export
    "test_export_every_field.py",
    "test_form_fuzzing.py",
    "test_browser_team.py",
    "test_browser_journey.py",
    "test_browser_plan.py",
    "test_browser_dossier_life.py",
    "test_browser_person_side.py",
    "test_browser_bezwaar.py",
    "test_browser_voortgang.py",
    "test_browser_intake.py",
    "test_browser_sharing.py",
    "test_browser_privacy.py",
    "test_browser_closing.py",
    "test_browser_two_factor.py",
    "test_url_rules.py",
    "test_handover_received.py",
)


# The suite's clock: 10:00 in the municipalities' time zone on the day the run starts, ticking.
# Tests take "today" when their module is imported and the code under test when it runs; a run
# that started at 23:55 once crossed midnight halfway and 16 tests saw two different days.
SUITE_ZONE = zoneinfo.ZoneInfo("Europe/Amsterdam")
SUITE_TIME = datetime.time(10, 0)


class SuiteClock:
    """Starts at SUITE_TIME on the run's day; can stand aside for tests whose server runs in
    another process on the real clock (a second-factor code must be of the server's time)."""

    def __init__(self, day: datetime.date):
        self.start_at = datetime.datetime.combine(day, SUITE_TIME, tzinfo=SUITE_ZONE)
        self.started = time.monotonic()  # not moved by time-machine
        self.traveller = None

    def run(self) -> None:
        elapsed = time.monotonic() - self.started
        self.traveller = time_machine.travel(
            self.start_at + datetime.timedelta(seconds=elapsed), tick=True
        )
        self.traveller.start()

    def stand_aside(self) -> None:
        self.traveller.stop()


def pytest_configure(config):
    workerinput = getattr(config, "workerinput", None)  # an xdist worker gets the controller's day
    day = (
        datetime.date.fromisoformat(workerinput["suite_day"])
        if workerinput
        else datetime.datetime.now(SUITE_ZONE).date()
    )
    config.suite_clock = SuiteClock(day)
    config.suite_clock.run()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    node.workerinput["suite_day"] = node.config.suite_clock.start_at.date().isoformat()


@pytest.fixture(autouse=True, scope="module")
def _real_clock_for_servers_apart(request):
    """Modules marked `real_clock` talk to a server in another process: they run on real time."""
    if request.node.get_closest_marker("real_clock") is None:
        yield
        return
    request.config.suite_clock.stand_aside()
    yield
    request.config.suite_clock.run()


def pytest_collection_modifyitems(items):
    rank = {name: index for index, name in enumerate(LONG_FILES_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable within a file


@pytest.fixture(autouse=True)
def _same_names_every_run(request):
    """Factories draw names from Faker; seeded by the test's id, each test gets the same names
    on every run and on whichever worker, so a name that trips a test trips it every time."""
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one test kept never answers another's."""
    cache.clear()


@pytest.fixture
def client():
    """Django's test client, with force_login completing the second factor too."""
    return factories.VerifiedClient()


@pytest.fixture
def team(db):
    return factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Leiden"))


@pytest.fixture
def regisseur(team):
    return factories.regisseur(team, username="sanne")


@pytest.fixture
def other_regisseur(team):
    return factories.regisseur(team, username="youssef")


@pytest.fixture
def teamleider(team):
    return factories.teamleider(team, username="marieke")


@pytest.fixture
def dossier(regisseur, team):
    return factories.InburgeraarFactory(team=team, regisseur=regisseur)


@pytest.fixture
def regisseur_client(client, regisseur):
    client.force_login(regisseur)
    return client


def _shapes(statements: list[str]) -> list[str]:
    """The statements without their values, so a diff shows the added or missing queries."""
    return [re.sub(r"\d+", "N", re.sub(r"'[^']*'", "?", sql)) for sql in statements]


class CapturedQueries:
    """The SQL statements one block ran, in order (``response``: the page, for ``get``)."""

    def __init__(self):
        self.sql: list[str] = []
        self.response = None

    def __len__(self) -> int:
        return len(self.sql)

    def listing(self) -> str:
        return "\n".join(f"{number:3}. {sql}" for number, sql in enumerate(self.sql, 1))


class QueryCounter:
    """Counts a page's database queries; a failure lists the SQL, so the extra query shows.

    Pages run a fixed number of queries however much data they show
    (docs/architecture.md, "Performance"): measure a page with little data, add data, measure
    again and ``assert_same_count``; ``assert_at_most`` bounds a count.
    """

    @contextlib.contextmanager
    def capture(self):
        captured = CapturedQueries()
        with CaptureQueriesContext(connection) as context:
            yield captured
        captured.sql = [query["sql"] for query in context.captured_queries]

    def get(self, client, url: str, **params) -> CapturedQueries:
        """The queries of one GET of ``url``, which must answer 200."""
        with self.capture() as captured:
            captured.response = client.get(url, params)
        assert captured.response.status_code == 200, (url, captured.response.status_code)
        return captured

    def assert_same_count(self, expected: CapturedQueries, actual: CapturedQueries) -> None:
        if len(actual) == len(expected):
            return
        diff = difflib.unified_diff(
            _shapes(expected.sql), _shapes(actual.sql), "before", "now", n=1, lineterm=""
        )
        pytest.fail(
            f"{len(actual)} queries, expected the same {len(expected)} as before "
            "(the SQL that differs, with its values as ? and its numbers as N):\n" + "\n".join(diff)
        )

    def assert_at_most(self, captured: CapturedQueries, limit: int) -> None:
        if len(captured) > limit:
            pytest.fail(f"{len(captured)} queries, at most {limit} expected:\n{captured.listing()}")


@pytest.fixture
def queries(db):
    """Capture and compare query counts: see ``QueryCounter``."""
    return QueryCounter()


@pytest.fixture
def registration_data(team):
    """What the registration form posts for a new dossier."""
    return {
        "team": team.pk,
        "bsn": "111 222 333",
        "given_names": "Semhar",
        "surname": "Tesfamariam",
        "date_of_birth": "1994-02-11",
        "nationality": "ER",
        "languages": ["ti", "ar"],
        "doelgroep": "asielstatushouder",
        "verblijfsvergunning": "asiel",
        "datum_start_inburgeringsplicht": "2025-03-01",
        "datum_koppeling": "2025-03-15",
    }
