"""Test suite: the database comes from DATABASE_URL (SQLite in a temp dir by default)."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = os.path.join(tempfile.gettempdir(), "teilhabe-test.sqlite3")  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Database ids repeat between tests, so a shared cache could serve one test's page to another;
# tests of caching switch a real cache on themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# A search indexes every changed plan first: on a busy test machine the reader's time budget
# would leave plans unindexed at random (the budget itself is tested with search_refresh).
TEILHABE_SEARCH_REFRESH_SECONDS = None

# The OParl test server listens on 127.0.0.1 (teilhabe/council/tests/oparl_server.py); the
# refusal of internal addresses is tested with this switched off.
OPARL_ALLOW_PRIVATE_ADDRESSES = True
