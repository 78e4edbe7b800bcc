"""Settings shared by every environment; values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from inburgering.numbers import parse_int

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "inburgering.apps.InburgeringAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "guardian",
    "simple_history",
    "inburgering.apps.InburgeringConfig",
    "intake",
    "pip_plans",
    "voortgang",
]

MIDDLEWARE = [
    "inburgering.web.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inburgering.privacy.audit.AuditMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "inburgering.web.request_log.UserIdMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "inburgering.accounts.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a lockout into the Dutch page
]

ROOT_URLCONF = "inburgering.urls"
WSGI_APPLICATION = "inburgering.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inburgering.web.context_processors.navigation",
                "inburgering.web.context_processors.waarneming",
            ],
        },
    },
]

# PostgreSQL's JIT compiles a plan whose estimated cost is high; for the monitor's and the
# quarterly delivery's many small correlated subqueries compiling took seconds where running
# took milliseconds (docs/decisions/0028-no-jit.md). Off for every connection of the app.
# Parameters are bound by the server, so a statement's text is the same whatever its values
# and psycopg prepares it on its second run in a session: PostgreSQL plans it once per
# connection instead of on every request (docs/decisions/0032-prepared-statements.md).
DATABASE_OPTIONS = {
    "options": "-c jit=off",
    "server_side_binding": True,
    "prepare_threshold": 2,
}
PREPARED_STATEMENTS_MAX = 500  # per connection (``inburgering.database.keep_prepared``)


def database(config: dict) -> dict:
    """A DATABASES entry from a parsed URL, with the app's connection options."""
    return {**config, "OPTIONS": {**config.get("OPTIONS", {}), **DATABASE_OPTIONS}}


DATABASES = {
    "default": database(
        env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/inburgering")
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "inburgering.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account before the rest
    "inburgering.accounts.backends.UserBackend",  # Django's ModelBackend, one query per request
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # sends each role to its own start page
LOGOUT_REDIRECT_URL = "login"

# Guardian: no anonymous user row; partners get permissions through their organisation's group.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="inburgering@localhost")
# The address users reach the app at, for links in emails sent outside a request.
SITE_URL = env("SITE_URL", default="http://localhost:8000")

# A session ends after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS
# after the login whatever happens (inburgering/accounts/sessions.py).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
# Database sessions that know their user, so deactivating an account deletes its sessions.
SESSION_ENGINE = "inburgering.accounts.session_store"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere; the QR code is inline SVG markup, not an image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Two-factor login (inburgering/accounts/two_factor.py) and the lockout after failed passwords.
OTP_TOTP_ISSUER = "Inburgering"
# Admin never shows an app's secret key or QR code (and its pages for them answered 500
# for an unknown device).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # an account, and an address trying many
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # logins are in the audit log already
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False

# The cache holds only figures that are the same for everyone who may see them (the monitor's,
# keyed on the read model's renewal); per process by default, shared through Redis in the
# production shape (CACHE_URL=redis://redis:6379/1).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Celery: broker from the environment; the daily jobs run from beat.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged task (its worker died) to another worker after this long; it
# must be longer than any task runs or waits for its retry.
# Workers look for such tasks every 10 s (kombu's default looks only every 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
    "unacked_restore_throttle": 1,
}
# Long PDF renders: a task is acknowledged only when done (a killed worker's task runs again),
# a worker process is replaced after 100 tasks (WeasyPrint's memory), and a task is stopped
# after 5 minutes (soft: 4, so it can mark its document failed).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING too (JSON)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=100)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TIMEZONE = TIME_ZONE


def schedule_from(name: str, value: str):
    """A beat schedule from the environment: seconds in ASCII digits, or five crontab fields."""
    seconds = parse_int(value, minimum=1)
    if seconds is not None:
        return timedelta(seconds=seconds)
    fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")
    parts = value.split()
    if len(parts) != len(fields):
        raise ImproperlyConfigured(
            f"{name} must be a number of seconds (digits 0-9) or five crontab fields: {value!r}"
        )
    return crontab(**dict(zip(fields, parts, strict=True)))


CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "inburgering.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=0),
    },
    "expire-shares": {
        "task": "inburgering.tasks.expire_shares",
        "schedule": crontab(hour=0, minute=5),
    },
    "destroy-expired-dossiers": {
        "task": "inburgering.tasks.destroy_expired_dossiers",
        "schedule": crontab(hour=1, minute=30),
    },
    "clean-duplicate-history": {
        "task": "inburgering.tasks.clean_duplicate_history",
        "schedule": crontab(hour=2, minute=30),
    },
    "send-daily-reminders": {
        "task": "voortgang.tasks.send_daily_reminders",
        # Five crontab fields, or a number of seconds (the production-shape test's beat).
        "schedule": schedule_from(
            "REMINDERS_SCHEDULE", env("REMINDERS_SCHEDULE", default="0 6 * * *")
        ),
    },
    # The quarterly delivery's completeness check, fresh every morning (voortgang.kwartaallevering).
    "check-deliveries": {
        "task": "voortgang.tasks.check_deliveries",
        "schedule": crontab(hour=4, minute=30),
    },
    # How old the monitor's figures may get (voortgang.monitor.facts; decision 0029).
    "refresh-monitor": {
        "task": "voortgang.tasks.refresh_monitor",
        "schedule": schedule_from(
            "MONITOR_REFRESH_SCHEDULE", env("MONITOR_REFRESH_SCHEDULE", default="*/15 * * * *")
        ),
    },
}

