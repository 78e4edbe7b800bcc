#!/usr/bin/env bash
# `make run`: the app with demo data on the project's own PostgreSQL, on 127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
# The test of this script runs beside other test workers that import from .venv: the suite's
# own set-up has synced it, and a second sync there must not touch it while they run.
[ -n "${INBURGERING_SKIP_BOOTSTRAP:-}" ] || scripts/bootstrap.sh
scripts/ensure-system-packages.sh fonts
PY=.venv/bin/python
if [ -z "${DATABASE_URL:-}" ]; then
  "$PY" scripts/localdb.py start dev --database inburgering >/dev/null
fi
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py demo_data
echo
echo "Serving on http://127.0.0.1:8000/  (stop with Ctrl-C; 'make stop' stops the database)"
exec "$PY" manage.py runserver "${RUN_ADDRESS:-127.0.0.1:8000}"
