import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# One set of browser fixtures for every app's browser tests: a second session-wide Playwright
# in the same process would fail.
pytest_plugins = [
    "teilhabe.testing.pytest_plugin",
    "teilhabe.backoffice.tests.browser.fixtures",
]


@pytest.fixture
def plan_setup(db):
    """An adopted plan of one organisation with a draft report, and people in every role."""
    from teilhabe.organizations.models import Role
    from teilhabe.testing import make_plan, make_user

    plan, report, units = make_plan()
    org = plan.organization
    people = {
        "admin": make_user(org, Role.ADMIN),
        "coordinator": make_user(org, Role.COORDINATOR),
        "editor": make_user(org, Role.EDITOR, unit=units[0]),
        "reader": make_user(org, Role.READER),
    }
    return {"plan": plan, "report": report, "units": units, "organization": org, "people": people}


@pytest.fixture
def real_cache(settings):
    """An in-memory cache for tests of caching (the test settings switch caching off)."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(autouse=True)
def german_by_default():
    """A request leaves its language active in the thread (LocaleMiddleware does not reset it);
    every test starts in German, so builders write German columns and reverse() builds German
    addresses unless the test asks for another language."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")
