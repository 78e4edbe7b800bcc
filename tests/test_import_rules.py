"""Imports follow the architecture: the core imports no app, and only the benchmark and the
tests import the benchmark (design.md: data flows one way; bench/ is dev-only)."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts manage.py twice

ROOT = Path(__file__).resolve().parent.parent
APPS = ("intake", "pip_plans", "voortgang")


def _imports(path: Path) -> set[str]:
    """The top-level package of every module the file imports."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _python_files(*folders: str):
    for folder in folders:
        yield from (p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts)


def test_the_core_imports_no_app_and_no_dev_tool():
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & {*APPS, "bench"})
        for path in _python_files("inburgering")
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_only_the_benchmark_and_the_tests_import_the_benchmark():
    folders = ["inburgering", *APPS, "scripts"]
    offenders = [
        str(path.relative_to(ROOT)) for path in _python_files(*folders) if "bench" in _imports(path)
    ]
    offenders += [name for name in ("manage.py",) if "bench" in _imports(ROOT / name)]
    assert not offenders


def test_production_settings_list_no_benchmark_command():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inburgering.settings.production",
        "SECRET_KEY": "import-rules-test",
        "CELERY_BROKER_URL": "memory://",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    listed = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "migrate" in listed
    assert not [command for command in listed if command.startswith("bench")]
    dev = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env={k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "bench_data" in dev  # the control: the dev settings do install it
