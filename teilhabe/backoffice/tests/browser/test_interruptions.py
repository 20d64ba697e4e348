"""What happens to an open inline form when the world changes underneath it: the session runs out,
or the coordinator publishes the report. Nothing may be lost silently."""

import re

import pytest
from playwright.sync_api import expect

from .support import COORDINATOR, HEALTH_OFFICE_EDITOR, login, visit

pytestmark = pytest.mark.browser

TYPED = "Sprechstunden in Böblingen und Herrenberg, jeweils dienstags (nicht verlieren!)"


def open_inline_form(page, demo, measure_number: str):
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    page.get_by_role("link", name=f"Stand eintragen für {measure_number}", exact=True).click()
    entry = page.locator(f"#eintrag-{demo.entry_id(measure_number)}")
    expect(entry.locator("form")).to_be_visible()
    entry.get_by_label("Was wurde getan?").fill(TYPED)
    return entry


def save_and_wait(page, entry) -> int:
    """Click "Speichern" and wait until htmx has got the answer and finished swapping."""
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/eintraege/" in r.url
    ) as info:
        entry.get_by_role("button", name="Speichern").click()
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    return info.value.status


def test_expired_session_does_not_put_the_login_page_into_the_report(page, demo):
    login(page, COORDINATOR)
    entry = open_inline_form(page, demo, "1.2")
    # The session ends (timeout, logout in another tab); the CSRF cookie stays, as it does.
    cookies = [c for c in page.context.cookies() if c["name"] != "sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies(cookies)
    save_and_wait(page, entry)

    # Either the whole page goes to the login (and comes back), or the form says what happened;
    # a login page nested inside the entry card, with a second <h1> and <main>, is neither.
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    on_login_page = re.search(r"/anmelden/", page.url) is not None
    if not on_login_page:
        expect(entry.get_by_role("alert")).to_contain_text(re.compile("anmelden", re.IGNORECASE))
        expect(entry.get_by_label("Was wurde getan?")).to_have_value(TYPED)


def test_publishing_while_an_office_edits_is_reported_to_the_office(new_page, demo):
    editor = new_page()
    login(editor, HEALTH_OFFICE_EDITOR)
    entry = open_inline_form(editor, demo, "5.2")

    coordinator = new_page()
    login(coordinator, COORDINATOR)
    visit(coordinator, f"/verwaltung/bilanzen/{demo.draft_report_id}/veroeffentlichen/")
    coordinator.get_by_role("button", name="Jetzt veröffentlichen").click()
    expect(coordinator.get_by_role("status").first).to_contain_text("veröffentlicht")

    status = save_and_wait(editor, entry)
    assert status == 403
    # The save is refused (the report is published); the office must be told so, in the page,
    # and still have its text to copy into the next report.
    expect(editor.get_by_role("alert")).to_contain_text(
        re.compile("veröffentlicht|nicht gespeichert")
    )
    expect(entry.get_by_label("Was wurde getan?")).to_have_value(TYPED)
