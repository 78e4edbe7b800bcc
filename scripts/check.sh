#!/usr/bin/env bash
# `make check`: the static checks CI runs before the tests (lint, format, migrations, bandit).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "check: ruff, migrations, bandit" >&2
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
# Without a reachable database Django only warns that it skipped the history check.
.venv/bin/python -W ignore manage.py makemigrations --check --dry-run >/dev/null
.venv/bin/bandit --quiet --configfile pyproject.toml --recursive . --severity-level high
