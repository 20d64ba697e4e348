"""The issue's scenario, in a real browser: log in, update a measure's progress, publish a report,
download its PDF — and axe-core finds no WCAG 2.1 AA violation on any page visited."""

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

from .support import (
    COORDINATOR,
    HEALTH_OFFICE_EDITOR,
    assert_accessible,
    login,
    visit,
)

pytestmark = pytest.mark.browser

PLAN_TITLE = "Integrationsplan des Landkreises Böblingen"


def edit_link(page, measure_number: str):
    return page.get_by_role("link", name=f"Stand eintragen für {measure_number}", exact=True)


def fill_entry_form(scope, *, status: str, percent: str, description: str) -> None:
    scope.get_by_label("Umsetzungsstand").select_option(label=status)
    scope.get_by_label("Prozent umgesetzt").fill(percent)
    scope.get_by_label("Was wurde getan?").fill(description)


def test_coordinator_updates_progress_inline(page, demo):
    visit(page, "/anmelden/")
    assert_accessible(page)
    login(page, COORDINATOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    assert_accessible(page)

    page.get_by_role("link", name=PLAN_TITLE).click()
    expect(page).to_have_url(re.compile(rf"/verwaltung/plaene/{demo.plan_slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    assert_accessible(page)

    page.get_by_role("link", name=demo.draft_title, exact=True).first.click()
    expect(page).to_have_url(re.compile(rf"/verwaltung/bilanzen/{demo.draft_report_id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.draft_title)
    expect(page.get_by_text("Entwurf", exact=True)).to_be_visible()
    assert_accessible(page)

    entry = page.locator(f"#eintrag-{demo.entry_id('1.2')}")
    report_url = page.url
    page.evaluate("() => { window.__sameDocument = true; }")

    edit_link(page, "1.2").click()
    form = entry.locator("form")
    expect(form).to_be_visible()
    # htmx put the form where the entry was, and moved focus to the entry's heading.
    expect(entry.get_by_role("heading", level=3)).to_be_focused()
    assert_accessible(page)

    description = "Leitbild Interkulturelle Öffnung in drei Ämtern eingeführt; Schulungen laufen."
    fill_entry_form(entry, status="in Umsetzung", percent="60", description=description)
    entry.get_by_role("button", name="Speichern").click()

    expect(entry.locator("form")).to_have_count(0)
    expect(entry.locator(".entry-status .status")).to_have_text("in Umsetzung (60 %)")
    expect(entry).to_contain_text(description)
    expect(entry.get_by_role("status")).to_have_text("Gespeichert.")
    expect(entry.get_by_role("heading", level=3)).to_be_focused()
    assert page.url == report_url
    assert page.evaluate("() => window.__sameDocument === true"), "the save reloaded the page"
    assert_accessible(page)

    page.reload()
    entry = page.locator(f"#eintrag-{demo.entry_id('1.2')}")
    expect(entry.locator(".entry-status .status")).to_have_text("in Umsetzung (60 %)")
    expect(entry).to_contain_text(description)
    expect(entry.get_by_role("status")).to_have_count(0)
    assert_accessible(page)

    from teilhabe.plans.models import ProgressEntry

    saved = ProgressEntry.objects.get(pk=demo.entry_id("1.2"))
    assert (saved.status, saved.percent, saved.description) == ("in_progress", 60, description)
    assert saved.updated_by.email == COORDINATOR


def test_coordinator_cancels_inline_edit(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    entry = page.locator(f"#eintrag-{demo.entry_id('3.3')}")
    before = entry.locator(".entry-status .status").inner_text()

    edit_link(page, "3.3").click()
    entry.get_by_label("Was wurde getan?").fill("verworfen")
    entry.get_by_role("link", name="Abbrechen").click()

    expect(entry.locator("form")).to_have_count(0)
    expect(entry.locator(".entry-status .status")).to_have_text(before)
    expect(entry).not_to_contain_text("verworfen")
    expect(edit_link(page, "3.3")).to_be_visible()


def test_inline_form_shows_errors_in_place(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    entry = page.locator(f"#eintrag-{demo.entry_id('1.2')}")
    edit_link(page, "1.2").click()
    fill_entry_form(entry, status="in Umsetzung", percent="150", description="zu viel")
    entry.get_by_role("button", name="Speichern").click()

    percent = entry.get_by_label("Prozent umgesetzt")
    expect(percent).to_have_attribute("aria-invalid", "true")
    expect(entry.locator(".kern-error")).not_to_have_count(0)
    expect(entry.get_by_label("Was wurde getan?")).to_have_value("zu viel")
    expect(percent).to_have_value("150")
    assert_accessible(page)


def test_office_editor_sees_only_own_measures_and_answers_request(new_page, demo, mailoutbox):
    editor = new_page()
    login(editor, HEALTH_OFFICE_EDITOR)
    expect(editor.get_by_role("heading", name="Offene Anfragen an Ihr Amt")).to_have_count(0)
    assert_accessible(editor)

    visit(editor, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    edit_links = editor.get_by_role("link", name=re.compile(r"^Stand eintragen"))
    names = sorted(link.text_content().strip() for link in edit_links.all())
    assert names == [f"Stand eintragen für 5.{i}" for i in range(1, 6)]
    field_5 = editor.locator("section", has=editor.locator("#feld-5"))
    expect(field_5.get_by_role("link", name=re.compile(r"^Stand eintragen"))).to_have_count(5)
    expect(editor.get_by_role("link", name="Veröffentlichen")).to_have_count(0)
    expect(
        editor.get_by_role("link", name="Titel, Stand, Einleitung und Ausblick bearbeiten")
    ).to_have_count(0)
    expect(editor.get_by_role("heading", name="Rückmeldungen der Ämter")).to_have_count(0)
    # No request yet, so nothing to mark as answered.
    expect(editor.get_by_role("button", name="Rückmeldung abschließen")).to_have_count(0)
    assert_accessible(editor)

    entry = editor.locator(f"#eintrag-{demo.entry_id('5.1')}")
    edit_link(editor, "5.1").click()
    fill_entry_form(
        entry,
        status="in Umsetzung",
        percent="70",
        description="Mehrsprachige Sprechstunde zur Gesundheitsversorgung an zwei Standorten.",
    )
    assert_accessible(editor)
    entry.get_by_role("button", name="Speichern").click()
    expect(entry.locator(".entry-status .status")).to_have_text("in Umsetzung (70 %)")

    # The server, not just the page, keeps other offices' entries closed.
    visit(editor, f"/verwaltung/eintraege/{demo.entry_id('1.1')}/", status=403)

    coordinator = new_page()
    login(coordinator, COORDINATOR)
    visit(coordinator, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    overview = coordinator.locator("section", has=coordinator.locator("#rueckmeldungen"))
    expect(overview.get_by_role("row", name=re.compile("Gesundheitsamt"))).to_contain_text(
        "nicht angefragt"
    )
    due = dt.date.today() + dt.timedelta(days=14)
    expect(coordinator.get_by_label("Rückmeldung bis")).to_have_value(due.isoformat())
    coordinator.get_by_label("Nachricht an die Ämter").fill(
        "Bitte bis zur Sitzung des Ausschusses."
    )
    coordinator.get_by_role("button", name="Anfrage per E-Mail senden").click()
    # The demo reaches one office (the Gesundheitsamt's editor); the message says so, and names
    # how many measures were not asked about instead of leaving them out silently.
    status = coordinator.get_by_role("status").first
    expect(status).to_contain_text("1 Amt wurde per E-Mail um den Umsetzungsstand gebeten")
    expect(status).to_contain_text("Maßnahmen wurden nicht angefragt")
    expect(overview.get_by_role("row", name=re.compile("Gesundheitsamt"))).to_contain_text(
        "angefragt am"
    )
    assert_accessible(coordinator)
    to_health_office = [m for m in mailoutbox if HEALTH_OFFICE_EDITOR in m.to]
    assert len(to_health_office) == 1
    assert "Bitte bis zur Sitzung des Ausschusses." in to_health_office[0].body

    visit(editor, "/verwaltung/")
    requests = editor.locator(
        "section", has=editor.get_by_role("heading", name="Offene Anfragen an Ihr Amt")
    )
    expect(requests).to_contain_text(f"Rückmeldung bis {due:%d.%m.%Y}")
    assert_accessible(editor)
    requests.get_by_role("link", name=demo.draft_title).click()
    expect(editor).to_have_url(re.compile(r"\?nur=meine$"))
    expect(editor.locator("article.entry")).to_have_count(5)
    # Only the office's field is listed, not seven fields that claim to have "Keine Maßnahmen".
    expect(editor.locator("section.report-field")).to_have_count(1)
    expect(editor.get_by_text("Keine Maßnahmen.")).to_have_count(0)
    expect(
        editor.get_by_text(f"Anfrage an Gesundheitsamt: Rückmeldung bis {due:%d.%m.%Y}")
    ).to_be_visible()
    assert_accessible(editor)

    editor.get_by_role("button", name="Rückmeldung abschließen").click()
    expect(editor.get_by_role("status").first).to_contain_text(
        "Danke! Die Rückmeldung für „Gesundheitsamt“ ist vermerkt."
    )
    expect(editor.get_by_role("button", name="Rückmeldung abschließen")).to_have_count(0)
    expect(editor.get_by_text(f"erledigt am {dt.date.today():%d.%m.%Y}")).to_be_visible()
    assert_accessible(editor)

    coordinator.reload()
    expect(overview.get_by_role("row", name=re.compile("Gesundheitsamt"))).to_contain_text(
        f"beantwortet {dt.date.today():%d.%m.%Y}"
    )


def test_coordinator_publishes_report_and_downloads_pdf(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    assert_accessible(page)

    page.get_by_role("link", name="Veröffentlichen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Bilanz veröffentlichen: {demo.draft_title}"
    )
    expect(page.get_by_text("kann nicht mehr geändert werden")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Jetzt veröffentlichen").click()

    expect(page).to_have_url(re.compile(rf"/verwaltung/bilanzen/{demo.draft_report_id}/$"))
    expect(page.get_by_role("status").first).to_contain_text("Die Bilanz ist veröffentlicht.")
    expect(page.get_by_text(f"veröffentlicht am {dt.date.today():%d.%m.%Y}")).to_be_visible()
    expect(page.get_by_text("Entwurf", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"^Stand eintragen"))).to_have_count(0)
    expect(page.get_by_role("link", name="Veröffentlichen", exact=True)).to_have_count(0)
    expect(
        page.get_by_role("link", name="Titel, Stand, Einleitung und Ausblick bearbeiten")
    ).to_have_count(0)
    expect(page.get_by_role("button", name="Anfrage per E-Mail senden")).to_have_count(0)
    expect(page.get_by_role("button", name="Beispiel hinzufügen")).to_have_count(0)
    assert_accessible(page)

    visit(page, f"/verwaltung/eintraege/{demo.entry_id('1.2')}/", status=403)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/veroeffentlichen/", status=403)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.lower().endswith(".pdf")
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF"), data[:40]

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert demo.draft_title in text
    assert "Böblingen" in text

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word (DOCX) herunterladen").click()
    docx_path = download_info.value.path()
    assert download_info.value.suggested_filename.lower().endswith(".docx")

    import docx

    document = docx.Document(str(docx_path))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert demo.draft_title in paragraphs
