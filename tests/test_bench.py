"""The benchmark never breaks silently: its data generator makes what the services would
make, the same for the same seed, and `make bench`'s runner works end to end at a small size."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Count, F, Max

from bench import report
from bench.data import MEASURED_PARTNER, generate
from inburgering import permissions
from inburgering.choices import Role
from inburgering.models import Deling, Inburgeraar, InburgeraarGroupObjectPermission, User
from intake.models import Bevinding
from pip_plans.models import PipVersie

pytestmark = pytest.mark.slow  # generates benchmark data and runs the benchmark

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 23)


def _snapshot() -> dict:
    """The generated data by natural keys (ids of staff come from sequences)."""
    dossiers = Inburgeraar.objects.order_by("bsn").values_list(
        "bsn", "surname", "given_names", "status", "doelgroep", "regisseur__username"
    )
    return {
        "dossiers": list(dossiers),
        "history": Inburgeraar.history.count(),
        "findings": Bevinding.objects.count(),
        "versions": PipVersie.objects.count(),
        "shares": sorted(Deling.objects.values_list("dossier__bsn", "organisatie__naam", "domein")),
    }


@pytest.mark.django_db
def test_the_generator_is_deterministic_for_a_seed_and_a_date():
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            generate(40, seed=7, today=TODAY, log=lambda line: None)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["dossiers"]) == 40
    with transaction.atomic():
        generate(40, seed=8, today=TODAY, log=lambda line: None)
        assert _snapshot()["dossiers"] != snapshots[0]["dossiers"]
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_generated_data_is_what_the_services_would_have_written():
    result = generate(200, today=TODAY, log=lambda line: None)

    # About 100 history rows and about 5 shares (ended ones included) per dossier.
    assert 80 <= result["history_rows"] / 200 <= 140
    made = Deling.history.filter(history_type="+").count()
    assert 3.5 <= made / 200 <= 7
    # Every dossier's newest history row is its current state.
    newest = Inburgeraar.history.values("id").annotate(last=Max("history_id"))
    last_status = dict(
        Inburgeraar.history.filter(history_id__in=[row["last"] for row in newest]).values_list(
            "id", "status"
        )
    )
    assert last_status == dict(Inburgeraar.objects.values_list("pk", "status"))
    # Every finding per leefgebied once, and a plan version at most one concept.
    assert (
        not Bevinding.objects.values("intake", "leefgebied").annotate(n=Count("pk")).filter(n__gt=1)
    )
    # A share is a guardian permission; an ended share has neither.
    assert set(Deling.objects.values_list("view_permission", flat=True)) <= set(
        InburgeraarGroupObjectPermission.objects.values_list("pk", flat=True)
    )
    ended = Deling.history.filter(history_type="-").values_list("id", flat=True)
    assert not Deling.objects.filter(pk__in=ended).exists()
    # The policy sees the data: the measured partner's list is its valid shares.
    partner = User.objects.filter(organisatie__naam=MEASURED_PARTNER).first()
    valid = Deling.objects.filter(organisatie=partner.organisatie, valid_until__gte=TODAY)
    assert permissions.shared_with(partner).count() == valid.values("dossier").distinct().count()
    # A regisseur has about 200 dossiers at full size; here the caseloads split the 200 but
    # for the few new ones in the team's queue. A dossier is in its team's gemeente.
    regisseurs = User.objects.filter(groups__name=Role.REGISSEUR)
    queued = Inburgeraar.objects.filter(regisseur=None)
    assert 0 < queued.count() < 20
    assert set(queued.values_list("status", flat=True)) == {"aangemeld"}
    visible = sum(permissions.dossiers_visible_to(r).count() for r in regisseurs)
    assert visible == 200 - queued.count()
    assert not Inburgeraar.objects.exclude(gemeente=F("team__gemeente")).exists()


@pytest.mark.timeout(600)
def test_make_bench_runs_end_to_end_at_a_small_size(tmp_path):
    """The runner as `make bench` starts it, with a few hundred dossiers and short runs."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            *("--dossiers", "150", "--compare", "50", "--requests", "3", "--warmup", "3"),
            *("--growth", "0"),  # the growth run is unit-tested on its report below
            *("--users", "5", "--seconds", "5", "--renders", "2", "--out", str(tmp_path)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    (report,) = tmp_path.glob("*.json")
    result = json.loads(report.read_text())
    assert result["data"]["measured"]["dossiers"] == 150
    assert result["data"]["compare"]["dossiers"] == 50
    assert len(result["pages"]) == 14
    for page in result["pages"]:
        assert page["errors"] == 0, page
        assert page["queries"] == page["queries_compare"], page
        assert page["median_ms"] > 0 and page["server_median_ms"] > 0
    assert result["concurrency"]["requests"] > 0
    assert result["concurrency"]["errors"] == 0
    assert result["pdf"]["render"]["count"] == 2
    assert result["pdf"]["pages"] >= 2
    assert result["pdf"]["letter"]["count"] == 2 and result["pdf"]["letter"]["median_s"] > 0
    markdown = (tmp_path / report.name.replace(".json", ".md")).read_text()
    assert markdown in finished.stdout
    assert markdown.count("| met |") + markdown.count("| **not met** |") == 11
    assert result["reassign"]["dossiers"] > 0 and result["reassign"]["median_s"] > 0
    assert result["delivery"]["records"] > 0 and result["delivery"]["median_s"] > 0
    assert len(result["monitor_first_view"]["ms"]) == 5
    assert "The monitor's first view after a renewal under 500 ms at 150 dossiers" in markdown


def test_the_report_judges_each_pages_growth_to_the_larger_size():
    """`--growth` measures the pages again on a larger database (a long run, so not here):
    the report compares each page with itself and its query count with the measured one."""

    def page(name, ms, queries=5):
        return {
            "name": name,
            "title": name,
            "server_median_ms": ms,
            "queries": queries,
            "errors": 0,
            "requests": 50,
        }

    delivery = {"records": 42_917, "gemeente": "Amsterdam", "quarter": "2026-K3", "median_s": 9.8}
    result = {
        "data": {"measured": {"dossiers": 10_000}},
        "pages": [page("admin_changelist", 60), page("dossier", 100), page("monitor", 200)],
        "growth": {
            "data": {"dossiers": 100_000, "generator_seconds": 1500, "monitor_refresh_seconds": 9},
            "pages": [
                page("admin_changelist", 66),
                page("dossier", 140, queries=6),
                page("monitor", 320),
            ],
            "delivery": delivery,
            "monitor_first_view": {"median_ms": 512.5},
        },
    }
    grows, counts, monitor, built = report.growth_targets(result)
    assert monitor == (
        "The monitor's first view after a renewal under 500 ms at 100,000 dossiers",
        False,
        "median 512.5 ms (in-process, cache emptied)",
    )
    assert built == (
        "The quarterly delivery of the largest gemeente built in under 30 s at 100,000 dossiers",
        True,
        "42,917 records of Amsterdam, 2026-K3: median 9.8 s",
    )
    assert grows == (
        "No page grows more than 1.5x from 10,000 to 100,000 dossiers",
        False,
        "most: monitor 1.60x",
    )
    assert counts == ("Query counts identical at 100,000 dossiers", False, "changed: dossier")
    table = "\n".join(report.growth_table(result))
    assert "| dossier | 6 | 140 | 1.40 | 2.12 | 0 |" in table
