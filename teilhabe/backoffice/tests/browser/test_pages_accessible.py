"""Every back-office page type, checked with axe-core (WCAG 2.1 A/AA), one h1 and lang/dir; forms
submitted with errors are as accessible as empty ones and keep what was typed."""

import datetime as dt
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .support import COORDINATOR, HEALTH_OFFICE_EDITOR, ORG_SLUG, assert_accessible, login, visit

pytestmark = pytest.mark.browser

BILANZ_2017_TXT = settings.BASE_DIR / "teilhabe" / "demo" / "seeds" / "boeblingen_bilanz_2017.txt"


def test_every_backoffice_page_type_is_accessible(new_page, demo, a11y_log):
    page = new_page()
    login(page, COORDINATOR)
    plan = f"/verwaltung/plaene/{demo.plan_slug}"
    measure = demo.measure_id("5.1")
    pages = [
        ("Übersicht", "/verwaltung/"),
        ("Plan-Dashboard", f"{plan}/"),
        ("Maßnahmenliste", f"{plan}/massnahmen/"),
        ("Maßnahmenliste ohne Treffer", f"{plan}/massnahmen/?q=Raumfahrt"),
        ("Handlungsfeld", f"{plan}/handlungsfelder/5/"),
        ("Maßnahme", f"/verwaltung/massnahmen/{measure}/"),
        ("Maßnahme bearbeiten", f"/verwaltung/massnahmen/{measure}/bearbeiten/"),
        ("Maßnahme anlegen", f"{plan}/handlungsfelder/5/massnahmen/neu/"),
        ("Handlungsfeld bearbeiten", f"{plan}/handlungsfelder/5/bearbeiten/"),
        ("Handlungsfeld anlegen", f"{plan}/handlungsfelder/neu/"),
        ("Plan bearbeiten", f"{plan}/bearbeiten/"),
        ("Bilanz (Entwurf)", f"/verwaltung/bilanzen/{demo.draft_report_id}/"),
        ("Bilanz (veröffentlicht)", f"/verwaltung/bilanzen/{demo.published_report_id}/"),
        ("Bilanz bearbeiten", f"/verwaltung/bilanzen/{demo.draft_report_id}/bearbeiten/"),
        (
            "Veröffentlichen bestätigen",
            f"/verwaltung/bilanzen/{demo.draft_report_id}/veroeffentlichen/",
        ),
        ("Umsetzungsstand (eigene Seite)", f"/verwaltung/eintraege/{demo.entry_id('5.1')}/"),
        ("Bilanz-Import", f"/verwaltung/organisationen/{ORG_SLUG}/bilanz-import/"),
        ("Neuer Plan", f"/verwaltung/organisationen/{ORG_SLUG}/neuer-plan/"),
        ("Neue Bilanz", f"{plan}/bilanzen/neu/"),
        ("Entwurf löschen bestätigen", f"/verwaltung/bilanzen/{demo.draft_report_id}/loeschen/"),
        ("Maßnahme löschen bestätigen", f"/verwaltung/massnahmen/{measure}/loeschen/"),
        ("Ämter und Empfänger", f"/verwaltung/organisationen/{ORG_SLUG}/empfaenger/"),
    ]
    for label, path in pages:
        visit(page, path)
        a11y_log.check(page, label)

    # The measure list with its filters used as a person would.
    visit(page, f"{plan}/massnahmen/")
    page.get_by_label("Handlungsfeld").select_option(value="5")
    page.get_by_label(re.compile("^Umsetzungsstand")).select_option(value="in_progress")
    page.get_by_label("Federführendes Amt").select_option(label="Gesundheitsamt")
    page.get_by_role("button", name="Filtern").click()
    expect(page).to_have_url(re.compile(r"field=5.*status=in_progress.*unit=\d+"))
    expect(page.get_by_role("status").first).to_have_text(re.compile(r"^\d+ Maßnahmen?$"))
    expect(page.get_by_label("Handlungsfeld")).to_have_value("5")
    a11y_log.check(page, "Maßnahmenliste gefiltert")

    # Import: upload the 2017 Bilanz as a new plan and look at the preview (nothing is saved).
    visit(page, f"/verwaltung/organisationen/{ORG_SLUG}/bilanz-import/")
    page.get_by_label("In welchen Plan?").select_option(label="neuen Plan anlegen")
    page.get_by_label("Bilanz-Dokument").set_input_files(str(BILANZ_2017_TXT))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vorschau")
    a11y_log.check(page, "Import-Vorschau")

    # The entry form page as people without JavaScript get it, and saving from it.
    no_js = new_page(java_script_enabled=False)
    login(no_js, HEALTH_OFFICE_EDITOR)
    visit(no_js, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    no_js.get_by_role("link", name="Stand eintragen für 5.2", exact=True).click()
    expect(no_js).to_have_url(re.compile(rf"/verwaltung/eintraege/{demo.entry_id('5.2')}/$"))
    a11y_log.check(no_js, "Umsetzungsstand ohne JavaScript")
    no_js.get_by_label("Umsetzungsstand").select_option(label="in Umsetzung")
    no_js.get_by_label("Prozent umgesetzt").fill("90")
    no_js.get_by_role("button", name="Speichern").click()
    expect(no_js).to_have_url(re.compile(rf"/verwaltung/bilanzen/{demo.draft_report_id}/"))
    expect(no_js.get_by_role("status").first).to_contain_text("5.2 wurde gespeichert")
    expect(no_js.locator(f"#eintrag-{demo.entry_id('5.2')} .status")).to_have_text(
        "in Umsetzung (90 %)"
    )
    a11y_log.check(no_js, "Bilanz nach Speichern ohne JavaScript")

    anonymous = new_page()
    for label, path in [("Anmelden", "/anmelden/"), ("Passwort vergessen", "/passwort-vergessen/")]:
        visit(anonymous, path)
        a11y_log.check(anonymous, label)
    anonymous.get_by_label("E-Mail-Adresse").fill(COORDINATOR)
    anonymous.get_by_role("button", name="Link senden").click()
    expect(anonymous).to_have_url(re.compile(r"/passwort-vergessen/gesendet/$"))
    a11y_log.check(anonymous, "Link gesendet")
    visit(anonymous, "/passwort-neu/MQ/ungueltig/")
    a11y_log.check(anonymous, "Passwort-Link ungültig")

    a11y_log.assert_clean()


def assert_error_described(page, label: str | re.Pattern) -> None:
    """The field is marked invalid and its error text is linked to it for screen readers."""
    field = page.get_by_label(label)
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby") or ""
    errors = [i for i in described.split() if i.endswith("_error")]
    assert errors, f"{label}: aria-describedby={described!r} names no error"
    for error_id in errors:
        expect(page.locator(f"#{error_id}")).not_to_be_empty()


def test_new_report_with_errors_is_accessible_and_keeps_input(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/plaene/{demo.plan_slug}/bilanzen/neu/")
    expect(page.get_by_label("Titel")).to_have_value(demo.draft_title)

    page.get_by_label("Titel").fill("")
    page.get_by_label("Stand").fill("2027-03-31")
    page.get_by_role("button", name="Bilanz anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Neue Bilanz")
    assert_error_described(page, "Titel")
    expect(page.get_by_label("Stand")).to_have_value("2027-03-31")
    assert_accessible(page)

    # A second report on the same date as the draft: the date is wrong, the title is kept.
    page.get_by_label("Titel").fill("Zwischenbilanz Gesundheit")
    page.get_by_label("Stand").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Bilanz anlegen").click()
    assert_error_described(page, "Stand")
    expect(
        page.get_by_text(f"Es gibt schon eine Bilanz mit Stand {dt.date.today():%d.%m.%Y}")
    ).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Zwischenbilanz Gesundheit")
    assert_accessible(page)


def test_new_plan_with_errors_is_accessible_and_keeps_input(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/organisationen/{ORG_SLUG}/neuer-plan/")
    page.get_by_label("Titel").fill("Integrationsplan 2030")
    page.get_by_label("Kurzname").fill("integrationsplan-2030")
    page.get_by_label("Status").select_option(value="adopted")
    page.get_by_role("button", name="Speichern").click()
    assert_error_described(page, re.compile("^beschlossen am", re.IGNORECASE))
    expect(
        page.get_by_text("Ein beschlossener Plan braucht das Datum des Beschlusses.")
    ).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Integrationsplan 2030")
    expect(page.get_by_label("Kurzname")).to_have_value("integrationsplan-2030")
    assert_accessible(page)


def test_error_pages_are_german_and_accessible(new_page, demo):
    editor = new_page()
    login(editor, HEALTH_OFFICE_EDITOR)
    visit(editor, f"/verwaltung/eintraege/{demo.entry_id('1.1')}/", status=403)
    assert editor.evaluate("() => document.documentElement.lang").startswith("de")
    expect(editor.get_by_role("heading", level=1)).not_to_have_text(re.compile("Forbidden"))
    assert_accessible(editor)
    visit(editor, "/verwaltung/bilanzen/999999/", status=404)
    assert editor.evaluate("() => document.documentElement.lang").startswith("de")
    expect(editor.get_by_role("heading", level=1)).not_to_have_text(re.compile("Not Found"))
    expect(editor.get_by_role("link", name="Zur Übersicht")).to_be_visible()
    assert_accessible(editor)


def test_organization_page_for_admins_is_accessible(page, demo):
    login(page, "admin@lrabb.example")
    visit(page, f"/verwaltung/organisationen/{ORG_SLUG}/")
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse", exact=True).fill("neu@amt.example")
    page.get_by_label("Rolle", exact=True).select_option("editor")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Für die Rolle „Fachamt“ bitte das Amt auswählen.")).to_be_visible()
    expect(page.get_by_label("E-Mail-Adresse", exact=True)).to_have_value("neu@amt.example")
    assert_accessible(page)
