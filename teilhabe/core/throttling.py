"""Counting requests per key in fixed time windows, in the cache.

`cache.incr` is atomic in Redis (and in the in-memory cache of one process), so parallel
requests cannot slip past a limit. With CACHE_URL=redis://… every app server counts in the same
place; without it each process counts for itself, which is what a single server needs."""

import hashlib
import time

from django.core.cache import cache


def _cache_key(scope: str, key: str, window: int, now: float) -> str:
    # Hashed: the key may be an e-mail address, which has no business in the cache's keys.
    digest = hashlib.sha256(f"{scope}|{key}".encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}:{int(now // window)}"


def allow(scope: str, key: str, *, limit: int, window: int, now: float | None = None) -> bool:
    """Count one request for `key` in `scope`; False once more than `limit` came within the
    current window of `window` seconds."""
    cache_key = _cache_key(scope, key, window, now if now is not None else time.time())
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # Expired between add and incr (or a cache that keeps nothing): count from here.
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return count <= limit
