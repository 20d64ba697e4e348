"""The progress badge: valid, accessible SVG with the published figure, embeddable anywhere."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.plans import services
from teilhabe.plans.models import ProgressEntry
from teilhabe.portal.badge import Badge, text_width
from teilhabe.testing import make_plan

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def plain_404(settings):
    settings.ROOT_URLCONF = "teilhabe.portal.tests.urls_plain_404"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def badge_url(plan):
    return reverse("portal:badge", args=[plan.organization.slug, plan.slug])


def published_plan(**kwargs):
    plan, report, _units = make_plan(**kwargs)
    services.report_publish(report=report, by=None)
    report.refresh_from_db()
    return plan, report


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    return ET.fromstring(response.content)


def texts(svg) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG}text")]


def test_badge_is_accessible_svg_with_the_published_progress(client):
    plan, report = published_plan()
    # The builder's mix of statuses: (100 + 50 + 0 + 0) / 4 measures that count.
    assert ProgressEntry.objects.for_report(report).summary()["progress"] == 37.5

    svg = parse(client.get(badge_url(plan)))

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("lang") == "de"
    title = svg.find(f"{SVG}title")
    assert svg.get("aria-labelledby") == title.get("id")
    assert title.text == (
        f"Integrationsplan {plan.organization.name}: 37,5\u00a0% umgesetzt (gewichteter "
        "Fortschritt der Maßnahmen), Stand 20.02.2017"
    )
    assert texts(svg) == ["Integrationsplan", "37,5\u00a0% umgesetzt · Stand 20.02.2017"]
    width = float(svg.get("width"))
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} 20"
    assert 150 < width < 400


def test_badge_loads_nothing_from_elsewhere(client):
    plan, _report = published_plan()
    content = client.get(badge_url(plan)).content.decode()
    without_namespace = content.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(
        r"https?:|href|url\(|@import|<image|<script|<style|<foreignObject", without_namespace
    )


def test_badge_can_be_embedded_by_other_sites(client):
    plan, _report = published_plan()
    response = client.get(badge_url(plan))
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.head(badge_url(plan)).status_code == 200


def test_badge_ignores_a_draft_report(client):
    plan, _report = published_plan()
    draft = services.report_create(plan=plan, as_of=dt.date(2018, 1, 1), title="Entwurf", by=None)
    for entry in draft.entries.all():
        services.measure_update_progress(
            entry=entry, version=entry.version, status="done", percent=None, description="", by=None
        )
    title = parse(client.get(badge_url(plan))).find(f"{SVG}title").text
    assert "37,5" in title and "20.02.2017" in title and "100" not in title


def test_badge_follows_the_latest_published_report(client):
    plan, _report = published_plan()
    second = services.report_create(plan=plan, as_of=dt.date(2019, 6, 1), title="2019", by=None)
    for entry in second.entries.all():
        services.measure_update_progress(
            entry=entry, version=entry.version, status="done", percent=None, description="", by=None
        )
    services.report_publish(report=second, by=None)
    assert texts(parse(client.get(badge_url(plan))))[1] == "100\u00a0% umgesetzt · Stand 01.06.2019"


def test_badge_before_the_first_report(client):
    plan, _report, _units = make_plan()
    svg = parse(client.get(badge_url(plan)))
    assert texts(svg) == ["Integrationsplan", "noch keine Bilanz"]
    assert "noch keine Bilanz veröffentlicht" in svg.find(f"{SVG}title").text


def test_badge_of_a_draft_plan_is_not_found(client):
    plan, report, _units = make_plan(status="draft")
    services.report_publish(report=report, by=None)
    assert client.get(badge_url(plan)).status_code == 404


def test_badge_in_english_formats_numbers_and_dates_for_english(client):
    plan, _report = published_plan()
    with translation.override("en"):
        url = badge_url(plan)
        svg = parse(client.get(url))
    assert url.startswith("/en/")
    assert svg.get("lang") == "en"
    assert "37.5" in texts(svg)[1] and "02/20/2017" in texts(svg)[1]


def test_badge_in_arabic_runs_right_to_left(client):
    plan, _report = published_plan()
    with translation.override("ar"):
        svg = parse(client.get(badge_url(plan)))
    rects = svg.findall(f"{SVG}rect")
    label, value = rects[0], rects[1]
    assert float(label.get("x")) > float(value.get("x")) == 0
    assert svg.find(f"{SVG}g").get("direction") == "rtl"


def test_badge_queries_do_not_grow_with_the_plan(client):
    def count(plan):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(badge_url(plan)).status_code == 200
        return len(queries)

    small, _ = published_plan(fields=1, measures_per_field=1)
    large, _ = published_plan(fields=6, measures_per_field=10)
    assert count(small) == count(large) <= 3


def test_widths_leave_room_for_the_text():
    assert text_width("Integrationsplan") > 80
    assert text_width("WWW") > text_width("iii")
    badge = Badge(label="A", value="B", description="", progress=150, rtl=False)
    assert badge.bar_width == badge.value_width  # never wider than its box
    empty = Badge(label="A", value="B", description="", progress=None, rtl=False)
    assert empty.bar_width == 0
