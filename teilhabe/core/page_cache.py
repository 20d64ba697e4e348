"""Whole public pages from the cache, for readers without a session.

A page is stored under its path, the language and the organisation's content generation (see
teilhabe.core.generations), which every content write of the organisation's plans changes
(plans.services.touch_plan). Readers with a session cookie (people of the back office) get
freshly rendered pages: they may have messages waiting that must not end up in a shared copy.
A time limit bounds what the generation cannot see (an organisation renamed, a plan moved).
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from . import generations

PAGE_TTL = 600


def _from_cache(request, scope, render):
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return render()
    # The page is stored with the generation it was rendered in, under a key without it: the
    # generation and the page then come in one round trip to the cache (the two trips of a
    # key containing the generation were most of a cached page's cost), and a page of an
    # older generation is simply rendered again.
    generation_key = generations.key(scope)
    key = f"portal:page:{get_language()}:{scope}:{request.get_full_path()}"
    found = cache.get_many([generation_key, key])
    generation = found.get(generation_key) or generations.current(scope)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return HttpResponse(stored[1], content_type=stored[2])
    response = render()
    if response.status_code == 200 and not response.cookies and not response.streaming:
        cache.set(key, (generation, response.content, response["Content-Type"]), PAGE_TTL)
    return response


def cached_public_page(view):
    @wraps(view)
    def wrapper(request, org_slug, *args, **kwargs):
        return _from_cache(
            request,
            generations.organization_scope(org_slug),
            lambda: view(request, org_slug, *args, **kwargs),
        )

    return wrapper


def cached_site_page(view):
    """The same for the platform's own pages (the start page listing every municipality): their
    generation changes with every organisation's (teilhabe.core.generations.bump)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return _from_cache(request, generations.SITE_SCOPE, lambda: view(request, *args, **kwargs))

    return wrapper
