"""Tests: a throwaway PostgreSQL cluster of the project's own, a real in-memory Celery broker.

CELERY_BROKER_URL is dropped from the environment: Celery prefers it over settings, and an
inherited production broker would make the test worker wait forever.
"""

import os
import tempfile
from pathlib import Path

os.environ.pop("CELERY_BROKER_URL", None)
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from .dev import *  # noqa: F403
from .dev import database, env

DEBUG = False
if "DATABASE_URL" not in os.environ:
    from scripts import localdb

    DATABASES = {
        "default": database(env.db_url_config(localdb.ensure_running("test").url("inburgering")))
    }

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="inburgering-private-"))
