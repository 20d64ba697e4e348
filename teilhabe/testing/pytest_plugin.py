"""The test database's states, so that data is built once and shared where tests only read it.

Registered for every test in the root conftest.py. Three states per xdist worker:

- empty (as after migrating or after a transactional test's flush) — what a test sees unless it
  asks for more;
- a *shared block*: data built by `shared_fixture` builders inside a transaction that stays
  open while consecutive tests ask for the same builders. pytest-django's `db` runs each of
  those tests in a savepoint inside it, so whatever a test writes is rolled back, and every test
  gets its own deep copy of the built objects (as Django's `setUpTestData` does). The block is
  rolled back as soon as a test asks for something else;
- the *demo* (`teilhabe.core.demo.load_demo`) committed to the database, for the browser tests
  and their live server: loaded once per worker, then put back from a copy of its rows after
  every test (`teilhabe.testing.database.Snapshot`), and flushed before any other test that
  uses the database runs.

Tests never see data they did not ask for: the hook below leaves the shared block and the demo
before a test that does not use them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from pytest_django import fixtures as pytest_django_fixtures

SHARED = "_shared_data"
DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "django_db_setup",
    SHARED,
}


# ---------------------------------------------------------------- shared data


Builder = Callable[[Callable], object]


def shared_fixture(builder: Builder | None = None, *, name: str | None = None):
    """A fixture whose data is built once for all consecutive tests that ask for it.

    `builder(get)` makes the data through the ORM or the services and returns it (a dict, a
    dataclass, model instances); `get(other_builder)` returns what another builder made in the
    same block, so `participation_setup` can build on `public_setup`. Each test gets a deep copy
    of the returned value, and its writes are rolled back at its end. A builder must not depend
    on function-scoped fixtures (settings, tmp_path): it runs before them. Tests using such a
    fixture must not be transactional (`django_db(transaction=True)`, `live_server`).

        def build_world(get):
            return RoleWorld.build()

        world = shared_fixture(build_world, name="world")
    """

    def decorate(builder: Builder):
        fixture_name = name or builder.__name__

        def fixture(_shared_data, db):  # noqa: ARG001 - db: each test in a savepoint
            return copy.deepcopy(_shared_data.get(builder))

        fixture.__doc__ = builder.__doc__
        fixture.__module__ = builder.__module__
        fixture.__wrapped_builder__ = builder
        return pytest.fixture(name=fixture_name)(fixture)

    return decorate(builder) if builder is not None else decorate


def _builders_of(item) -> tuple:
    """The builders of the shared fixtures the test uses, in a stable order."""
    found = []
    for name in item.fixturenames:
        definitions = item._fixtureinfo.name2fixturedefs.get(name)
        if not definitions:
            continue
        builder = getattr(definitions[-1].func, "__wrapped_builder__", None)
        if builder is not None and builder not in found:
            found.append(builder)
    return tuple(found)


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DB_FIXTURES & set(item.fixturenames)
    )


class DatabaseState:
    """What this worker's test database holds besides its empty tables (see the module)."""

    def __init__(self):
        self.block = None  # the open transaction.atomic of the shared block
        self.block_key: tuple = ()
        self.built: dict = {}
        self.demo_loaded = False
        self.demo_info: dict = {}
        self.snapshot = None

    # shared block

    def enter_block(self, builders: tuple) -> None:
        from django.db import transaction
        from django.utils import translation

        if self.block is not None and self.block_key == builders:
            return
        self.leave_block()
        self.leave_demo()
        self.block = transaction.atomic()
        self.block.__enter__()
        self.block_key = builders
        # Builders write German columns and German addresses, as the tests' own code does.
        with translation.override("de"):
            for builder in builders:
                self.get(builder)

    def get(self, builder: Builder):
        if builder not in self.built:
            self.built[builder] = builder(self.get)
        return self.built[builder]

    def leave_block(self) -> None:
        from django.db import transaction

        if self.block is None:
            return
        transaction.set_rollback(True)
        self.block.__exit__(None, None, None)
        self.block, self.block_key, self.built = None, (), {}

    # demo

    def enter_demo(self, load: Callable[[], dict]) -> dict:
        """The demo committed to the database; `load()` loads it and returns what the tests need
        to know about it (ids), once per worker."""
        from teilhabe.testing.database import Snapshot

        self.leave_block()
        if not self.demo_loaded:
            if self.snapshot is not None and self.snapshot.taken:
                self.snapshot.restore()
            else:
                self.demo_info = load()
                self.snapshot = Snapshot()
                self.snapshot.take()
            self.demo_loaded = True
        return self.demo_info

    def reset_demo(self) -> None:
        """After a test with the demo: its rows as loaded, whatever the test changed."""
        if self.demo_loaded:
            self.snapshot.restore()

    def leave_demo(self) -> None:
        from teilhabe.testing.database import flush

        if self.demo_loaded:
            flush()
            self.demo_loaded = False

    def close(self) -> None:
        self.leave_block()
        if self.snapshot is not None:
            self.snapshot.drop()
            self.snapshot = None
        self.demo_loaded = False


STATE = DatabaseState()


def _blocker(config):
    from pytest_django.plugin import blocking_manager_key

    return config.stash[blocking_manager_key]


@pytest.fixture(scope="session")
def _database_state(django_db_setup, django_db_blocker):  # noqa: ARG001
    """Session-wide: torn down before the test database is destroyed."""
    yield STATE
    with django_db_blocker.unblock():
        STATE.close()


@pytest.fixture
def _shared_data(request, _database_state, django_db_blocker) -> DatabaseState:
    """Runs before every other fixture of the test (see pytest_collection_modifyitems), so the
    shared block's transaction is opened before pytest-django's savepoint for the test."""
    if _is_transactional(request.node):
        raise pytest.UsageError(
            f"{request.node.nodeid}: shared fixtures live in a transaction that a transactional "
            "test would commit and flush; build the data in the test instead."
        )
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

    from teilhabe.core.demo import load_demo
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
