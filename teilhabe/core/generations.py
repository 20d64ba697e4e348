"""Cache generations: a token per scope (e.g. one organisation's public content) that changes
whenever content in that scope changes.

Pages cached under a key containing the token are invalidated by changing the token, so the read
path needs no database query at all — the public start page is served from the cache alone.
"""

import uuid

from django.core.cache import cache


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


def organization_scope(org_slug: str) -> str:
    """The scope of everything an organisation publishes on the portal."""
    return f"organization:{org_slug}"
