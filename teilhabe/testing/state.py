"""The test database's states, so that data is built once and shared where tests only read it.

Used by the pytest plugin teilhabe.testing.pytest_plugin (registered for every test in the
root conftest.py). Three states per xdist worker:

- empty (as after migrating or after a transactional test's flush) — what a test sees unless it
  asks for more;
- a *shared block*: data built by `shared_fixture` builders inside a transaction that stays
  open while consecutive tests ask for the same builders. pytest-django's `db` runs each of
  those tests in a savepoint inside it, so whatever a test writes is rolled back, and every test
  gets its own deep copy of the built objects (as Django's `setUpTestData` does). The block is
  rolled back as soon as a test asks for something else;
- the *demo* (`teilhabe.demo.load.load_demo`) committed to the database, for the browser tests
  and their live server: loaded once per worker, then put back from a copy of its rows after
  every test (`teilhabe.testing.database.Snapshot`), and flushed before any other test that
  uses the database runs.

Tests never see data they did not ask for: the plugin's hook leaves the shared block and the demo
before a test that does not use them.
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Callable

import pytest

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

        def fixture(_shared_data, db):
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
        try:
            # Builders write German columns and German addresses, as the tests' own code does.
            with translation.override("de"):
                for builder in builders:
                    self.get(builder)
        except BaseException:
            # A failing builder fails this test; the next one starts from an empty database.
            self.leave_block()
            raise

    def get(self, builder: Builder):
        if builder not in self.built:
            started = time.perf_counter()
            self.built[builder] = builder(self.get)
            _log_build(builder, time.perf_counter() - started)
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


def _log_build(builder: Builder, seconds: float) -> None:
    """With TEILHABE_SHARED_LOG=<file>: one line per build (worker, builder, seconds), to see
    how often the shared data is built: `awk '{n[$2]++} END {for (b in n) print n[b], b}'`."""
    path = os.environ.get("TEILHABE_SHARED_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            log.write(f"{worker} {builder.__name__} {seconds:.3f}\n")
