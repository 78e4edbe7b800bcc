#!/usr/bin/env bash
# `make bench`: the benchmark at municipality scale (bench/run.py), after the same
# set-up as `make test`. Arguments go to the benchmark, e.g. `make bench BENCH_ARGS="--dossiers 1000"`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/ensure-system-packages.sh
unset CELERY_BROKER_URL
exec .venv/bin/python -m bench.run "$@"
