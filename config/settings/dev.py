"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo's operator (teilhabe/demo/load.py, DEMO_SITE_OPERATOR) unless the environment names one.
TEILHABE_SITE_OPERATOR = TEILHABE_SITE_OPERATOR or "landkreis-boeblingen"  # noqa: F405
