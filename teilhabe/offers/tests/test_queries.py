"""The inventory's pages ask the database a fixed number of times, however many offers exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.offers import services

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def _more_offers(world, count):
    organization = world["organization"]
    field = world["plan"].fields.get(number=2)
    for n in range(count):
        services.offer_create(
            organization=organization,
            provider=world["other_provider"],
            title=f"Angebot {n}",
            state="published",
            fields=[field],
            service_area=[organization],
            target_groups=["youth", "families"],
            languages=["de", "uk", "ru"],
            places=[{"name": f"Ort {n}"}],
            by=None,
        )


def test_pages_ask_a_fixed_number_of_queries(client, offers_world, django_assert_max_num_queries):
    w = offers_world
    slug = w["organization"].slug
    public = [
        reverse("portal:offers_directory", args=[slug]),
        reverse("portal:offers_directory", args=[slug]) + "?sprache=uk&zielgruppe=youth&q=Angebot",
        reverse("portal:offers_networks", args=[slug]),
    ]
    internal = [
        reverse("offers:offer_list", args=[slug]),
        reverse("offers:offer_list", args=[slug]) + "?sprache=de&feld=1&stand=published",
        reverse("offers:gap_view", args=[slug]),
        reverse("offers:gap_view", args=[slug]) + "?sprache=uk&entwuerfe=1",
        reverse("offers:provider_list", args=[slug]),
        reverse("offers:network_list", args=[slug]),
    ]
    # Some matching rows first: prefetches run only for a non-empty page.
    _more_offers(w, 2)
    before = {url: _queries(client, url) for url in public}
    client.force_login(w["people"]["coordinator"])
    before |= {url: _queries(client, url) for url in internal}
    client.logout()
    _more_offers(w, 60)
    for url in public:
        with django_assert_max_num_queries(before[url]):
            client.get(url)
    client.force_login(w["people"]["coordinator"])
    for url in internal:
        with django_assert_max_num_queries(before[url]):
            client.get(url)


def test_the_gap_view_shows_where_nothing_exists(client, offers_world):
    w = offers_world
    client.force_login(w["people"]["reader"])
    html = client.get(reverse("offers:gap_view", args=[w["organization"].slug])).content.decode()
    # Field 1 × women has the published Sprachcafé; children only the draft (not counted).
    from teilhabe.offers.selectors import gap_view

    gaps = gap_view(w["organization"])
    field = w["offer"].fields.get()
    (first,) = [row for row in gaps.by_field.rows if row.key == field.pk]
    women = gaps.by_field.columns.index("Frauen")
    children = gaps.by_field.columns.index("Kinder")
    assert first.cells[women].count == 1 and first.cells[children].count == 0
    # The Sprachcafé counts for women and newcomers: every other cell is empty.
    assert gaps.by_field.empty_cells == len(gaps.by_field.rows) * len(gaps.by_field.columns) - 2
    with_drafts = gap_view(w["organization"], include_drafts=True)
    assert with_drafts.by_field.rows[-1].cells[children].count == 1
    assert "keine" in html and "Angebote nach Sprache und Kommune" in html


def test_the_gap_counts_kept_in_the_cache_change_with_the_inventory(
    offers_world, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from teilhabe.offers.selectors import gap_view

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    organization = offers_world["organization"]
    with CaptureQueriesContext(connection) as first:
        assert gap_view(organization).offer_count == 1
    with CaptureQueriesContext(connection) as second:
        gap_view(organization)
    # The grouped counts (three queries) come from the cache the second time.
    assert len(second) == len(first) - 3
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_update(offer=offers_world["draft"], state="published", by=None)
    assert gap_view(organization).offer_count == 2
    cache.clear()
