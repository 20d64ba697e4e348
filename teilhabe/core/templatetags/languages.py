"""Template helpers for the multilingual public pages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


def _is_portal_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "portal" in match.namespaces


def _with_language(path: str, current: str, code: str) -> str:
    """The portal's address of this page in another language.

    The portal's routes are the same words in every language (config/urls.py: i18n_patterns
    without translated paths, German without a prefix), so the address in another language is
    this one with its language prefix exchanged. Django's translate_url finds the same by
    resolving and reversing the path once per language — twelve URL resolutions per page, the
    largest part of a fresh portal page's URL work."""
    rest = path
    if current != settings.LANGUAGE_CODE:
        prefix = f"/{current}/"
        if path.startswith(prefix):
            rest = path[len(prefix) - 1 :]
    return rest if code == settings.LANGUAGE_CODE else f"/{code}{rest}"


@register.simple_tag(takes_context=True)
def language_links(context):
    """Every interface language with the address of this page in it (for switcher and hreflang)."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    # Header and <head> both ask for the links: work them out once per request and language.
    memo = getattr(request, "_teilhabe_language_links", None)
    if memo is not None and memo[0] == current:
        return memo[1]
    links = []
    full_path = request.get_full_path()
    portal = _is_portal_page(request)
    site_url = settings.SITE_URL.rstrip("/")
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if portal:
            url, path = (
                _with_language(full_path, current, code),
                _with_language(request.path, current, code),
            )
        else:
            url, path = translate_url(full_path, code), translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                # From SITE_URL, not the request's Host: the page is cached and served to every
                # reader, whatever Host the first one sent.
                "absolute_url": site_url + path,
                "bidi": info["bidi"],
                "current": code == current,
            }
        )
    request._teilhabe_language_links = (current, links)
    return links


def _falls_back(obj, field: str) -> bool:
    """True when the active language has no text of its own for `field` but German has one."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return False
    own = getattr(obj, build_localized_fieldname(field, language), None)
    german = getattr(obj, build_localized_fieldname(field, settings.LANGUAGE_CODE), None)
    return not own and bool(german)


@register.filter
def lang_of(obj, field: str):
    """` lang="de" dir="ltr"` for an element whose text is shown in German for lack of a
    translation, so screen readers pronounce it as German; empty otherwise."""
    if obj and _falls_back(obj, field):
        return format_html(' lang="{}" dir="ltr"', settings.LANGUAGE_CODE)
    return ""


@register.simple_tag
def untranslated(*pairs):
    """True if any of the given (object, "field", object, "field", …) falls back to German."""
    objects, fields = pairs[::2], pairs[1::2]
    return any(obj and _falls_back(obj, field) for obj, field in zip(objects, fields, strict=False))


@register.filter
def isolate(value):
    """`<bdi>` around a value put into a translated sentence: a German title, a name or the
    reader's query keeps its own direction inside an Arabic sentence instead of being
    scrambled with it (Unicode bidi isolation; harmless in left-to-right text)."""
    return format_html("<bdi>{}</bdi>", value)
