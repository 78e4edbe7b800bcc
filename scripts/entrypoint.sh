#!/usr/bin/env bash
# One source for the production process commands: docker-compose.yml and the tests use these.
set -euo pipefail
role="${1:-web}"
case "$role" in
  web)
    python manage.py migrate --noinput
    # --preload: the app is imported once, before the workers fork (they share its memory and
    # start at once); a new release restarts the container, so HUP reloading is not needed.
    exec gunicorn inburgering.wsgi:application --preload \
      --bind "0.0.0.0:${PORT:-8000}" --workers "${WEB_CONCURRENCY:-3}" \
      --access-logfile - --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
      --access-logformat '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", "status": "%(s)s", "duration_us": "%(D)s", "request_id": "%({x-request-id}o)s"}'
    ;;
  worker)
    exec celery -A inburgering worker --loglevel "${LOG_LEVEL:-INFO}" \
      --concurrency "${CELERY_CONCURRENCY:-2}"
    ;;
  beat)
    exec celery -A inburgering beat --loglevel "${LOG_LEVEL:-INFO}" \
      --schedule "${CELERY_BEAT_SCHEDULE_FILE:-/tmp/celerybeat-schedule}"
    ;;
  healthcheck)
    # As the proxy would ask: the first allowed host, over HTTPS (no redirect to follow).
    exec python - <<'PY'
import os
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
port = os.environ.get("PORT", "8000")
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/health/",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
urllib.request.urlopen(request, timeout=5)  # raises (non-zero exit) on 503 or no answer
PY
    ;;
  *)
    exec "$@"
    ;;
esac
