"""Local development: the project's own PostgreSQL cluster unless DATABASE_URL is set.

Without a broker, Celery tasks run in-process so that `make run` needs no Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-secret-key-never-use-in-production-0123456789")

from .base import *  # noqa: F403
from .base import database, env

DEBUG = env.bool("DEBUG", default=True)
# The benchmark (top-level `bench/`, dev-only) brings its management commands.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

if "DATABASE_URL" not in os.environ:
    from scripts import localdb

    DATABASES = {"default": database(env.db_url_config(localdb.cluster("dev").url("inburgering")))}

CELERY_TASK_ALWAYS_EAGER = "CELERY_BROKER_URL" not in os.environ

# No collectstatic outside production: WhiteNoise serves straight from the source folders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
