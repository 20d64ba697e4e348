"""pytest plugin of the test database's states (see teilhabe.testing.state): the fixtures
`_shared_data` and `demo_database`, and the hooks that keep tests from seeing data they did not
ask for. Registered for every test in the root conftest.py."""

from __future__ import annotations

import pytest
from pytest_django import fixtures as pytest_django_fixtures

from teilhabe.testing.state import (
    SHARED,
    STATE,
    DatabaseState,
    _builders_of,
    _is_transactional,
    _uses_database,
)


def _blocker(config):
    from pytest_django.plugin import blocking_manager_key

    return config.stash[blocking_manager_key]


@pytest.fixture(scope="session")
def _database_state(django_db_setup, django_db_blocker):
    """Session-wide: torn down before the test database is destroyed."""
    yield STATE
    with django_db_blocker.unblock():
        STATE.close()


@pytest.fixture
def _shared_data(request, _database_state, django_db_blocker) -> DatabaseState:
    """Runs before every other fixture of the test (see pytest_collection_modifyitems), so the
    shared block's transaction is opened before pytest-django's savepoint for the test.
    Transactional tests cannot use it (refused when the tests are collected)."""
    with django_db_blocker.unblock():
        _database_state.enter_block(_builders_of(request.node))
    return _database_state


@pytest.fixture
def demo_database(_database_state, django_db_blocker):
    """The demo (Landkreis Böblingen, Leinfelden-Echterdingen) committed to the database, as the
    live server sees it; database access stays open for the test. Whatever the test changes is
    put back afterwards. Not for tests marked `django_db` (their transaction or flush would
    swallow the demo) — this fixture is their database access."""
    with django_db_blocker.unblock():
        info = _database_state.enter_demo(_load_demo)
        yield info
        _database_state.reset_demo()


def _load_demo() -> dict:
    import datetime as dt

    from teilhabe.demo.load import load_demo
    from teilhabe.plans.models import ProgressReport

    load_demo()
    draft = ProgressReport.objects.get(plan__slug="landkreis-boeblingen", status="draft")
    published = ProgressReport.objects.get(plan__slug="landkreis-boeblingen", status="published")
    assert draft.title == f"Bilanz {dt.date.today().year}"
    return {
        "draft_report_id": draft.pk,
        "draft_title": draft.title,
        "published_report_id": published.pk,
    }


def _databases_for_test(test):
    """pytest-django sets up the databases its items ask for (`db`, a `django_db` mark);
    tests with the demo database ask through `demo_database` instead."""
    if "demo_database" in getattr(test, "fixturenames", ()):
        return ("default",), False
    return _pytest_django_databases_for_test(test)


# pytest-django has no hook for this; its django_db_setup looks the function up at call time.
_pytest_django_databases_for_test = pytest_django_fixtures._get_databases_for_test
pytest_django_fixtures._get_databases_for_test = _databases_for_test


# ---------------------------------------------------------------- hooks


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    for item in items:
        names = item.fixturenames
        if SHARED in names:
            if _is_transactional(item):
                raise pytest.UsageError(
                    f"{item.nodeid}: shared fixtures live in a transaction that a transactional "
                    "test would commit and flush; build the data in the test instead."
                )
            # Before pytest-django's autouse fixtures: the block's transaction must be the
            # outer one.
            names.remove(SHARED)
            names.insert(0, SHARED)
        if "demo_database" in names and item.get_closest_marker("django_db") is not None:
            raise pytest.UsageError(
                f"{item.nodeid}: tests with the demo database get their database access from it; "
                "remove the django_db mark."
            )
    # Tests with the committed demo last, together: the demo is loaded once per worker and the
    # other tests need not wait for it to be flushed again.
    items.sort(key=lambda item: "demo_database" in item.fixturenames)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Leave the shared block and the demo before a test that does not ask for them."""
    leave_block = STATE.block is not None and SHARED not in item.fixturenames
    leave_demo = (
        STATE.demo_loaded and "demo_database" not in item.fixturenames and _uses_database(item)
    )
    if leave_block or leave_demo:
        with _blocker(item.config).unblock():
            if leave_block:
                STATE.leave_block()
            if leave_demo:
                STATE.leave_demo()
