"""The benchmark's report: its figures as a Markdown table, and each target met or not."""

from __future__ import annotations

from pathlib import Path

BASELINE = "admin_changelist"  # the page the others are compared with
FIXES = Path(__file__).resolve().parent / "fixes.md"
PAGE_MEDIAN_MS = 30
BASELINE_RATIO = 1.25  # issue 21 (the developers' guide asks 1.5 and aims at 1.25)
CONCURRENT_P95_MS = 300
PDF_MEDIAN_S = 0.5
LETTER_MEDIAN_S = 0.5  # issue 19: a two-language letter
REASSIGN_MEDIAN_S = 2
MONITOR_SERVER_MS = 500  # issue 20: the monitor, at 100,000 dossiers too
DELIVERY_BUILD_S = 30  # issue 20: the largest gemeente's quarterly delivery
GROWTH_RATIO = 1.5  # issue 21: no page grows more from the measured size to the larger one


def _server(page: dict) -> float:
    """The page's median server time (gunicorn's), or the client's when the log had none."""
    return page["server_median_ms"] if page["server_median_ms"] is not None else page["median_ms"]


def targets(result: dict) -> list[tuple[str, bool, str]]:
    """(target, met, measured) for each of the issue's targets."""
    pages = result["pages"]
    baseline = next(page for page in pages if page["name"] == BASELINE)
    measured = [page for page in pages if page["name"] != BASELINE]
    slowest = max(measured, key=_server)
    worst_ratio = max(measured, key=lambda page: _server(page) / _server(baseline))
    changed = [page["name"] for page in pages if page["queries"] != page["queries_compare"]]
    errors = sum(page["errors"] for page in pages)
    run = result["concurrency"]
    pdf = result["pdf"]["render"]
    letter = result["pdf"]["letter"]
    reassign = result["reassign"]
    monitor = next(page for page in pages if page["name"] == "monitor")
    sizes = result["data"]
    checks = [
        (
            f"Every page under {PAGE_MEDIAN_MS} ms median server time",
            _server(slowest) < PAGE_MEDIAN_MS,
            f"slowest: {slowest['name']} {_server(slowest)} ms",
        ),
        (
            f"Every page within {BASELINE_RATIO}x the admin baseline's median",
            _server(worst_ratio) <= BASELINE_RATIO * _server(baseline),
            f"highest: {worst_ratio['name']} {_server(worst_ratio) / _server(baseline):.2f}x "
            f"(baseline {_server(baseline)} ms)",
        ),
        (
            f"Query counts identical at {sizes['compare']['dossiers']:,} and "
            f"{sizes['measured']['dossiers']:,} dossiers",
            not changed,
            "identical" if not changed else "changed: " + ", ".join(changed),
        ),
        ("No errors in the sequential runs", errors == 0, f"{errors} errors"),
        (
            f"{run['users']} concurrent users: 0 errors, p95 under {CONCURRENT_P95_MS} ms",
            run["errors"] == 0 and run["p95_ms"] < CONCURRENT_P95_MS,
            f"{run['errors']} errors, p95 {run['p95_ms']:.0f} ms",
        ),
        (
            f"A {result['pdf']['pages']}-page PIP PDF: median under {PDF_MEDIAN_S} s",
            pdf["median_s"] < PDF_MEDIAN_S,
            f"median {pdf['median_s']} s",
        ),
        (
            f"A two-language letter PDF (Dutch and Arabic): median under {LETTER_MEDIAN_S} s",
            letter["median_s"] < LETTER_MEDIAN_S,
            f"median {letter['median_s']} s",
        ),
        (
            f"Moving {reassign['dossiers']} dossiers to another regisseur: under "
            f"{REASSIGN_MEDIAN_S} s",
            reassign["median_s"] < REASSIGN_MEDIAN_S,
            f"median {reassign['median_s']} s",
        ),
        (
            f"The monitor under {MONITOR_SERVER_MS} ms median server time",
            _server(monitor) < MONITOR_SERVER_MS,
            f"median {_server(monitor)} ms",
        ),
        *first_view_targets(result, f"{sizes['measured']['dossiers']:,}"),
    ]
    if "growth" in result:
        checks += growth_targets(result)
    return checks


def first_view_targets(result: dict, size: str) -> list[tuple[str, bool, str]]:
    """What is built before it is kept, at one size: the quarterly delivery of the largest
    gemeente, and the monitor's figures on the first view after a renewal (in-process)."""
    delivery, monitor = result["delivery"], result["monitor_first_view"]
    return [
        (
            f"The monitor's first view after a renewal under {MONITOR_SERVER_MS} ms at "
            f"{size} dossiers",
            monitor["median_ms"] < MONITOR_SERVER_MS,
            f"median {monitor['median_ms']} ms (in-process, cache emptied)",
        ),
        (
            f"The quarterly delivery of the largest gemeente built in under {DELIVERY_BUILD_S} s "
            f"at {size} dossiers",
            delivery["median_s"] < DELIVERY_BUILD_S,
            f"{delivery['records']:,} records of {delivery['gemeente']}, {delivery['quarter']}: "
            f"median {delivery['median_s']} s",
        ),
    ]


def growth(result: dict) -> list[tuple[dict, dict]]:
    """Each page at the measured size beside the same page at the larger size."""
    larger = {page["name"]: page for page in result["growth"]["pages"]}
    return [(page, larger[page["name"]]) for page in result["pages"] if page["name"] in larger]


