"""Löften settings, read from the environment.

Every value has a safe local default so that `make run` works on a fresh machine.
`LOFTEN_ENV=production` switches on the production posture and refuses to start
with the development defaults (see "Running on PostgreSQL (deployment)" in
README.md).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# Where uploaded files and the default SQLite database are kept. In development
# that is var/ in the checkout; production must name it (see below).
VAR_DIR = Path(os.environ.get("LOFTEN_VAR_DIR", "") or BASE_DIR / "var")

DEVELOPMENT_SECRET_KEY = "django-insecure-loften-development-only"  # noqa: S105


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable; anything unrecognised is a config error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {raw!r}."
        ) from None


LOFTEN_ENV = os.environ.get("LOFTEN_ENV", "development").strip().lower()
if LOFTEN_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"LOFTEN_ENV must be development or production, not {LOFTEN_ENV!r}."
    )
PRODUCTION = LOFTEN_ENV == "production"

SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
if PRODUCTION and (
    SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or len(SECRET_KEY) < 50
    or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "Production mode needs SECRET_KEY set to a random value of at least "
        "50 characters (for example from `python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'`)."
    )

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production mode.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Production mode needs ALLOWED_HOSTS, e.g. ALLOWED_HOSTS=loften.example.se."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# In production Löften runs behind a reverse proxy that ends TLS (nginx, a load
# balancer); PROXY_COUNT proxies in front of it append the address they saw to
# X-Forwarded-For, and the client's address is the one the outermost of them
# saw. 0 trusts no header: the connection's own address is the client's.
BEHIND_TLS_PROXY = PRODUCTION and env_bool("BEHIND_TLS_PROXY", default=True)
PROXY_COUNT = env_int("PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("PROXY_COUNT must be 0 or more.")

if PRODUCTION:
    # Installed for production, BASE_DIR is inside the virtualenv's
    # site-packages, so no file may be kept relative to it: the places must be
    # named, as absolute paths (the web server and the worker start in
    # different working directories).
    for _name in ("LOFTEN_VAR_DIR", "MEDIA_ROOT", "STATIC_ROOT"):
        _value = os.environ.get(_name, "")
        if _value and not Path(_value).is_absolute():
            raise ImproperlyConfigured(
                f"{_name} must be an absolute path in production mode, not {_value!r}."
            )
    if not os.environ.get("LOFTEN_VAR_DIR") and not all(
        os.environ.get(name) for name in ("MEDIA_ROOT", "STATIC_ROOT", "DATABASE_URL")
    ):
        raise ImproperlyConfigured(
            "Production mode needs LOFTEN_VAR_DIR set to an absolute path outside "
            "the installed code, where uploaded and static files are kept "
            "(for example LOFTEN_VAR_DIR=/var/lib/loften)."
        )

# The public address of the site, used in e-mails, feeds and exported links.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "loften.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "template_partials",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "loften.geography",
    "loften.organisations",
    "loften.promises",
    "loften.followups",
    "loften.publication",
    "loften.notifications",
    "loften.subscriptions",
    "loften.imports",
    "loften.editor",
    "loften.reports",
    "loften.opendata",
    "loften.search",
    "loften.public",
    "loften.examples",
]

MIDDLEWARE = [
    # Whole public pages for visitors without a session, stored with the headers
    # of all the middleware below, which runs for a page only when it is made
    # (loften/core/page_cache.py; config/wsgi.py answers most hits before Django).
    "loften.core.page_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

if PRODUCTION:
    # Serves the collected static files; in development runserver does it.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loften.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
# SQLite (WAL) under var/ by default; PostgreSQL when DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
_DATABASE_URL_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
_DATABASE_URL_KINDS = (
    "DATABASE_URL must point to PostgreSQL "
    "(postgres://user:password@host:5432/name) or SQLite (sqlite:///path)."
)
if DATABASE_URL:
    # Our own one-sentence messages: dj-database-url's are several sentences,
    # and the URL itself is never repeated since it may hold a password.
    _scheme, _separator, _address = DATABASE_URL.partition("://")
    if not _separator or _scheme.lower() not in _DATABASE_URL_SCHEMES:
        raise ImproperlyConfigured(_DATABASE_URL_KINDS)
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60)
    except ValueError:
        raise ImproperlyConfigured(
            "DATABASE_URL is not a valid URL: check the host and the port number, "
            "and %-encode special characters in the user name and password."
        ) from None
    if _database.get("ENGINE") not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured(_DATABASE_URL_KINDS)
    _database.setdefault("OPTIONS", {})
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database["OPTIONS"].setdefault("connect_timeout", 5)
        _database["CONN_HEALTH_CHECKS"] = True
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "loften.sqlite3",
        "OPTIONS": {
            # WAL lets readers continue while the worker or an editor writes;
            # a writer waits up to 20 s for another (the worker's threads and
            # the web server share the file).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database.setdefault("TEST", {})["NAME"] = None  # in-memory test database
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------
# Every process must share one cache: the API's rate limit and the login
# throttle count there, and the public pages' generation lives there. Redis when
# REDIS_URL is set; otherwise, in production, the database (the table
# loften_cache, made by a migration); in development the memory of the one
# process is enough (DATABASE_CACHE=true uses the database there too).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
DATABASE_CACHE = env_bool("DATABASE_CACHE", default=PRODUCTION)
CACHE_TABLE = "loften_cache"
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "REDIS_URL must start with redis://, rediss:// or unix://, "
            "e.g. redis://127.0.0.1:6379/0."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "loften"),
            # A Redis that does not answer fails a request within seconds,
            # rather than holding every worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
elif DATABASE_CACHE:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "loften"),
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured(
        "Production mode needs a cache that every process shares: set REDIS_URL, "
        "or leave DATABASE_CACHE on."
    )
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "loften",
        }
    }

# Public pages: the data they are built from, and for visitors without a session
# the whole response, are cached until the next publication (loften/core/cache.py,
# loften/core/page_cache.py). Off only to measure the pages uncached
# (bench/http_bench.py).
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", default=True)
PUBLIC_PAGE_CACHE = PUBLIC_CACHE
# Each process also keeps the pages it served lately, up to this many bytes, and
# serves one while the shared cache's generation is still the page's: a hit then
# reads only that number from the shared cache. 0 keeps none.
PUBLIC_PAGE_CACHE_LOCAL_BYTES = env_int(
    "PUBLIC_PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024
)
if PUBLIC_PAGE_CACHE_LOCAL_BYTES < 0:
    raise ImproperlyConfigured("PUBLIC_PAGE_CACHE_LOCAL_BYTES must be 0 or more.")

# --- Background tasks -------------------------------------------------------------
# Imports have a queue of their own, so that a slow document never holds up
# reports or e-mail (see loften/core/worker.py).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "imports"],
    }
}

# A task still marked running whose worker has not written its heartbeat for
# this many seconds was left by a worker that died: it is queued again once,
# then failed (loften/core/worker.py).
WORKER_LEASE_SECONDS = env_int("WORKER_LEASE_SECONDS", 60)

# --- Reports and open data -----------------------------------------------------
# A report bigger than this (activities × periods of its year) is made in the
# background by `loften worker`; see docs/reports.md for the measurements.
# Reports larger than this (activities × (periods of the year + periods the report
# fills in) / 2) are made by the worker; see docs/reports.md.
REPORTS_SYNC_MAX_SIZE = env_int("REPORTS_SYNC_MAX_SIZE", 200)

# The open-data API (loften/opendata) is public and read-only; clients are
# throttled per address at this rate ("" turns throttling off).
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/minute").strip()
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "loften.opendata.schema.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Löften open data API",
    "VERSION": "1",
    "DESCRIPTION": (
        "Read-only access to the published citizen promises (medborgarlöften), "
        "their activities, follow-ups and indicators. Only published versions "
        "appear. The data is free to use under CC0 1.0."
    ),
    "LICENSE": {
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# --- Users ------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "editor:start"
LOGOUT_REDIRECT_URL = "/"
# Failed logins: this many for one account, or from one client address, within
# LOGIN_LOCKOUT_MINUTES pause logging in for that account or address for as long.
# Requests for a password-reset e-mail: at most this many per e-mail address and
# per client address an hour. Counted in the shared cache (see Cache above).
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 10)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
PASSWORD_RESETS_PER_EMAIL = env_int("PASSWORD_RESETS_PER_EMAIL", 3)
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10)
for _name in (
    "LOGIN_FAILURES_PER_ACCOUNT",
    "LOGIN_FAILURES_PER_ADDRESS",
    "LOGIN_LOCKOUT_MINUTES",
    "PASSWORD_RESETS_PER_EMAIL",
    "PASSWORD_RESETS_PER_ADDRESS",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be 1 or more.")
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app keeps its own locale/ folder
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(
    os.environ.get("STATIC_ROOT", "")
    or (VAR_DIR / "static" if PRODUCTION else BASE_DIR / "staticfiles")
)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# An import's review is one form with a few fields per activity and follow-up;
# a long follow-up document needs more than Django's default of 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
# Each imported document is read in a child process of the worker, stopped when
# reading and parsing take longer than IMPORT_PARSE_SECONDS or need more than
# IMPORT_MEMORY_MB of memory (address space; the reader itself takes about 120).
# The worker reads IMPORT_WORKERS documents at a time, beside its other work.
IMPORT_PARSE_SECONDS = env_int("IMPORT_PARSE_SECONDS", 120)
IMPORT_MEMORY_MB = env_int("IMPORT_MEMORY_MB", 1024)
IMPORT_WORKERS = env_int("IMPORT_WORKERS", 2)
for _name in ("IMPORT_PARSE_SECONDS", "IMPORT_MEMORY_MB", "IMPORT_WORKERS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be 1 or more.")

# --- E-mail -----------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
# Seconds an SMTP connection may hang before the worker's task gives up.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "loften@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Days before a follow-up's due date that `loften send_reminders` reminds the
# editors (and weekly once it is overdue); comma-separated.
REMINDER_DAYS_BEFORE = sorted(
    {
        int(days)
        for days in os.environ.get("REMINDER_DAYS_BEFORE", "14,3").split(",")
        if days.strip()
    },
    reverse=True,
)
# Where the accessibility statement tells people to write; DEFAULT_FROM_EMAIL if empty.
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "").strip()

# --- Security ---------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page, never the cookie.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer may check health over plain HTTP inside its network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy on every response (django-csp): scripts, styles,
# images and fonts only from the site itself, no inline script or style, no
# plugins, no framing, forms only to the site. htmx and the charts (inline SVG)
# need nothing more; see docs/operations.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools report every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
