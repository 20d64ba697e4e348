"""Keyboard only (Tab, Shift+Tab, Enter; never the mouse): the skip link, the main navigation's
search, the language switcher into Arabic, and the Bilanz PDF download; every link, button and
field shows where the focus is."""

import io
import re

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import visit

from .support import (
    ACCESSIBILITY_PATH,
    PLAN_PATH,
    SEARCH_QUERY,
    active,
    assert_focus_visible,
    discover_paths,
    localized,
    tab_until,
)

pytestmark = pytest.mark.browser

SKIP_LINK = {"de": "Zum Inhalt springen"}


def press_enter_and_wait(page, url_pattern) -> None:
    page.keyboard.press("Enter")
    expect(page).to_have_url(url_pattern)
    page.wait_for_load_state()


def test_first_tab_is_the_skip_link_to_the_main_content(page, demo):
    for language in ["de", "ar"]:
        visit(page, localized(PLAN_PATH, language))
        page.keyboard.press("Tab")
        first = active(page)
        assert first["hash"] == "#inhalt", f"{language}: first Tab stop is {first}"
        skip = page.locator("a.skip-link")
        expect(skip).to_be_focused()
        if language in SKIP_LINK:
            expect(skip).to_have_text(SKIP_LINK[language])
        # On screen when focused, also when the page runs right to left.
        assert_focus_visible(page)
        page.keyboard.press("Enter")
        expect(page.locator("main#inhalt")).to_be_focused()
        page.keyboard.press("Tab")
        assert active(page)["inMain"], (
            f"{language}: after the skip link, Tab went to {active(page)}"
        )


def test_search_from_the_main_navigation_by_keyboard(page, demo):
    visit(page, PLAN_PATH)
    tab_until(page, lambda a: a["nav"] == "Hauptnavigation" and a["text"] == "Suche")
    assert_focus_visible(page)
    press_enter_and_wait(page, re.compile(r"/suche/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    field = tab_until(page, lambda a: a["tag"] == "input" and a["name"] == "q")
    assert_focus_visible(page)
    assert field["inMain"], field
    page.keyboard.type(SEARCH_QUERY)
    press_enter_and_wait(page, re.compile(rf"/suche/\?(.*&)?q={SEARCH_QUERY}"))

    result = tab_until(
        page,
        lambda a: (
            a["tag"] == "a"
            and a["inMain"]
            and re.search(r"/massnahme/\d+/$", a["href"] or "")
            and SEARCH_QUERY in a["text"]
        ),
    )
    assert_focus_visible(page)
    press_enter_and_wait(page, re.compile(re.escape(result["href"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(SEARCH_QUERY)


def test_switch_to_arabic_and_download_the_bilanz_by_keyboard(page, demo):
    from pypdf import PdfReader

    from teilhabe.plans.models import ProgressReport

    published = ProgressReport.objects.get(pk=demo.published_report_id)
    report_path = discover_paths(page).report
    visit(page, report_path)

    tab_until(page, lambda a: a["tag"] == "a" and a["nav"] and a["hreflang"] == "ar")
    assert_focus_visible(page)
    press_enter_and_wait(page, re.compile(re.escape(demo.url(localized(report_path, "ar"))) + "$"))
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")

    # The Bilanz as it was published: German, whatever the page's language.
    link = tab_until(page, lambda a: a["tag"] == "a" and (a["href"] or "").endswith("bilanz.pdf"))
    assert link["inMain"], link
    assert_focus_visible(page)
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.lower().endswith(".pdf"), download.suggested_filename
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF"), data[:40]
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert published.title in text
    assert "Landkreis Böblingen" in text or "Landkreises Böblingen" in text
    assert "20.02.2017" in text or "20. Februar 2017" in text, text[:500]
    assert demo.draft_title not in text, "the PDF shows the draft Bilanz"


def test_focus_is_visible_on_every_link_button_and_field(page, demo):
    """Tab through whole pages, front to back, left to right and right to left: every stop shows
    a focus ring and is on screen."""
    # Without motion the focused element is in view at once (KERN scrolls smoothly otherwise,
    # which on a busy machine outlasts any fixed wait).
    page.emulate_media(reduced_motion="reduce")
    paths = discover_paths(page)
    checked = set()
    for language in ["de", "ar"]:
        for path in ["/", PLAN_PATH, paths.field, ACCESSIBILITY_PATH]:
            visit(page, localized(path, language))
            stops = 0
            page.keyboard.press("Tab")
            while stops < 150:
                element = active(page)
                if element is None or element["tag"] == "body":
                    break
                assert_focus_visible(page)
                checked.add(element["tag"])
                stops += 1
                page.keyboard.press("Tab")
            assert stops > 5, f"{page.url}: only {stops} tab stops"
    assert {"a", "button", "input", "textarea"} <= checked, checked
