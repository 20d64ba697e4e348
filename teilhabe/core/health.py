"""What /healthz checks: the database, the cache and the task queue, each with its time."""

import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# A task that waits longer than this for a worker is reported as "verzögert": the queue answers,
# but no worker seems to take work. Not a failure of this app server (the load balancer must not
# take every server out for it); the monitoring reads it from the body.
TASK_DELAY_SECONDS = 600


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _cache() -> dict[str, Any]:
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1" and not _cache_is_dummy():
        raise RuntimeError("cache lost the value it was given")
    return {}


def _cache_is_dummy() -> bool:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return backend.endswith("DummyCache")


def _tasks() -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)[:1]
    )
    waiting_since = next(iter(oldest), None)
    delay = (timezone.now() - waiting_since).total_seconds() if waiting_since else 0.0
    result: dict[str, Any] = {"oldest_waiting_seconds": round(delay)}
    if delay > TASK_DELAY_SECONDS:
        result["note"] = "verzögert"
    return result


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": _database,
    "cache": _cache,
    "tasks": _tasks,
}


def check() -> dict[str, Any]:
    report: dict[str, Any] = {"status": "ok"}
    for name, probe in CHECKS.items():
        started = time.perf_counter()
        try:
            detail = probe()
        except Exception as error:  # noqa: BLE001  (any failure is the answer)
            logger.warning("healthz: %s failed: %s", name, error)
            report[name] = {"status": "error", "error": type(error).__name__}
            report["status"] = "error"
            continue
        milliseconds = round((time.perf_counter() - started) * 1000, 1)
        report[name] = {"status": "ok", "ms": milliseconds, **detail}
    return report
