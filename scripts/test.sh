#!/usr/bin/env bash
# `make test`: the same set-up as `make run`, the browser, the static checks, then the whole
# pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/ensure-system-packages.sh
scripts/check.sh
# An inherited broker would make the in-process test worker wait forever.
unset CELERY_BROKER_URL
status=0
# One worker per core, each with its own test database; a module stays on one worker, so
# module-scoped fixtures (the browser, the production stack) start once. Files go out in
# collection order, the longest first (tests/conftest.py: LONG_FILES_FIRST).
.venv/bin/python -m pytest -n auto --dist loadfile --no-loadscope-reorder "$@" || status=$?
if [ -z "${DATABASE_URL:-}" ]; then
  .venv/bin/python scripts/localdb.py stop test || true
fi
exit "$status"
