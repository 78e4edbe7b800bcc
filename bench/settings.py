"""The benchmark's processes: production settings, plus this app (its management commands) and
the baseline admin site's URLs. Nothing in production imports the benchmark."""

from inburgering.settings.production import *  # noqa: F403
from inburgering.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
