"""Two mediators accept the same request at the same moment: exactly one gets it. Each runs in
its own thread and database connection (PostgreSQL: the request's row is locked with SELECT …
FOR UPDATE; SQLite: transactions take the write lock at their start)."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from teilhabe.interpreters.models.pool import Assignment, InterpretingRequest, OfferAnswer
from teilhabe.interpreters.services import pool as services
from teilhabe.testing.worlds import build_world

from .pool_world import build_pool_world


def _accept_waiting(offer):
    """On SQLite the test database is shared in memory, where a locked table fails at once
    instead of waiting as a database file does (busy timeout): wait here, as the file would."""
    for _attempt in range(200):
        try:
            return services.offer_accept(offer=offer)
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.01)
    raise AssertionError("never got the lock")


@pytest.mark.django_db(transaction=True)
def test_concurrent_acceptance_has_one_winner():
    setup = build_pool_world(build_world(None))
    request = setup["offered"]
    extra = [setup["mediators"]["olena"]]
    extra[0].languages.create(
        language="Arabisch", understanding=5, speaking=5, reading=5, writing=5
    )
    offers = setup["offers"] + [
        o for o, _t in services.request_offer(request=request, mediators=extra, by=None)
    ]
    barrier = threading.Barrier(len(offers))
    results: dict[int, object] = {}

    def accept(offer):
        try:
            barrier.wait(timeout=10)
            results[offer.pk] = _accept_waiting(offer)
        except Exception as error:  # noqa: BLE001 - the assertion below shows it
            results[offer.pk] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(map(repr, results.values())) == ["False", "False", "True"], results
    assert Assignment.objects.filter(request=request).count() == 1
    assert (
        InterpretingRequest.objects.get(pk=request.pk)
        .offers.filter(answer=OfferAnswer.ACCEPTED)
        .count()
        == 1
    )
