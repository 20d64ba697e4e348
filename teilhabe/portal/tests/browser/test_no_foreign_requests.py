"""Public pages load everything from their own server: no web fonts, scripts, styles, images or
beacons from anybody else (GDPR; the Content-Security-Policy says the same). Every request of
the browser context goes through a route handler that records it and blocks it if foreign;
the browser's own resource timing is a second witness."""

import pytest

from teilhabe.backoffice.tests.browser.support import visit

from .support import discover_paths, is_foreign, localized

RESOURCES = "() => performance.getEntriesByType('resource').map(e => e.name)"


class RequestLog:
    """Every URL a browser context asked for, with the page it was on."""

    def __init__(self, page, own_origin: str):
        self.page = page
        self.own_origin = own_origin
        self.requests: list[tuple[str, str]] = []
        page.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.requests.append((self.page.url, url))
        if is_foreign(url, self.own_origin):
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def add_resource_timing(self) -> None:
        self.requests += [(self.page.url, url) for url in self.page.evaluate(RESOURCES)]

    def assert_same_origin(self, at_least: int) -> None:
        assert len(self.requests) >= at_least, f"the route saw only {len(self.requests)} requests"
        assert any(url.endswith(".css") for _, url in self.requests), "no stylesheet seen"
        foreign = sorted(
            {f"{url} (on {on})" for on, url in self.requests if is_foreign(url, self.own_origin)}
        )
        assert not foreign, "requests to other origins:\n" + "\n".join(foreign)


@pytest.mark.browser
def test_public_pages_request_nothing_from_another_origin(page, demo):
    log = RequestLog(page, demo.live_url)
    paths = discover_paths(page)
    for language in ["de", "ar"]:
        for portal_page in paths.pages():
            visit(page, localized(portal_page.path, language), status=portal_page.status)
            log.add_resource_timing()
    log.assert_same_origin(at_least=len(paths.pages()) * 2 * 4)


@pytest.mark.browser
def test_api_docs_request_nothing_from_another_origin(page, demo):
    """Swagger UI (drf-spectacular) loads its scripts and styles from a CDN unless told not to."""
    log = RequestLog(page, demo.live_url)
    visit(page, "/api/docs/")
    page.wait_for_load_state("networkidle")
    log.add_resource_timing()
    log.assert_same_origin(at_least=3)
    page.locator(".swagger-ui .info").wait_for()


def test_origin_check_flags_other_origins():
    """The check the two tests above rely on: it must be able to fail."""
    live = "http://localhost:41234"
    assert is_foreign("https://fonts.googleapis.com/css", live)
    assert is_foreign("https://fonts.googleapis.com/css?family=Fira+Sans", live)
    assert is_foreign("https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css", live)
    assert is_foreign("http://localhost:8000/static/x.css", live), "another port"
    assert is_foreign("https://localhost:41234/", live), "another scheme"
    assert is_foreign("http://127.0.0.1:41234/", live), "another host name"
    assert not is_foreign(live, live)
    assert not is_foreign(f"{live}/static/vendor/kern-ux/kern.min.css", live)
    assert not is_foreign(f"{live}/ar/suche/?q=x", live)
    assert not is_foreign("HTTP://LOCALHOST:41234/", live)
    assert not is_foreign("data:image/svg+xml;base64,PHN2Zy8+", live)
