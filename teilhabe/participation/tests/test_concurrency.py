"""Spam limits hold under parallel requests: twenty submissions at once from one address store
at most the limit (issue 10: unlocked counting let 13 of 20 ideas through a limit of 5).

Each thread has a database connection of its own, as parallel requests on app servers do. On
SQLite every transaction begins IMMEDIATE and so writers are serialised by the database itself;
the threads would mostly wait on its one file lock, so the tests run on PostgreSQL (the CI runs
both databases), where rows are written truly in parallel."""

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from teilhabe.core.errors import ServiceError
from teilhabe.participation.models import (
    Idea,
    IdeaComment,
    IdeaSource,
    IdeaSupport,
    ModerationStatus,
    Registration,
)
from teilhabe.participation.services import ideas
from teilhabe.participation.services import registrations as reg_service

from .builders import build_ideas_setup
from .test_processes_support import make_event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite serialises all writers itself; parallel writes need PostgreSQL",
    ),
]

PARALLEL = 20
LIMIT = 5


def in_parallel(work: Callable[[int], object]) -> tuple[int, int]:
    """Run work(0..19) in 20 threads released together; (stored, refused) counts."""
    barrier = threading.Barrier(PARALLEL)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            try:
                work(n)
            except ServiceError:
                outcomes.append("refused")
            else:
                outcomes.append("stored")
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return outcomes.count("stored"), outcomes.count("refused")


@pytest.fixture
def setup(settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {
        "per_sender_hour": LIMIT,
        "per_sender_day": 100,
        "per_process_minute": 100,
    }
    data = build_ideas_setup(lambda builder: builder(None))
    data["idea"] = Idea.objects.create(
        process=data["process"],
        phase=data["phase"],
        title="Sprachcafé",
        text="Ein Treffpunkt zum Deutschsprechen.",
        language="de",
        source=IdeaSource.ONLINE,
        status=ModerationStatus.PUBLISHED,
    )
    # Out of the last minute, so that it does not count towards the process's minute.
    Idea.objects.filter(pk=data["idea"].pk).update(
        created_at=data["idea"].created_at - dt.timedelta(hours=2)
    )
    return data


def test_every_limit_holds_under_twenty_parallel_submissions(setup, settings):
    """One test for all limits: a transactional test empties the database after itself, which
    costs seconds on PostgreSQL; each part below uses rows of its own."""
    process, idea = setup["process"], setup["idea"]

    # Ideas from one address.
    stored, refused = in_parallel(
        lambda n: ideas.idea_submit(
            process=process,
            title=f"Idee {n}",
            text="Mehr Sprachkurse am Abend.",
            language="de",
            sender_key="one-address",
        )
    )
    assert (stored, refused) == (LIMIT, PARALLEL - LIMIT)
    assert Idea.objects.filter(sender_key="one-address").count() == LIMIT

    # Comments from one address.
    stored, _refused = in_parallel(
        lambda n: ideas.comment_submit(
            idea=idea, text=f"Gute Idee {n}", language="de", sender_key="one-address"
        )
    )
    assert stored == LIMIT
    assert IdeaComment.objects.count() == LIMIT

    # Supports from fresh sessions (a new supporter each) of one address.
    stored, _refused = in_parallel(
        lambda n: ideas.idea_support(
            idea=idea, supporter_key=f"browser-{n}", sender_key="one-address"
        )
    )
    assert stored == LIMIT
    assert IdeaSupport.objects.count() == LIMIT
    idea.refresh_from_db()
    assert idea.support_count == LIMIT

    # One browser clicking twenty times at once (from twenty addresses) counts once.
    in_parallel(
        lambda n: ideas.idea_support(
            idea=idea, supporter_key="one-browser", sender_key=f"address-{n}"
        )
    )
    assert IdeaSupport.objects.filter(supporter_key="one-browser").count() == 1
    idea.refresh_from_db()
    assert idea.support_count == LIMIT + 1

    # Registrations from one office address.
    event = make_event(process, capacity=100)
    stored, _refused = in_parallel(
        lambda n: reg_service.registration_create(
            event=event, name=f"Person {n}", email=f"p{n}@example.org", sender_key="office"
        )
    )
    assert stored == LIMIT
    assert Registration.objects.count() == LIMIT

    # Everybody in the process within a minute (twenty addresses); the ideas above count too.
    Idea.objects.update(created_at=idea.created_at)
    settings.TEILHABE_PARTICIPATION_LIMITS = {"per_process_minute": LIMIT}
    stored, _refused = in_parallel(
        lambda n: ideas.idea_submit(
            process=process,
            title=f"Idee {n}",
            text="Mehr Sprachkurse am Abend.",
            language="de",
            sender_key=f"address-{n}",
        )
    )
    assert stored == LIMIT
