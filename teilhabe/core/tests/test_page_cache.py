"""Stored public pages come back exactly as rendered: the same body and headers, before the
middleware below PageCacheMiddleware runs, and never for readers with a session."""

import pytest

from teilhabe.core import generations, page_cache
from teilhabe.testing.factories import OrganizationFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db

# Set by the middleware above the page cache on every response, stored or fresh.
ABOVE = {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
         "Cross-Origin-Opener-Policy"}  # fmt: skip


@pytest.fixture
def plan_path():
    organization = OrganizationFactory(name="Kreis Speicher")
    plan = PlanFactory(organization=organization, status="adopted", title="Plan im Speicher")
    return organization, f"/{organization.slug}/plan/{plan.slug}/"


def test_a_stored_page_has_the_body_and_headers_of_the_fresh_one(
    client, real_cache, plan_path, django_assert_num_queries
):
    _organization, path = plan_path
    page_cache._known.clear()
    fresh = client.get(path)
    assert fresh.status_code == 200
    assert path in page_cache._known  # this process now serves it before the stack
    with django_assert_num_queries(0):
        stored = client.get(path)
    assert stored.content == fresh.content
    assert dict(stored.items()) == dict(fresh.items())
    for header in ("Content-Language", "Vary", "X-Frame-Options", "Content-Security-Policy"):
        assert stored[header] == fresh[header]
    assert set(stored.headers) >= ABOVE
    # The middleware below did not run: a stored page is the whole answer.
    assert not hasattr(stored.wsgi_request, "user")


def test_each_language_and_query_is_its_own_page(client, real_cache, plan_path):
    _organization, path = plan_path
    german = client.get(path)
    english = client.get(f"/en{path}")
    assert german["Content-Language"] == "de"
    assert english["Content-Language"] == "en"
    assert client.get(f"/en{path}").content == english.content
    assert client.get(path).content == german.content


def test_a_content_change_renders_the_page_again(client, real_cache, plan_path):
    organization, path = plan_path
    client.get(path)
    client.get(path)
    organization.plans.update(title="Neuer Titel")
    assert "Neuer Titel" not in client.get(path).content.decode()
    generations.bump(generations.organization_scope(organization.slug))
    assert "Neuer Titel" in client.get(path).content.decode()


def test_readers_with_a_session_get_fresh_pages(client, real_cache, plan_path):
    organization, path = plan_path
    client.get(path)
    client.get(path)
    organization.plans.update(title="Frisch für Angemeldete")
    client.force_login(UserFactory())
    assert "Frisch für Angemeldete" in client.get(path).content.decode()


def test_a_process_remembers_a_bounded_number_of_paths(monkeypatch):
    monkeypatch.setattr(page_cache, "_known", {})
    monkeypatch.setattr(page_cache, "KNOWN_PATHS_MAX", 3)
    for number in range(5):
        page_cache._remember(f"/seite-{number}/", "de", "site")
    assert list(page_cache._known) == ["/seite-2/", "/seite-3/", "/seite-4/"]


def test_a_foreign_host_is_refused_even_for_a_stored_page(client, real_cache, plan_path):
    _organization, path = plan_path
    client.get(path)
    assert client.get(path).status_code == 200
    assert client.get(path, HTTP_HOST="boese.example").status_code == 400


def test_a_stored_page_names_the_site_not_the_first_readers_host(
    client, real_cache, plan_path, settings
):
    """The alternate-language links come from SITE_URL: a stored page is served to everybody,
    whatever Host its first reader sent."""
    settings.SITE_URL = "https://teilhabe.example"
    _organization, path = plan_path
    client.get(path, HTTP_HOST="localhost")
    html = client.get(path, HTTP_HOST="127.0.0.1").content.decode()
    assert f'hreflang="en" href="https://teilhabe.example/en{path}"' in html
    assert "//localhost" not in html


def test_public_pages_answer_head_as_monitors_ask(client, real_cache, plan_path):
    _organization, path = plan_path
    for _ in range(2):  # rendered, then stored
        response = client.head(path)
        assert response.status_code == 200
        assert response["Content-Language"] == "de"
