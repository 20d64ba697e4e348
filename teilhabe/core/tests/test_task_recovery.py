"""A task whose worker died is queued again, exactly once, on PostgreSQL."""

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from teilhabe.core import task_recovery
from teilhabe.core.tasks import queue_probe


def running(worker_id: str) -> DBTaskResult:
    result = queue_probe.enqueue("t", 0)
    row = DBTaskResult.objects.get(id=result.id)
    row.claim(worker_id)
    return row


@pytest.mark.django_db
def test_task_of_dead_worker_runs_again_and_of_live_worker_stays():
    lease = task_recovery.WorkerLease("worker-alive")
    if connection.vendor != "postgresql":
        # SQLite: one machine, no advisory locks; nothing is taken away from a worker.
        orphan = running("worker-gone")
        assert task_recovery.requeue_orphaned() == []
        orphan.refresh_from_db()
        assert orphan.status == TaskResultStatus.RUNNING
        return
    lease.acquire()
    try:
        alive = running("worker-alive")
        orphan = running("worker-gone")
        assert task_recovery.requeue_orphaned() == [str(orphan.id)]
        alive.refresh_from_db()
        orphan.refresh_from_db()
        assert alive.status == TaskResultStatus.RUNNING
        assert orphan.status == TaskResultStatus.READY
        assert orphan.worker_ids == ["worker-gone"]
        # A second recovery round (another worker's) finds nothing more to hand out.
        assert task_recovery.requeue_orphaned() == []
        with pytest.raises(RuntimeError):
            task_recovery.WorkerLease("worker-alive").acquire()
    finally:
        lease.release()
    # With the lease gone (a killed process loses it with its connection) the task is free.
    assert task_recovery.requeue_orphaned() == [str(alive.id)]


def test_probe_effect_happens_once_however_often_it_runs(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"}
    }
    from django.core.cache import cache

    assert queue_probe.call("once", 0) == 1
    assert queue_probe.call("once", 0) == 2
    assert cache.get("queue-probe:once:done") == 1
