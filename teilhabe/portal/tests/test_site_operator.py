"""The site's operator owns the site-wide legal pages; it is named by TEILHABE_SITE_OPERATOR and
never guessed. Without one the pages answer plainly; the header links only to pages that exist."""

import re

import pytest
from django.urls import reverse

from teilhabe.demo.load import DEMO_SITE_OPERATOR, load_demo
from teilhabe.portal.pages import site_operator
from teilhabe.testing import make_organization

pytestmark = pytest.mark.django_db

SITE_PAGES = ["site_imprint", "site_privacy", "site_accessibility", "site_easy_language"]


def _header(html: str) -> str:
    return html[html.index("<header") : html.index("</header>")]


def test_no_operator_configured_names_no_organisation(client, settings):
    settings.TEILHABE_SITE_OPERATOR = ""
    make_organization("Landkreis Esslingen")
    assert site_operator() is None
    for name in SITE_PAGES:
        response = client.get(reverse(f"portal:{name}"))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "Landkreis Esslingen" not in html, name
    html = client.get(reverse("portal:site_imprint")).content.decode()
    assert "noch nicht eingetragen, wer es betreibt" in html


def test_an_unknown_slug_is_no_operator(client, settings):
    settings.TEILHABE_SITE_OPERATOR = "gibt-es-nicht"
    assert site_operator() is None
    assert client.get(reverse("portal:site_privacy")).status_code == 200


def test_the_configured_operator_owns_the_pages(client, settings):
    operator = make_organization("Landkreis Betreiber")
    make_organization("Landkreis Anders")
    settings.TEILHABE_SITE_OPERATOR = operator.slug
    html = client.get(reverse("portal:site_imprint")).content.decode()
    assert "Landkreis Betreiber" in html and "Landkreis Anders" not in html
    # The operator has no public plan: the header must not link to its (missing) start page.
    assert reverse("portal:organization", args=[operator.slug]) not in _header(html)


def test_every_header_link_of_the_demo_answers(client, settings):
    load_demo()
    settings.TEILHABE_SITE_OPERATOR = DEMO_SITE_OPERATOR
    pages = ["/", "/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/"]
    pages += [f"/{DEMO_SITE_OPERATOR}/", f"/{DEMO_SITE_OPERATOR}/impressum/"]
    checked = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        header = _header(html)
        assert header.count(">Leichte Sprache<") == 1, page
        if page in ("/impressum/", "/datenschutz/"):
            assert "Landkreis Böblingen" in html and "Landkreis Esslingen" not in html
        for href in re.findall(r'href="([^"#]+)"', header):
            if href.startswith("/") and href not in checked:
                checked.add(href)
                assert client.get(href).status_code == 200, (page, href)
    assert checked
