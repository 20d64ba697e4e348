"""Two people save the same entry: the second is told, in German, and keeps what they typed."""

import pytest
from playwright.sync_api import expect

from .support import COORDINATOR, HEALTH_OFFICE_EDITOR, assert_accessible, login, visit

pytestmark = pytest.mark.browser

CONFLICT_MESSAGE = "Dieser Eintrag wurde inzwischen von einer anderen Person geändert."
FIRST_TEXT = "Flyer in sechs Sprachen verteilt (Koordinationsstelle)."
SECOND_TEXT = "Infoabende in Sindelfingen und Leonberg durchgeführt (Gesundheitsamt)."


def fill(scope, *, status: str, percent: str, description: str) -> None:
    scope.get_by_label("Umsetzungsstand").select_option(label=status)
    scope.get_by_label("Prozent umgesetzt").fill(percent)
    scope.get_by_label("Was wurde getan?").fill(description)


def open_inline_form(page, demo, entry_id: int, measure_number: str):
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    page.get_by_role("link", name=f"Stand eintragen für {measure_number}", exact=True).click()
    entry = page.locator(f"#eintrag-{entry_id}")
    expect(entry.locator("form")).to_be_visible()
    return entry


def test_second_inline_save_sees_conflict_and_keeps_input(new_page, demo):
    entry_id = demo.entry_id("5.3")
    first, second = new_page(), new_page()
    login(first, COORDINATOR)
    login(second, HEALTH_OFFICE_EDITOR)
    first_entry = open_inline_form(first, demo, entry_id, "5.3")
    second_entry = open_inline_form(second, demo, entry_id, "5.3")

    fill(first_entry, status="in Umsetzung", percent="50", description=FIRST_TEXT)
    first_entry.get_by_role("button", name="Speichern").click()
    expect(first_entry.locator(".entry-status .status")).to_have_text("in Umsetzung (50 %)")

    fill(second_entry, status="umgesetzt", percent="100", description=SECOND_TEXT)
    second_entry.get_by_role("button", name="Speichern").click()

    alert = second_entry.get_by_role("alert").filter(has_text="Zwischenzeitlich geändert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Carolina Koordination")
    expect(alert).to_contain_text("Gespeicherter Stand: in Umsetzung (50 %)")
    expect(second_entry).to_contain_text(CONFLICT_MESSAGE)
    expect(second_entry.get_by_label("Was wurde getan?")).to_have_value(SECOND_TEXT)
    expect(second_entry.get_by_label("Umsetzungsstand")).to_have_value("done")
    expect(second_entry.get_by_label("Prozent umgesetzt")).to_have_value("100")
    assert_accessible(second)

    from teilhabe.plans.models import ProgressEntry

    assert ProgressEntry.objects.get(pk=entry_id).description == FIRST_TEXT

    # Saving again, having seen the other person's state, is a deliberate overwrite.
    second_entry.get_by_role("button", name="Speichern").click()
    # The form shows the previous Bilanz's status too; wait for the saved card first.
    expect(second_entry.get_by_role("status")).to_have_text("Gespeichert.")
    expect(second_entry.locator(".entry-status .status")).to_have_text("umgesetzt")
    expect(second_entry).to_contain_text(SECOND_TEXT)
    first.reload()
    expect(first.locator(f"#eintrag-{entry_id}")).to_contain_text(SECOND_TEXT)


def test_second_save_without_javascript_sees_conflict_and_keeps_input(new_page, demo):
    entry_id = demo.entry_id("5.4")
    first = new_page()
    second = new_page(java_script_enabled=False)
    login(first, COORDINATOR)
    login(second, HEALTH_OFFICE_EDITOR)
    visit(first, f"/verwaltung/eintraege/{entry_id}/")
    visit(second, f"/verwaltung/eintraege/{entry_id}/")

    fill(first, status="in Umsetzung", percent="80", description=FIRST_TEXT)
    first.get_by_role("button", name="Speichern").click()
    expect(first.get_by_role("status").first).to_contain_text("wurde gespeichert")

    fill(second, status="im Abstimmungsprozess", percent="", description=SECOND_TEXT)
    second.get_by_role("button", name="Speichern").click()
    expect(second.get_by_role("heading", level=1)).to_contain_text("Umsetzungsstand: 5.4")
    expect(second.get_by_text("Zwischenzeitlich geändert")).to_be_visible()
    expect(second.get_by_text(CONFLICT_MESSAGE)).to_be_visible()
    expect(second.get_by_label("Was wurde getan?")).to_have_value(SECOND_TEXT)
    expect(second.get_by_label("Umsetzungsstand")).to_have_value("in_coordination")

    # Playwright's evaluate still runs with the page's scripts switched off, so axe can check.
    assert_accessible(second)
