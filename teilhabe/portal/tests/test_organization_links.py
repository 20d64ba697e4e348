"""An organisation's start page links the parts of its portal beyond its plan (Kennzahlen,
Angebote, Förderung, Gute Beispiele) while they have something published, in the reader's
language; the page of a town drafting its plan too, with a clean title."""

import re

import pytest
from django.test import Client

from teilhabe.indicators import services as indicator_services
from teilhabe.indicators.models import Indicator
from teilhabe.testing import make_plan

pytestmark = pytest.mark.django_db


def _links(page: str) -> list[str]:
    section = re.search(r'<section aria-labelledby="mehr-von".*?</section>', page, re.S)
    return re.findall(r'<a class="kern-link" href="([^"]+)">', section.group(0)) if section else []


def _show_indicator(organization):
    entry = Indicator.objects.catalogue().get(code="einbuergerungen")
    shown = indicator_services.indicator_adopt(entry=entry, organization=organization, by=None)
    indicator_services.indicator_update(
        indicator=shown, version=shown.version, by=None, public=True
    )


def test_the_start_page_links_what_is_published_and_nothing_else():
    plan, _report, _units = make_plan(status="adopted", fields=1, measures_per_field=1, units=1)
    slug = plan.organization.slug
    assert _links(Client().get(f"/{slug}/").content.decode()) == []
    _show_indicator(plan.organization)
    assert _links(Client().get(f"/{slug}/").content.decode()) == [f"/{slug}/kennzahlen/"]
    english = Client().get(f"/en/{slug}/").content.decode()
    assert _links(english) == [f"/en/{slug}/kennzahlen/"]
    assert "More from" in english and ">Indicators</a>" in english


def test_a_town_drafting_in_public_links_its_indicators_and_has_a_plain_title():
    plan, _report, _units = make_plan(status="draft", fields=1, measures_per_field=1, units=1)
    plan.draft_visibility = "participation"
    plan.save(update_fields=["draft_visibility"])
    _show_indicator(plan.organization)
    page = Client().get(f"/{plan.organization.slug}/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and plan.organization.name in title
    assert _links(page) == [f"/{plan.organization.slug}/kennzahlen/"]
