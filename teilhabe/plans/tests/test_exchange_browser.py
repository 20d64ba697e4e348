"""The progress table in a real browser: download, edit, upload, preview, confirm — every page
checked with axe-core (WCAG 2.1 AA), by keyboard-reachable controls and with German messages."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import COORDINATOR, login, visit
from teilhabe.documents.spreadsheet import SHEET_TITLE

pytestmark = pytest.mark.browser

# The browser, demo data and page fixtures come from teilhabe.backoffice.tests.browser.fixtures,
# registered for all tests in the root conftest.py.


def edited(content: bytes, measure_id: int, changes: dict) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[SHEET_TITLE]
    headers = [cell.value for cell in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if cells[headers.index("Maßnahmen-ID")].value == measure_id:
            for header, value in changes.items():
                cells[headers.index(header)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(page, name: str, content: bytes) -> None:
    page.get_by_label("Bearbeitete Tabelle", exact=True).set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": content}
    )
    page.get_by_role("button", name="Vorschau anzeigen").click()


def test_download_edit_upload_preview_confirm(page, demo, a11y_log):
    from teilhabe.plans.models import ProgressEntry

    login(page, COORDINATOR)
    visit(page, f"/verwaltung/plaene/{demo.plan_slug}/")
    page.get_by_role("link", name="Tabelle exportieren/importieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Umsetzungsstand als Tabelle")
    a11y_log.check(page, "Tabelle: Download und Upload")

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel-Arbeitsmappe (.xlsx)").click()
    content = download.value.path().read_bytes()
    measure_id = demo.measure_id("5.1")

    upload(page, "leer.xlsx", b"")
    expect(page.get_by_label("Bearbeitete Tabelle", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.get_by_text("Die übermittelte Datei ist leer.")).to_be_visible()
    a11y_log.check(page, "Tabelle: Upload mit Fehler")

    upload(page, "fehler.xlsx", edited(content, measure_id, {"Prozent": 150}))
    expect(page.get_by_role("heading", name="Fehler und Konflikte")).to_be_visible()
    expect(page.get_by_text("„150“ ist kein gültiger Prozentwert")).to_be_visible()
    a11y_log.check(page, "Tabelle: Vorschau mit Fehlern")

    visit(page, f"/verwaltung/plaene/{demo.plan_slug}/tabelle/")
    changes = {"Umsetzungsstand": "umgesetzt", "Beschreibung": "Abgeschlossen im Browser-Test"}
    upload(page, "bearbeitet.xlsx", edited(content, measure_id, changes))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau: bearbeitet.xlsx")
    expect(page.get_by_role("table", name="Was sich beim Speichern ändert")).to_contain_text(
        "neu „umgesetzt“"
    )
    a11y_log.check(page, "Tabelle: Vorschau mit Änderungen")

    page.get_by_role("button", name=re.compile(r"^1 Änderung speichern$")).click()
    expect(page).to_have_url(re.compile(rf"/verwaltung/bilanzen/{demo.draft_report_id}/$"))
    expect(page.get_by_role("status").first).to_contain_text("1 Umsetzungsstand in der Bilanz")
    entry = ProgressEntry.objects.get(report_id=demo.draft_report_id, measure_id=measure_id)
    assert (entry.status, entry.description) == ("done", "Abgeschlossen im Browser-Test")

    a11y_log.assert_clean()
