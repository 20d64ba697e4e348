"""The budget guard under concurrent approvals: two people approve at the same moment and the
budget has room for only one. Each runs in its own thread and database connection (PostgreSQL:
an advisory lock per call and the call's row locked FOR UPDATE; SQLite: every transaction takes
the write lock at its start). Exactly one approval passes, and the committed amount never
exceeds the budget."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import OperationalError, connection

from teilhabe.core.errors import ServiceError
from teilhabe.funding.models import Application
from teilhabe.funding.services import decisions, reviews, setup

from .world import build_funding_world


def _decide_waiting(**kwargs):
    """On SQLite the test database is shared in memory, where a locked table fails at once
    instead of waiting as a database file does (busy timeout): wait here, as the file would."""
    for _attempt in range(300):
        try:
            return decisions.decide(**kwargs)
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.01)
    raise AssertionError("never got the lock")


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_overspend(monkeypatch):
    w = build_funding_world()
    counted = decisions.committed

    def slow_committed(call):
        # Widen the window between counting and writing, so that without the lock both
        # approvals would count the same committed amount (checked by removing the lock).
        total = counted(call)
        time.sleep(0.3)
        return total

    monkeypatch.setattr(decisions, "committed", slow_committed)
    by = w["people"]["coordinator"]
    call = w["call"]
    second = reviews.eligibility_check(
        application=w["applications"]["submitted"], eligible=True, note="", by=by
    )
    first = w["applications"]["eligible"]
    # 1,500 are committed; room for exactly one of the two 2,000 requests.
    setup.call_update(call=call, version=None, by=by, budget=Decimal("3500.00"))
    barrier = threading.Barrier(2)
    results: dict[int, object] = {}

    def approve(application):
        try:
            barrier.wait(timeout=10)
            results[application.pk] = _decide_waiting(
                application=application, outcome="approve", by=by
            )
        except ServiceError as error:
            results[application.pk] = error
        except Exception as error:  # noqa: BLE001 - the assertion below shows it
            results[application.pk] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    outcomes = sorted(type(r).__name__ for r in results.values())
    assert outcomes == ["Application", "ServiceError"], results
    refused = next(r for r in results.values() if isinstance(r, ServiceError))
    assert "Budget reicht nicht" in refused.message
    assert counted(call) == Decimal("3500.00")
    assert Application.objects.funded().filter(call=call).count() == 2
