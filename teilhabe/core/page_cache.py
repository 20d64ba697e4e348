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


def cached_public_page(view):
    @wraps(view)
    def wrapper(request, org_slug, *args, **kwargs):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, org_slug, *args, **kwargs)
        generation = generations.current(generations.organization_scope(org_slug))
        key = f"portal:page:{get_language()}:{generation}:{request.get_full_path()}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, org_slug, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TTL)
        return response

    return wrapper
