"""The benchmark's processes: production settings plus the baseline admin site's URLs."""

from .production import *  # noqa: F403

ROOT_URLCONF = "inburgering.bench.urls"
