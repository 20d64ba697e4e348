"""Production: everything secret or site-specific must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY muss in der Umgebung gesetzt sein.")
# The address the public reaches the site at: it goes into emails, feeds and open-data links, so
# a default would publish links to a machine nobody can reach.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SITE_URL muss in der Umgebung gesetzt sein: die öffentliche Adresse der Installation, "
        "z. B. SITE_URL=https://teilhabe.example.org"
    )
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer asks each app server directly, without TLS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The proxy in front terminates TLS and says so in X-Forwarded-Proto; it must overwrite (not
# pass on) what the client sent in that header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# PostgreSQL through psycopg's connection pool: each server process holds at most
# DATABASE_POOL_MAX connections (one per thread is enough for a threaded worker) and closes idle
# ones after DATABASE_POOL_MAX_IDLE seconds, so a burst cannot leave dozens of idle connections
# behind ("too many clients"); a connection that died with a database restart or a failover is
# checked and replaced before use (Django passes the pool its check). workers × DATABASE_POOL_MAX must stay below the server's
# max_connections (100 by default) with room for the task workers and maintenance.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405  (the pool keeps them instead)
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {  # noqa: F405
        "min_size": int(os.environ.get("DATABASE_POOL_MIN", "1")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX", "4")),
        "max_idle": float(os.environ.get("DATABASE_POOL_MAX_IDLE", "300")),
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
    }

# One line per request (method, path, status, duration, client): teilhabe.core.logging's
# middleware writes it; errors keep their tracebacks.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "teilhabe.requests": {
            "handlers": ["console"],
            "level": os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # The request log already has the line for a 4xx; Django's own would double it.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
