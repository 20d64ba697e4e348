"""Benchmarks: `make bench`. Production-like request handling (DEBUG off, cached templates,
persistent connections) on a dedicated PostgreSQL database, plus a bench-only URLconf with a
minimal view to compare the pages' throughput with."""

import os
import warnings

import dj_database_url

from .base import *  # noqa: F403

SECRET_KEY = "bench-only-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
# Logins are made with force_login; hashing does not matter here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Never the development or test database: the benchmark truncates what it generates.
DATABASES = {
    "default": tune_postgres(  # noqa: F405
        dj_database_url.parse(
            os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/teilhabe_bench"),
            conn_max_age=600,
        )
    )
}

# Production shares its cache between the worker processes in Redis (see CACHE_URL in base.py);
# the public portal serves whole pages from it, so the benchmark measures against Redis as well
# unless CACHE_URL names another. Keys carry the database's name: a quick and a full run (or
# another bench database) never read each other's pages, and the bench clears only its own keys.
CACHE_URL = os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/14")
if CACHE_URL.startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "teilhabe.core.cache.PooledRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": f"bench-{DATABASES['default']['NAME']}",
        }
    }

# Production serves static files through whitenoise's manifest storage after collectstatic;
# the pages measured here only build URLs, so the plain storage is equivalent for timing.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The benchmark reports failing requests itself, once per page instead of once per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
    "loggers": {
        "django.request": {"handlers": [], "level": "CRITICAL", "propagate": False},
        # The API logs its server errors itself (with the traceback); the bench reports them.
        "teilhabe.api.errors": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
# whitenoise warns once per process when collectstatic has not run; the pages do not need it.
warnings.filterwarnings("ignore", message="No directory at")

# The OParl benchmark syncs from the local test server on 127.0.0.1.
OPARL_ALLOW_PRIVATE_ADDRESSES = True
