"""The language links of portal pages exchange the prefix; they must say what Django's
translate_url (resolve, then reverse in the other language) says, for every language."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve, translate_url
from django.utils import translation

from teilhabe.core.templatetags.languages import language_links

PATHS = [
    "/",
    "/landkreis-x/",
    "/landkreis-x/plan/integrationsplan/",
    "/landkreis-x/plan/integrationsplan/handlungsfeld/3/",
    "/landkreis-x/plan/integrationsplan/massnahme/17/",
    "/landkreis-x/plan/integrationsplan/bilanz/4/",
    "/suche/",
]


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_links_equal_translate_url_in_every_language(code):
    for german in PATHS:
        path = german if code == settings.LANGUAGE_CODE else f"/{code}{german}"
        for query in ("", "?q=Sprache&seite=2"):
            request = RequestFactory().get(path + query)
            with translation.override(code):
                request.resolver_match = resolve(path)
                assert "portal" in request.resolver_match.namespaces
                links = language_links({"request": request})
                expected = {
                    other: translate_url(path + query, other) for other, _ in settings.LANGUAGES
                }
            assert {link["code"]: link["url"] for link in links} == expected, path
            current = [link for link in links if link["current"]]
            assert [link["code"] for link in current] == [code]


def test_pages_outside_the_portal_keep_djangos_translation():
    request = RequestFactory().get("/anmelden/")
    request.resolver_match = resolve("/anmelden/")
    links = language_links({"request": request})
    assert {link["url"] for link in links} == {"/anmelden/"}
