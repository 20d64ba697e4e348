"""The pool's statistics on its measure's pages and in the Bilanz: numbers, never names."""

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.interpreters.services import pool as services
from teilhabe.plans import contributions

from .pool_world import DAY

pytestmark = pytest.mark.django_db


def test_measure_page_in_the_back_office_shows_the_statistics(pool_setup):
    setup = pool_setup
    services.request_mark_unmet(request=setup["submitted"], by=None)
    client = Client()
    client.force_login(setup["world"].people["reader"])
    page = client.get(reverse("plans:measure_detail", args=[setup["world"].measure.pk]))
    text = page.content.decode()
    assert "Sprachmittlerpool in Zahlen" in text
    assert "Arabisch (2)" in text
    assert "Amal Test" not in text and "Frau Beraterin" not in text
    # A measure without a pool shows no empty box.
    other = client.get(reverse("plans:measure_detail", args=[setup["world"].other_measure.pk]))
    assert "Sprachmittlerpool in Zahlen" not in other.content.decode()


def test_portal_panel_is_translated(pool_setup):
    [panel] = contributions.measure_panels(pool_setup["world"].measure, "portal")
    assert panel.template == "interpreters/portal/pool/_measure_panel.html"
    assert panel.context["interpreter_stats"].total == 2


def test_bilanz_section_counts_as_of_the_report(pool_setup):
    setup = pool_setup
    world = setup["world"]
    services.offer_accept(offer=setup["offers"][0])
    services.attendance_confirm(
        request=setup["offered"],
        requester=setup["requester"],
        attended=True,
        minutes=90,
        travel_km=0,
        today=DAY,
    )
    report = world.report
    report.as_of = DAY
    [section] = [
        s for s in contributions.bilanz_sections(world.plan, report) if s.key.startswith("interp")
    ]
    assert section.field_id == world.measure.field_id
    assert section.table.rows == [["Arabisch", "2"]]
    assert "Durchgeführt: 1 (1,5 Stunden)" in section.paragraphs[0]
    report.as_of = DAY.replace(day=1)
    assert not [
        s for s in contributions.bilanz_sections(world.plan, report) if s.key.startswith("interp")
    ]


def test_public_measure_page_shows_fresh_numbers_despite_the_cache(
    pool_setup, real_cache, django_capture_on_commit_callbacks
):
    import re

    setup = pool_setup
    world = setup["world"]
    url = reverse(
        "portal:measure",
        kwargs={
            "org_slug": world.organization.slug,
            "plan_slug": world.plan.slug,
            "pk": world.measure.pk,
        },
    )

    def unmet():
        html = Client().get(url).content.decode()
        return re.search(r"<dt>Nicht vermittelt</dt><dd>(\d+)</dd>", html).group(1)

    assert unmet() == "0"
    with django_capture_on_commit_callbacks(execute=True):
        services.request_mark_unmet(request=setup["submitted"], by=None)
    assert unmet() == "1"
