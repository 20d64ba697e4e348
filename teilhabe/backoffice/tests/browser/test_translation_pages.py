"""Translating a plan's texts in the browser: every page of the translation screens checked with
axe-core, right-to-left fields, an error that keeps the typed text. (The rules and the query
counts are tested in ../test_translations.py.)"""

import re

import pytest

from teilhabe.plans import translations
from teilhabe.plans.models import Plan

from ..test_translations import edit_url


@pytest.mark.browser
def test_translation_pages_are_accessible_and_save(new_page, demo, a11y_log):
    from playwright.sync_api import expect

    from .support import COORDINATOR, login, visit

    page = new_page()
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/plaene/{demo.plan_slug}/")
    page.get_by_role("link", name="Übersetzungen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersetzungen")
    a11y_log.check(page, "Übersetzungen: Übersicht")
    page.get_by_role("link", name="Arabisch", exact=True).click()
    # Check the page once it is there, not while the browser is still leaving the overview.
    page.wait_for_url(re.compile(r"/ar/$"))
    page.wait_for_load_state("load")
    a11y_log.check(page, "Übersetzungen: Arabisch")
    for group in translations.GROUPS:
        visit(page, edit_url(Plan.objects.get(slug=demo.plan_slug), "ar", group.key))
        a11y_log.check(page, f"Übersetzungen: Arabisch, {group.label}")

    visit(page, edit_url(Plan.objects.get(slug=demo.plan_slug), "ar", "massnahmen"))
    field = page.get_by_label("Titel auf Arabisch").first
    expect(field).to_have_attribute("dir", "rtl")
    expect(field).to_have_attribute("lang", "ar")
    field.fill("عنوان")
    # Too long a title elsewhere on the page (past the browser's own limit): the error is shown,
    # the typed text stays.
    too_long = page.get_by_label("Titel auf Arabisch").nth(1)
    original = too_long.input_value()
    too_long.evaluate("element => element.removeAttribute('maxlength')")
    too_long.fill("x" * 501)
    page.get_by_role("button", name="Übersetzungen speichern").click()
    expect(page.locator(".kern-error").first).to_be_visible()
    expect(page.get_by_label("Titel auf Arabisch").first).to_have_value("عنوان")
    a11y_log.check(page, "Übersetzungen: Arabisch mit Fehler")
    page.get_by_label("Titel auf Arabisch").nth(1).fill(original)
    page.get_by_role("button", name="Übersetzungen speichern").click()
    expect(page.get_by_role("status")).to_contain_text("1 Übersetzung auf Arabisch gespeichert")
    a11y_log.assert_clean()