# LOG_FORMAT=json (production) writes one JSON object per line to stdout with the request id
# and user id (inburgering/web/request_log.py); names, BSNs and free text are never logged.
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "inburgering.web.request_log.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},  # it logs every login; the audit log has them
}

# Every long list (caseload, queue, worklist, the partner's list, audit trails) shows this many
# rows a page: the same as the admin list the benchmark compares them with.
LIST_PAGE_SIZE = 25
# A list that may hold thousands of rows (the partner's) counts no further than this.
LIST_COUNT_LIMIT = 1000
FORM_RENDERER = "inburgering.web.form_rendering.FormRenderer"

# Law numbers that domain.md marks unconfirmed: settings, so a municipality can correct them.
PIP_DEADLINE_WEEKS = env.int("PIP_DEADLINE_WEEKS", default=10)
# The team's load and the teamleider's worklist: a PIP deadline within this many days is
# near; a dossier waits in the queue or goes without a talk for too long after these.
TEAM_PIP_NEAR_DAYS = env.int("TEAM_PIP_NEAR_DAYS", default=28)
TEAM_QUEUE_WAIT_DAYS = env.int("TEAM_QUEUE_WAIT_DAYS", default=5)
TEAM_NO_TALK_MONTHS = env.int("TEAM_NO_TALK_MONTHS", default=4)
# A batch of more dossiers than this moves to another regisseur as a Celery job with progress.
ASSIGN_INLINE_MAX = env.int("ASSIGN_INLINE_MAX", default=100)
INTAKE_NO_SHOW_FINE_EUR = env.int("INTAKE_NO_SHOW_FINE_EUR", default=250)
PIP_TERMIJN_YEARS = env.int("PIP_TERMIJN_YEARS", default=3)
PIP_SCHAKEL_MONTHS = env.int("PIP_SCHAKEL_MONTHS", default=18)
PIP_AFSCHALEN_MIN_LESUREN = env.int("PIP_AFSCHALEN_MIN_LESUREN", default=600)
PIP_BOETE_MAX_EUR = env.int("PIP_BOETE_MAX_EUR", default=800)
# DUO's fine when the duty was not met in time, and the new term that follows it (domain.md
# §2b: Wi2013 table up to €1,250, then two more years; the Wi2021 figures are unconfirmed).
DUO_BOETE_MAX_EUR = env.int("DUO_BOETE_MAX_EUR", default=1250)
DUO_NIEUWE_TERMIJN_MONTHS = env.int("DUO_NIEUWE_TERMIJN_MONTHS", default=24)
# The largest handover file a regisseur may upload: a full one is some tens of kilobytes.
HANDOVER_MAX_BYTES = env.int("HANDOVER_MAX_BYTES", default=2_000_000)
# MAP: at least this many practical hours before it can be completed (domain.md §4a).
MAP_MIN_PRAKTIJKUREN = env.int("MAP_MIN_PRAKTIJKUREN", default=40)
# Years after the end of the duty that a dossier is kept (domain.md §7: 5 years, Wi2021).
RETENTION_YEARS = env.int("RETENTION_YEARS", default=5)
# A share with a chain partner runs at most this long before it must be extended.
SHARE_MAX_YEARS = env.int("SHARE_MAX_YEARS", default=3)
# Days that a chain partner's progress note stays in the regisseur's worklist (the day it was
# written included) unless dismissed as read; after that it is on the dossier only.
VOORTGANG_NOTE_REMINDER_DAYS = env.int("VOORTGANG_NOTE_REMINDER_DAYS", default=30)

# Generated documents (the printed PIP) are personal data: never under a public URL.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / ".local" / "private")
ONTZORGEN_MONTHS = env.int("ONTZORGEN_MONTHS", default=6)
# The regisseur hears this many days before ontzorgen ends (its six months, or bijstand stops).
ONTZORGEN_WARN_DAYS = env.int("ONTZORGEN_WARN_DAYS", default=28)
