"""Browser tests: Debian's chromium driven by Playwright (sync API) against pytest-django's
live server, with the demo data (Landkreis Böblingen) loaded into the test database.

One browser per test session; each test gets fresh browser contexts (cookies, storage) and a
freshly loaded demo database. `assert_accessible(page)` runs axe-core with the WCAG 2.1 A/AA tags.
"""

import contextlib
import datetime as dt
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


@pytest.fixture
def demo(live_server, transactional_db) -> Demo:
    """`teilhabe demo` in the test database: Böblingen's plan, Bilanz 2017 (published) and a draft
    Bilanz of this year; the demo logins with the password "teilhabe-demo"."""
    from teilhabe.demo.load import load_demo
    from teilhabe.plans.models import ProgressReport

    load_demo()
    draft = ProgressReport.objects.get(plan__slug=PLAN_SLUG, status="draft")
    published = ProgressReport.objects.get(plan__slug=PLAN_SLUG, status="published")
    assert draft.title == f"Bilanz {dt.date.today().year}"
    return Demo(
        live_url=live_server.url,
        plan_slug=PLAN_SLUG,
        draft_report_id=draft.pk,
        draft_title=draft.title,
        published_report_id=published.pk,
    )


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
