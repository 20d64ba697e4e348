"""Tasks whose worker died: put back into the queue, so that another worker runs them.

django-tasks' db_worker marks a task RUNNING when it takes it and leaves it so if the process
is killed (out of memory, a machine lost): nobody would ever run it again. Each worker of ours
(`teilhabe worker`) therefore holds a PostgreSQL advisory lock named after its id for as long
as it lives, on a connection of its own; PostgreSQL releases the lock the moment the process or
its machine is gone. A RUNNING task whose worker's lock can be taken has lost its worker and is
set READY again — with a compare-and-set on its worker list, so that two workers recovering at
the same time cannot hand it out twice. Tasks must therefore be safe to run again (the OParl
sync resumes where it stopped; emails are marked sent in the same transaction).

SQLite has no advisory locks: there one machine runs everything and recovery is not offered.
"""

import hashlib
import logging
from typing import Any

from django.db import connection, connections

logger = logging.getLogger(__name__)

# The first half of the two-part advisory lock key: "teilhabe task worker".
LOCK_CLASS = 0x7E11_7A5C & 0x7FFF_FFFF


def lock_key(worker_id: str) -> int:
    return int.from_bytes(hashlib.sha256(worker_id.encode()).digest()[:4], "big", signed=True)


def supported(alias: str = "default") -> bool:
    return connections[alias].vendor == "postgresql"


class WorkerLease:
    """The advisory lock that says "this worker lives", on a connection nobody else closes."""

    def __init__(self, worker_id: str, alias: str = "default") -> None:
        self.worker_id = worker_id
        self.alias = alias
        self._connection: Any = None

    def acquire(self) -> None:
        import psycopg

        params = connections[self.alias].get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params.pop("prepare_threshold", None)
        params.pop("pool", None)
        self._connection = psycopg.connect(**params, autocommit=True)
        row = self._connection.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS, lock_key(self.worker_id))
        ).fetchone()
        if not row or not row[0]:
            raise RuntimeError(f"worker id {self.worker_id} is already in use")

    def release(self) -> None:
        if self._connection is not None:
            # Unlock first: the server notices a closed connection only a moment later.
            self._connection.execute("SELECT pg_advisory_unlock_all()")
            self._connection.close()
            self._connection = None


def _worker_alive(cursor: Any, worker_id: str) -> bool:
    key = lock_key(worker_id)
    cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, key])
    taken = cursor.fetchone()[0]
    if taken:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, key])
        return False
    return True


def requeue_orphaned() -> list[str]:
    """Set RUNNING tasks whose worker is gone back to READY; their ids."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not supported():
        return []
    requeued: list[str] = []
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list("id", "worker_ids")
    )
    if not running:
        return requeued
    with connection.cursor() as cursor:
        for task_id, worker_ids in running:
            if not worker_ids or _worker_alive(cursor, worker_ids[-1]):
                continue
            changed = DBTaskResult.objects.filter(
                id=task_id, status=TaskResultStatus.RUNNING, worker_ids=worker_ids
            ).update(status=TaskResultStatus.READY, started_at=None)
            if changed:
                logger.warning(
                    "task %s: worker %s is gone, the task is queued again", task_id, worker_ids[-1]
                )
                requeued.append(str(task_id))
    return requeued
