"""`teilhabe worker`: django-tasks' db_worker that others can tell is alive.

Takes the same options as `db_worker`. On PostgreSQL the worker holds its advisory lock
(teilhabe.core.task_recovery) and, at start and every RECOVER_SECONDS, puts the tasks of dead
workers back into the queue; so a task survives its worker being killed, on any machine.
"""

import threading

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from teilhabe.core import task_recovery

RECOVER_SECONDS = 5.0


class Command(DbWorkerCommand):
    help = "Hintergrundaufgaben abarbeiten; Aufgaben ausgefallener Worker neu einreihen."

    def handle(self, *args, **options):
        if not task_recovery.supported():
            return super().handle(*args, **options)
        lease = task_recovery.WorkerLease(options["worker_id"])
        lease.acquire()
        stop = threading.Event()

        def recover() -> None:
            while True:
                try:
                    task_recovery.requeue_orphaned()
                except Exception:  # noqa: BLE001  (a failed round is retried in the next)
                    task_recovery.logger.exception("recovering orphaned tasks failed")
                finally:
                    close_old_connections()
                if stop.wait(RECOVER_SECONDS):
                    return

        thread = threading.Thread(target=recover, name="task-recovery", daemon=True)
        thread.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
            lease.release()
