"""Cache generations: a token per scope (e.g. one organisation's public content) that changes
whenever content in that scope changes.

Pages cached under a key containing the token are invalidated by changing the token, so the read
path needs no database query at all — the public start page is served from the cache alone.
"""

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")


def key(scope: str) -> str:
    """The cache key of a scope's token (the page cache reads it together with the page)."""
    return f"generation:{scope}"


_key = key


def current(scope: str) -> str:
    token = cache.get(_key(scope))
    if token is None:
        cache.add(_key(scope), uuid.uuid4().hex, None)
        token = cache.get(_key(scope)) or "none"
    return token


# The platform's own pages (the start page lists the municipalities): changed with any of them.
SITE_SCOPE = "site"


def bump(scope: str) -> None:
    if scope.startswith("organization:"):
        cache.set_many({_key(scope): uuid.uuid4().hex, _key(SITE_SCOPE): uuid.uuid4().hex}, None)
    else:
        cache.set(_key(scope), uuid.uuid4().hex, None)


def read(scope: str, key: str) -> tuple[Any, str]:
    """The value stored under `key` in the scope's current generation (None if there is none or
    it belongs to an older one) and that generation, in one round trip to the cache: the value
    is stored with its generation under a key without it (`store`), so the token and the value
    come together."""
    generation_key = _key(scope)
    found = cache.get_many([generation_key, key])
    generation = found.get(generation_key) or current(scope)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1], generation
    return None, generation


def store(key: str, generation: str, value: Any, timeout: int) -> None:
    cache.set(key, (generation, value), timeout)


def remembered(scope: str, key: str, compute: Callable[[], T], timeout: int = 600) -> T:
    """A value derived from what the scope publishes (which sections an organisation's portal
    links, say), kept until the scope's content changes: one round trip to the cache instead of
    the queries that compute it. `compute` must not return None."""
    value, generation = read(scope, key)
    if value is None:
        value = compute()
        store(key, generation, value, timeout)
    return value


def organization_scope(org_slug: str) -> str:
    """The scope of everything an organisation publishes on the portal."""
    return f"organization:{org_slug}"
