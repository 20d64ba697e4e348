"""Request limits: anonymous clients per address, key holders per person and higher. The
test settings switch caching off, so these tests switch a real cache on (real_cache)."""

import pytest
from django.conf import settings
from django.core.paginator import Paginator

from teilhabe.api.throttling import AnonymousThrottle, TokenThrottle
from teilhabe.plans import services

from .conftest import bearer, error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(real_cache, monkeypatch):
    monkeypatch.setattr(AnonymousThrottle, "rate", "2/min", raising=False)
    monkeypatch.setattr(TokenThrottle, "rate", "4/min", raising=False)
    return real_cache


def test_rates_come_from_the_settings():
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates["anon"] == "120/min"
    assert rates["token"] == "1200/min"


def test_anonymous_clients_are_throttled_with_a_german_message(api, world, low_limits):
    assert api.get("/api/v1/plans/").status_code == 200
    assert api.get("/api/v1/measures/").status_code == 200
    response = api.get("/api/v1/plans/")
    assert response.status_code == 429
    error = error_of(response)
    assert error["code"] == "throttled"
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 60
    assert error["meldung"] == f"Zu viele Anfragen – bitte in {seconds} Sekunden erneut versuchen."


def test_addresses_are_counted_separately(api, world, low_limits):
    for _ in range(2):
        api.get("/api/v1/plans/", REMOTE_ADDR="10.0.0.1")
    assert api.get("/api/v1/plans/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert api.get("/api/v1/plans/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_forged_forwarded_header_does_not_escape_the_limit(api, world, low_limits):
    for i in range(2):
        api.get("/api/v1/plans/", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = api.get("/api/v1/plans/", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_key_holders_get_more_requests(api, world, low_limits):
    key = world.key("editor_own")
    statuses = [api.get("/api/v1/plans/", **bearer(key)).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # Their limit is their own: anonymous requests from the same address still count apart.
    assert api.get("/api/v1/plans/").status_code == 200


def test_counts_are_cached_until_the_content_changes(api, world, real_cache, monkeypatch):
    """The big lists count once per state of the public content (CachedCountPaginator)."""
    computed = []
    monkeypatch.setattr(
        Paginator,
        "count",
        property(lambda self: computed.append(1) or self.object_list.count()),
    )
    first = api.get("/api/v1/measures/").json()["count"]
    again = api.get("/api/v1/measures/").json()["count"]
    assert first == again == 8
    assert len(computed) == 1
    field = world.plan.fields.first()
    services.measure_create(field=field, title="Noch eine Maßnahme", by=None)
    assert api.get("/api/v1/measures/").json()["count"] == 9
    assert len(computed) == 2
