"""Whole public pages from the cache, for readers without a session.

A page is stored under its path, the language and the organisation's content generation (see
teilhabe.core.generations), which every content write of the organisation's plans changes
(plans.services.touch_plan). Readers with a session cookie (people of the back office) get
freshly rendered pages: they may have messages waiting that must not end up in a shared copy.
A time limit bounds what the generation cannot see (an organisation renamed, a plan moved).

Two parts work together. The view decorators (`cached_public_page`, `cached_site_page`) name the
page's scope, serve a stored copy or mark a fresh render for storing. `PageCacheMiddleware`,
near the top of the stack, stores the marked page with the headers the middleware below it set
(language, Vary, frame options) and, once a process has seen a path, serves its stored copy
before sessions, locale, CSRF, authentication and URL resolution run: for an anonymous reader
they would only reproduce what is stored (the page was rendered for anonymous readers, with the
language its path names). That work was about half of a cached page's cost.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language

from . import generations

PAGE_TTL = 600
# Paths whose language and scope this process knows (one entry each; the oldest leaves first).
KNOWN_PATHS_MAX = 4096
_known: dict[str, tuple[str, str]] = {}


def _applies(request) -> bool:
    # HEAD as GET: the server leaves the body out.
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(language: str, scope: str, full_path: str) -> str:
    # The page comes with its generation in one round trip (generations.read).
    # "2": pages stored with their headers (an update must not read the older entries).
    return f"portal:page2:{language}:{scope}:{full_path}"


def _response(stored) -> HttpResponse:
    content, headers = stored
    return HttpResponse(content, headers=headers)


def _remember(full_path: str, language: str, scope: str) -> None:
    if full_path not in _known:
        if len(_known) >= KNOWN_PATHS_MAX:
            del _known[next(iter(_known))]
        _known[full_path] = (language, scope)


def _from_cache(request, scope, render):
    if not _applies(request):
        return render()
    full_path = request.get_full_path()
    language = get_language()
    _remember(full_path, language, scope)
    stored, generation = generations.read(scope, _key(language, scope, full_path))
    if stored is not None:
        return _response(stored)
    response = render()
    # Stored by PageCacheMiddleware on the way out, with the headers set below it.
    response.page_cache_key = (_key(language, scope, full_path), generation)
    return response


class PageCacheMiddleware:
    """Serves and stores the pages the decorators below name (see the module's text). Placed
    after WhiteNoise and before SessionMiddleware: the security headers and the CSP above it
    are set on stored pages as on fresh ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _applies(request):
            # As CommonMiddleware would: a Host outside ALLOWED_HOSTS is a 400, cached or not.
            request.get_host()
            full_path = request.get_full_path()
            known = _known.get(full_path)
            if known is not None:
                language, scope = known
                stored, _generation = generations.read(scope, _key(language, scope, full_path))
                if stored is not None:
                    return _response(stored)
        response = self.get_response(request)
        pending = getattr(response, "page_cache_key", None)
        if (
            pending is not None
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            key, generation = pending
            generations.store(key, generation, (response.content, dict(response.items())), PAGE_TTL)
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
