"""The benchmark's processes: production settings, plus this app (its management commands) and
the baseline admin site's URLs. Nothing in production imports the benchmark.

Its databases are made from the models (``migrate --run-syncdb``), as the test suite's are:
the same tables, indexes and constraints in 7 s instead of 22 (``make check`` fails when the
migrations and the models differ)."""

import os
from pathlib import Path

from inburgering.settings.production import *  # noqa: F403
from inburgering.settings.production import INSTALLED_APPS, STATIC_ROOT, STORAGES

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"

# The pages name their static files through the manifest; the benchmark requests no static
# file, so it leaves out compressing them (10 s), in a folder of the run's own.
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT))
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# The users of the concurrency run log in before the page rounds; at 100,000 dossiers the
# rounds last longer than half an hour, and an idle session would end before the run starts.
SESSION_IDLE_SECONDS = SESSION_ABSOLUTE_SECONDS  # noqa: F405


class _NoMigrations(dict):
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = _NoMigrations()
