"""Browser tests: Debian's chromium driven by Playwright (sync API) against a live server, with
the demo data (Landkreis Böblingen) in the test database.

One browser and one live server per test session (xdist worker); the demo is loaded once per
worker and put back from a copy of its rows after every test (teilhabe.testing.pytest_plugin's
`demo_database`), so each test starts from the demo as loaded, whatever the previous one changed.
Each test gets fresh browser contexts (cookies, storage). Browser tests take their database
access from `demo`: they carry no `django_db` mark. `assert_accessible(page)` runs axe-core with
the WCAG 2.1 A/AA tags.
"""

import contextlib
import re

import pytest

from .support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PLAN_SLUG,
    AccessibilityLog,
    Demo,
    ServerErrors,
    assert_accessible,
)


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    return assert_accessible


@pytest.fixture
def a11y_log():
    return AccessibilityLog()


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _cached_static_files_handler():
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    class Handler(StaticFilesHandler):
        """Static files with a Cache-Control header, as production sends them (WhiteNoise,
        hashed names, cached for good): a browser context fetches each file once instead of
        the live server serving a dozen files for every page."""

        def serve(self, request):
            response = super().serve(request)
            response["Cache-Control"] = "public, max-age=3600"
            return response

    return Handler


@pytest.fixture(scope="session")
def demo_server(request, _database_state):
    """One live server per session (not pytest-django's `live_server`, whose tests are flushed
    after each test). On in-memory SQLite it shares the test thread's connection."""
    import os

    from django.test.utils import modify_settings
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = _cached_static_files_handler()
    with modify_settings(ALLOWED_HOSTS={"append": server.thread.host}):
        server.start()
        yield server
        server.stop()


@pytest.fixture
def demo(demo_server, demo_database) -> Demo:
    """`teilhabe demo` in the test database: Böblingen's plan, Bilanz 2017 (published) and a draft
    Bilanz of this year; the demo logins with the password "teilhabe-demo". Whatever the test
    changes is undone after it."""
    return Demo(live_url=demo_server.url, plan_slug=PLAN_SLUG, **demo_database)


@pytest.fixture
def new_page(browser, demo, request):
    """Factory: a page in a fresh browser context (its own cookies), desktop-sized by default."""
    contexts = []
    errors = ServerErrors()

    def make(viewport: dict | None = None, **context_options):
        context = browser.new_context(
            base_url=demo.live_url,
            viewport=viewport or DESKTOP,
            locale="de-DE",
            timezone_id="Europe/Berlin",
            accept_downloads=True,
            **context_options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors.watch(page)
        if context_options.get("java_script_enabled") is False:
            page.axe_twin = make(viewport=viewport)
        return page

    yield make

    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        target = ARTIFACTS / "failures"
        target.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                # A failing screenshot must not hide the real failure.
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(target / f"{name}-{i}-{j}.png"), full_page=True)
    for context in contexts:
        context.close()
    if not failed:
        assert not errors.items, "server or JavaScript errors:\n" + "\n".join(errors.items)


@pytest.fixture
def page(new_page):
    return new_page()
