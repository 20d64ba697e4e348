"""OParl sync through the task queue (django-tasks, database backend; worker: `teilhabe
db_worker`): "Jetzt abgleichen" in the back office and the automatic schedule of a source.

The schedule is a chain: each run of a source with `schedule_hours` enqueues the next one with
`run_after`, unless one is already waiting, so manual runs never start a second chain.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from teilhabe.council.models import OParlSource, SyncRun, SyncStatus

from .sync import sync_source


@task()
def oparl_sync_task(source_id: int, run_id: int | None = None) -> dict:
    """Sync one source (into the queued run `run_id` if given) and schedule the next run."""
    source = OParlSource.objects.filter(pk=source_id).first()
    if source is None:  # removed while the task waited
        return {"status": "gone"}
    run = SyncRun.objects.filter(pk=run_id, source=source).first() if run_id else None
    run = sync_source(source, run=run)
    schedule_next(source)
    return {"run": run.pk, "status": run.status, "error": run.error}


def _waiting_for(source_id: int):
    """Queued tasks of this source that have not started (any run_after)."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=oparl_sync_task.module_path, status="READY"
    ).only("args_kwargs", "run_after")
    return [r for r in waiting if (r.args_kwargs.get("args") or [None])[0] == source_id]


def schedule_next(source: OParlSource) -> bool:
    """Enqueue the next automatic run of `source` if it has a schedule and none is waiting."""
    if not source.schedule_hours or _waiting_for(source.pk):
        return False
    oparl_sync_task.using(
        run_after=timezone.now() + timedelta(hours=source.schedule_hours)
    ).enqueue(source.pk)
    return True


def enqueue_sync(source: OParlSource) -> SyncRun:
    """Queue a run now ("Jetzt abgleichen"): the run shows as waiting until a worker takes it."""
    run = SyncRun.objects.create(source=source, status=SyncStatus.QUEUED)
    transaction.on_commit(lambda: oparl_sync_task.enqueue(source.pk, run.pk))
    return run
