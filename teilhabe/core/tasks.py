"""Tasks of the platform itself (not of a domain)."""

import time

from django.core.cache import cache
from django_tasks import task


@task()
def queue_probe(token: str, seconds: float = 0.0) -> int:
    """Run through the queue end to end, for operators and the topology exercise.

    Its effect (one mark in the shared cache) happens once however often it runs: a task
    that a dead worker left behind runs again, so every task must be safe to repeat. Returns
    how often it has been started."""
    started = cache.get_or_set(f"queue-probe:{token}:started", 0, timeout=3600)
    try:
        started = cache.incr(f"queue-probe:{token}:started")
    except ValueError:
        started = 1
    time.sleep(seconds)
    cache.add(f"queue-probe:{token}:done", started, timeout=3600)
    return int(started)
