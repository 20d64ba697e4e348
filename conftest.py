import os

import pytest

from teilhabe.testing.state import shared_fixture

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# One set of browser fixtures for every app's browser tests: a second session-wide Playwright
# in the same process would fail.
pytest_plugins = [
    "teilhabe.testing.pytest_plugin",
    "teilhabe.backoffice.tests.browser.fixtures",
]


# ---------------------------------------------------------------- shared data and roles
# Built once for consecutive tests that ask for them, each test in a savepoint of its own and
# with its own copy of the objects (teilhabe.testing.state.shared_fixture).


def build_world(get):
    """The role world (teilhabe.testing.roles): one organisation with an adopted plan (2 fields ×
    3 measures, led alternately by two offices), its draft Bilanz 2017, and one person per role:

        anonymous, admin, coordinator, editor_own, editor_other, reader, stranger, superuser

    editor_own edits for `world.own_unit`, which leads `world.measure` (1.1, entry
    `world.entry` in the draft `world.report`); editor_other for `world.other_unit`
    (`world.other_measure`, 1.2); stranger coordinates another organisation with a draft plan
    of its own (`world.stranger_plan`); superuser is a member of nothing.

        @pytest.mark.parametrize("role", ROLES)
        def test_dashboard(client, world, role):
            world.login(client, role)        # or the `client_as` fixture: client_as(role)
            response = client.get(reverse("backoffice:plan_dashboard", args=[world.plan.slug]))

    `world.user(role)` is the person (None for anonymous); ROLES and MEMBER_ROLES come from
    teilhabe.testing.roles. The data is shared: whatever a test writes is rolled back after it.
    """
    from teilhabe.testing.roles import RoleWorld

    return RoleWorld.build()


def build_plan_setup(get):
    """An adopted plan of one organisation with a draft report, and people in every role:
    {"plan", "report", "units", "organization", "people": {"admin", "coordinator", "editor",
    "reader"}} (editor: office editor of units[0], whose measures are 1.1, 1.3, 2.1, …)."""
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


world = shared_fixture(build_world, name="world")
plan_setup = shared_fixture(build_plan_setup, name="plan_setup")


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
