"""Walk every public URL pattern with drafts present everywhere: no draft content comes out.

The walker discovers the patterns from the URL configuration (portal and API), so a new public
URL is covered without touching this test; a pattern with a parameter the walker does not know
fails the test until someone says which values to try.
"""

import io
import itertools
import re
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from .conftest import DRAFT_MARKERS, PERSONAL_EMAIL

pytestmark = pytest.mark.django_db

PUBLIC_NAMESPACES = {"portal", "api"}
# Every format the portal and the API offer, and one they do not.
FORMATS = ["pdf", "docx", "html", "csv", "xlsx", "json", "jsonstat", "xml"]


def public_patterns():
    """(namespace, route template) for every URL under the public namespaces."""

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(
                    entry.url_patterns,
                    prefix + str(entry.pattern),
                    entry.namespace or namespace,
                )
            elif isinstance(entry, URLPattern):
                yield namespace, prefix + str(entry.pattern)

    with translation.override("de"):
        for namespace, route in walk(get_resolver().url_patterns, "", None):
            if namespace in PUBLIC_NAMESPACES:
                yield namespace, route


# Path converters (<slug:org_slug>) and regex groups ((?P<pk>[^/.]+)) of DRF's routers.
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _fill(route: str, kwargs: dict) -> str:
    filled = PARAMETER.sub(lambda m: str(kwargs[m.group(1) or m.group(2)]), route)
    return filled.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")


# (namespace, route) of every public URL, found when the tests are collected.
PATTERNS = list(public_patterns())


def candidate_values(setup):
    """Values to try for each URL parameter: public and draft objects alike."""
    plan, draft_plan = setup["plan"], setup["draft_plan"]
    measures = list(plan.fields.first().measures.values_list("pk", flat=True)[:1]) + list(
        draft_plan.fields.first().measures.values_list("pk", flat=True)[:1]
    )
    reports = [setup["report"].pk, setup["draft_report"].pk, setup["draft_plan_report"].pk]
    # Funded projects and practices, public and secret (see conftest._funding_next_to_drafts).
    reports += [a.pk for a in setup.get("applications", [])] + [
        p.pk for p in setup.get("practices", [])
    ]
    return {
        "org_slug": [plan.organization.slug, draft_plan.organization.slug],
        "plan_slug": [plan.slug, draft_plan.slug],
        "slug": [plan.slug, draft_plan.slug, plan.organization.slug, draft_plan.organization.slug],
        "number": [1],
        "pk": measures + reports,
        "id": measures + reports,
        "measure_id": measures,
        "report_id": reports,
        "fmt": FORMATS,
        "format": FORMATS,
        **participation_values(setup),
    }


def participation_values(setup):
    """Participation and council parameters (see conftest.participation_setup); a token is
    only ever a wrong one: the right one shows a person their own data, as it should."""
    return {
        "process_slug": [p.slug for p in setup["processes"]],
        "idea_id": [i.pk for i in setup["ideas"]],
        "event_id": [f.pk for f in setup["formats"]],
        "format_id": [f.pk for f in setup["formats"]],
        "group_id": [f.pk for f in setup["formats"]],
        "recommendation_id": [r.pk for r in setup["recommendations"]],
        "prioritization_id": [p.pk for p in setup.get("prioritizations", [])] or [1],
        "paper_id": [p.pk for p in setup["papers"]],
        "committee_id": [c.pk for c in setup["committees"]],
        "meeting_id": [1],
        "token": ["ungueltiges-zeichen"],
        "offer_id": [o.pk for o in setup.get("offers", [])] or [1],
        "network_id": [n.pk for n in setup.get("networks", [])] or [1],
        "indicator_id": [1, 2],
        "fund_slug": [f.slug for f in setup.get("funds", [])] or ["fonds"],
        "attachment_pk": [1],
    }


def readable_text(response) -> str:
    """The response as text, with zip containers (XLSX, DOCX) unpacked."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return content.decode("utf-8", "replace")


def urls_of(namespace: str, route: str, values: dict) -> list[str]:
    """Every URL the walker requests for one route: each combination of the values, and for
    the portal each in German and in English."""
    names = list(dict.fromkeys(a or b for a, b in PARAMETER.findall(route)))
    unknown = [name for name in names if name not in values]
    assert not unknown, f"Der Walker kennt den Parameter {unknown} in {route} nicht."
    prefixes = ("", "/en") if namespace == "portal" else ("",)
    return [
        prefix + "/" + _fill(route, dict(zip(names, combination, strict=True)))
        for combination in itertools.product(*(values[name] for name in names))
        for prefix in prefixes
    ]


# One test per route, so that xdist spreads the walk over its workers; the data is built once
# per worker (participation_setup is a shared fixture).
@pytest.mark.parametrize(("namespace", "route"), PATTERNS, ids=[route for _, route in PATTERNS])
def test_no_public_url_shows_draft_content(client, participation_setup, namespace, route):
    values = candidate_values(participation_setup)
    urls = urls_of(namespace, route, values)
    assert urls
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        text = readable_text(response)
        for marker in (*DRAFT_MARKERS, PERSONAL_EMAIL):
            assert marker not in text, f"{marker} in {url}"


def test_the_walk_covers_every_public_route_with_many_urls(participation_setup):
    values = candidate_values(participation_setup)
    assert {route for _, route in public_patterns()} == {route for _, route in PATTERNS}
    assert sum(len(urls_of(namespace, route, values)) for namespace, route in PATTERNS) > 50
