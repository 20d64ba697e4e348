import os

import pytest

from teilhabe.testing.hypothesis import load_profile as load_hypothesis_profile
from teilhabe.testing.state import shared_fixture
from teilhabe.testing.worlds import (
    build_demo,
    build_demo_without_portal,
    build_plan_setup,
    build_world,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# HYPOTHESIS_PROFILE=quick|default|thorough (teilhabe.testing.hypothesis); CI runs default.
load_hypothesis_profile()

# One set of browser fixtures for every app's browser tests: a second session-wide Playwright
# in the same process would fail.
pytest_plugins = [
    "teilhabe.testing.pytest_plugin",
    "teilhabe.backoffice.tests.browser.fixtures",
]


# ---------------------------------------------------------------- shared data and roles
# Built once for consecutive tests that ask for them, each test in a savepoint of its own and
# with its own copy of the objects (teilhabe.testing.state.shared_fixture).


world = shared_fixture(build_world, name="world")
plan_setup = shared_fixture(build_plan_setup, name="plan_setup")
# The demo inside the test's transaction, for tests through the test client (browser tests use
# `demo`, committed for the live server).
demo_loaded = shared_fixture(build_demo, name="demo_loaded")
demo_loaded_without_portal = shared_fixture(
    build_demo_without_portal, name="demo_loaded_without_portal"
)


@pytest.fixture
def client_as(client, world):
    """`client_as(role)`: the test client logged in as the world's person of `role`."""
    return lambda role: world.login(client, role)


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