def growth_table(result: dict) -> list[str]:
    size = result["growth"]["data"]
    lines = [
        "",
        f"## Growth to {size['dossiers']:,} dossiers ({result['growth']['pages'][0]['requests']} "
        f"requests each; data loaded in {size['generator_seconds']} s, monitor renewed in "
        f"{size['monitor_refresh_seconds']} s)",
        "",
        "| Page | Queries | Server median ms | × at the measured size | × baseline | Errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    baseline = next(page for page in result["growth"]["pages"] if page["name"] == BASELINE)
    for page, grown in growth(result):
        lines.append(
            f"| {page['title']} | {grown['queries']} | {_server(grown)} | "
            f"{_server(grown) / _server(page):.2f} | {_server(grown) / _server(baseline):.2f} | "
            f"{grown['errors']} |"
        )
    return lines


def growth_targets(result: dict) -> list[tuple[str, bool, str]]:
    pairs = growth(result)
    worst = max(pairs, key=lambda pair: _server(pair[1]) / _server(pair[0]))
    changed = [page["name"] for page, grown in pairs if page["queries"] != grown["queries"]]
    size = f"{result['growth']['data']['dossiers']:,}"
    return [
        (
            f"No page grows more than {GROWTH_RATIO}x from "
            f"{result['data']['measured']['dossiers']:,} to {size} dossiers",
            _server(worst[1]) <= GROWTH_RATIO * _server(worst[0]),
            f"most: {worst[0]['name']} {_server(worst[1]) / _server(worst[0]):.2f}x",
        ),
        (
            f"Query counts identical at {size} dossiers",
            not changed,
            "identical" if not changed else "changed: " + ", ".join(changed),
        ),
        *first_view_targets(result["growth"], size),
    ]


def markdown(result: dict) -> str:
    machine, sizes = result["machine"], result["data"]
    baseline = next(page for page in result["pages"] if page["name"] == BASELINE)
    lines = [
        f"# Benchmark {result['started']}",
        "",
        f"Machine: {machine['cores']} cores ({machine['cpu']}), {machine['memory']} memory, "
        f"Python {machine['python']}, PostgreSQL {machine['postgresql']}; gunicorn with "
        f"{result['gunicorn_workers']} sync workers and production settings.",
        "",
        "| Data | Dossiers | Rows | History rows | Audit events | Shares (live) | Load | "
        "Monitor renewal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, size in (("measured", sizes["measured"]), ("query-count check", sizes["compare"])):
        lines.append(
            f"| {label} | {size['dossiers']:,} | {size['rows']:,} | {size['history_rows']:,} | "
            f"{size['audit_events']:,} | {size['shares']:,} | {size['generator_seconds']} s | "
            f"{size['monitor_refresh_seconds']} s |"
        )
    lines += [
        "",
        f"## Pages ({result['pages'][0]['requests']} sequential requests each, in rounds over "
        "all pages)",
        "",
        f"| Page | User | Queries ({sizes['compare']['dossiers']:,}) | "
        f"Queries ({sizes['measured']['dossiers']:,}) | Server median ms | Server p95 ms | "
        "Client median ms | Client p95 ms | × baseline | Errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in result["pages"]:
        lines.append(
            f"| {page['title']} | {page['username']} | {page['queries_compare']} | "
            f"{page['queries']} | {page['server_median_ms']} | {page['server_p95_ms']} | "
            f"{page['median_ms']} | {page['p95_ms']} | "
            f"{_server(page) / _server(baseline):.2f} | {page['errors']} |"
        )
    if "growth" in result:
        lines += growth_table(result)
    run = result["concurrency"]
    lines += [
        "",
        f"## Concurrency ({run['users']} users, {run['seconds']} s, locust)",
        "",
        f"{run['requests']:,} requests, {run['requests_per_second']} per second, "
        f"median {run['median_ms']:.0f} ms, p95 {run['p95_ms']:.0f} ms, {run['errors']} errors.",
        "",
        "| Page kind | Requests | p95 ms |",
        "|---|---:|---:|",
    ]
    for name, figures in sorted(run["per_page"].items()):
        lines.append(f"| {name} | {figures['requests']:,} | {figures['p95_ms']:.0f} |")
    pdf = result["pdf"]
    lines += [
        "",
        "## Printed plan",
        "",
        f"A {pdf['pages']}-page PIP rendered {pdf['render']['count']} times in one process: "
        f"median {pdf['render']['median_s']} s, p95 {pdf['render']['p95_s']} s.",
        f"A two-language letter (Dutch and Arabic) rendered {pdf['letter']['count']} times: "
        f"median {pdf['letter']['median_s']} s, p95 {pdf['letter']['p95_s']} s.",
    ]
    if "worker" in pdf:
        worker = pdf["worker"]
        lines.append(
            f"One Celery worker process made {worker['ready']} of {worker['requested']} "
            f"requested plans in {worker['seconds']} s: {worker['per_minute']} PDFs per minute."
        )
    else:
        lines.append("Worker throughput not measured: the machine has no redis-server.")
    lines += ["", "## Targets", "", "| Target | Met | Measured |", "|---|---|---|"]
    for target, met, measured in targets(result):
        lines.append(f"| {target} | {'met' if met else '**not met**'} | {measured} |")
    lines += ["", f"The run took {result['seconds']} s.", ""]
    if FIXES.exists():  # the record of earlier findings travels with every report
        lines += [FIXES.read_text().replace("# What", "## What", 1)]
    return "\n".join(lines)
