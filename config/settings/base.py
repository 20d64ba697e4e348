"""Settings shared by every environment; everything site-specific comes from the environment."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
import django.conf.locale

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TEILHABE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Reverse proxies (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8") whose X-Forwarded-For is
# believed: teilhabe.core.clients.client_address reads the client from it only when the direct
# peer is one of them. Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

INSTALLED_APPS = [
    # Before admin: modeltranslation patches the models its translation.py files register.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "teilhabe.core",
    "teilhabe.organizations",
    "teilhabe.plans",
    "teilhabe.reports",
    "teilhabe.backoffice",
    "teilhabe.portal",
    "teilhabe.search",
    "teilhabe.api",
    "teilhabe.participation",
    "teilhabe.council",
    "teilhabe.funding",
    "teilhabe.practices",
    "teilhabe.offers",
    "teilhabe.interpreters",
    "teilhabe.indicators",
    "teilhabe.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, so that its line has the time and status of everything below.
    "teilhabe.core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stored public pages for readers without a session, before the rest of the stack.
    "teilhabe.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the locale (error pages in the reader's language), before anything reads input.
    "teilhabe.core.middleware.MalformedInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "teilhabe.core.htmx.HtmxLoginRedirectMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "teilhabe" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    # The embedded default lives in var/, which git does not carry: a fresh clone has none.
    VAR_DIR.mkdir(parents=True, exist_ok=True)


def tune_postgres(database: dict) -> dict:
    """PostgreSQL's JIT compiles a query's expressions when the planner finds the query costly:
    for a web request that costs more than it saves (the Land overview's progress aggregate
    spent 466 of its 1,173 ms compiling), so Teilhabe's connections turn it off."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return database


DATABASES = {
    "default": tune_postgres(
        dj_database_url.parse(
            os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'teilhabe.sqlite3'}"),
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a command writes; a busy timeout instead of "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

# Rendered reports and dashboards are cached; set CACHE_URL=redis://127.0.0.1:6379/0 to share the
# cache between processes, otherwise each process keeps its own in memory.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "teilhabe.core.cache.PooledRedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL.startswith("redis")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its address and e-mail are locked out (django-axes).
    "teilhabe.core.auth.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes, failures stored in the database so every app server counts
# them together): after AXES_FAILURE_LIMIT wrong passwords for one e-mail address, or from one
# client address, further attempts are refused for AXES_COOLOFF_TIME with a German page (429).
# Locking by address alone would let one office lock out its colleagues, by e-mail alone would
# let anyone guess many accounts; both together stop password guessing either way. A successful
# login clears the person's failures.
AXES_FAILURE_LIMIT = int(os.environ.get("TEILHABE_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=int(os.environ.get("TEILHABE_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "teilhabe.core.auth.login_username"
AXES_CLIENT_IP_CALLABLE = "teilhabe.core.auth.client_ip"
AXES_LOCKOUT_CALLABLE = "teilhabe.core.auth.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Password reset requests: per client address and per e-mail address, counted in the cache
# (CACHE_URL=redis://… shares the counts between app servers).
TEILHABE_PASSWORD_RESET_LIMITS = {"per_address_hour": 10, "per_email_hour": 3}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "de"
# Interface and content languages. Leichte Sprache is German in easy language: a private-use
# subtag of "de", so everything not written in it yet falls back to German.
LANGUAGES = [
    ("de", "Deutsch"),
    ("de-x-ls", "Leichte Sprache"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
EXTRA_LANG_INFO = {
    "de-x-ls": {
        "bidi": False,
        "code": "de-x-ls",
        "name": "Easy German",
        "name_local": "Leichte Sprache",
    },
}
django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("de",)}
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "teilhabe" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "teilhabe" / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# Uploads: documents are parsed in memory; anything larger is not a Bilanz.
TEILHABE_UPLOAD_MAX_BYTES = int(os.environ.get("TEILHABE_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = TEILHABE_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = TEILHABE_UPLOAD_MAX_BYTES + 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Teilhabe <teilhabe@localhost>")
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (the topology exercise
# writes its mail into the shared directory instead of an MTA).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Open data: the licence a new organisation publishes under (each can choose another).
TEILHABE_DEFAULT_LICENCE = os.environ.get("TEILHABE_DEFAULT_LICENCE", "CC-BY-4.0")
# The organisation whose Impressum, Datenschutz and accessibility statement the platform's own
# pages show (slug); empty: the first organisation without a parent.
# Participants' personal data is deleted this many days after their process ended
# (per process adjustable); `teilhabe purge-participants` runs the deletion.
TEILHABE_PARTICIPANT_RETENTION_DAYS = int(
    os.environ.get("TEILHABE_PARTICIPANT_RETENTION_DAYS", "180")
)
# Background work (OParl sync, emails to participants) runs through the database queue;
# `teilhabe db_worker` works it off.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The slug of the organisation that runs this installation: it owns the site-wide Impressum,
# Datenschutz, Barrierefreiheit and Leichte Sprache pages (portal/pages.py, site_operator).
# TEILHABE_OPERATOR is the variable's former name, still read.
TEILHABE_SITE_OPERATOR = os.environ.get(
    "TEILHABE_SITE_OPERATOR", os.environ.get("TEILHABE_OPERATOR", "")
)

CSRF_FAILURE_VIEW = "teilhabe.core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: everything from our own origin, no inline or foreign scripts. Inline
# styles stay allowed (htmx's indicator style, the standalone HTML Bilanz); KERN's icons are
# data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
from .api import *  # noqa: E402,F403

# Time a search spends at most on reindexing changed plans (at least one plan is always done):
# after an edit that is one plan; a whole Land waiting to be indexed is the command's job
# (`teilhabe search-index`).
TEILHABE_SEARCH_REFRESH_SECONDS = float(os.environ.get("TEILHABE_SEARCH_REFRESH_SECONDS", "0.2"))

# The OParl sync refuses council systems at loopback, link-local and private addresses (a
# coordinator types the address in; it must not probe internal services). True only where the
# council system runs in the installation's own network, and for the tests and the benchmark,
# whose OParl test server listens on 127.0.0.1.
OPARL_ALLOW_PRIVATE_ADDRESSES = os.environ.get("OPARL_ALLOW_PRIVATE_ADDRESSES", "") == "1"
