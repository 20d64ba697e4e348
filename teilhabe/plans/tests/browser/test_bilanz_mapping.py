"""The mapping step of the Bilanz import in a real browser: upload another city's progress
table, see and correct the reading, preview, confirm; screenshots in test-artifacts/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import (
    COORDINATOR,
    ORG_SLUG,
    SCREENSHOTS,
    login,
    visit,
)

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parents[3] / "documents/tests/fixtures/progress"


def test_upload_correct_preview_and_confirm(new_page, demo, a11y_log):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page()
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/organisationen/{ORG_SLUG}/bilanz-import/")
    # The page offers the organisation's plan first (it has a draft Bilanz, as it says);
    # this document becomes a new plan.
    select = page.get_by_label("In welchen Plan?")
    expect(select.locator("option:checked")).to_contain_text("hat eine Bilanz im Entwurf")
    select.select_option("")
    page.set_input_files("input[type=file]", str(CORPUS / "berlin_umsetzungsbericht_2018.txt"))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zuordnung prüfen")
    page.screenshot(path=str(SCREENSHOTS / "bilanz-mapping-1-detected.png"), full_page=True)
    a11y_log.check(page, "Bilanz-Import: Zuordnung")

    page.get_by_label("Stand für „p“").select_option("not_started")
    page.get_by_label("Spalte 4: „Priorität“").select_option("ignore")
    page.get_by_role("button", name="Vorschau neu berechnen").click()
    expect(page.get_by_label("Stand für „p“")).to_have_value("not_started")
    page.screenshot(path=str(SCREENSHOTS / "bilanz-mapping-2-corrected.png"), full_page=True)

    page.get_by_role("button", name="Import bestätigen").click()
    expect(page.get_by_text("Bilanz importiert")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "bilanz-mapping-3-imported.png"), full_page=True)
    a11y_log.assert_clean()
