"""The public pages' settings and the accessibility feedback in the browser, checked with
axe-core. (The rules are tested in ../test_portal_admin.py.)"""

import pytest

from teilhabe.portal import services


@pytest.mark.browser
def test_portal_pages_are_accessible(new_page, demo, a11y_log):
    from playwright.sync_api import expect

    from teilhabe.organizations.models import Organization

    from .support import COORDINATOR, ORG_SLUG, login, visit

    services.feedback_submit(
        organization=Organization.objects.get(slug=ORG_SLUG),
        message="Die Tabelle ist mit dem Screenreader schwer zu lesen.",
        name="Erika Muster",
        email="erika@example.org",
    )
    page = new_page()
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/organisationen/{ORG_SLUG}/oeffentliche-seiten/")
    a11y_log.check(page, "Öffentliche Seiten und Lizenz")
    page.get_by_label("Impressum").fill("Landratsamt Böblingen")
    page.get_by_label("E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit").fill("kaputt")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".kern-error")).to_be_visible()
    expect(page.get_by_label("Impressum")).to_have_value("Landratsamt Böblingen")
    a11y_log.check(page, "Öffentliche Seiten mit Fehler")
    page.get_by_label("E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit").fill(
        "barrierefrei@example.org"
    )
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("gespeichert")

    page.get_by_role("link", name="Rückmeldungen zur Barrierefreiheit").click()
    expect(page.get_by_text("erika@example.org")).to_be_visible()
    a11y_log.check(page, "Rückmeldungen")
    page.get_by_role("button", name="Als erledigt markieren").first.click()
    expect(page.get_by_role("status")).to_contain_text("als erledigt markiert")
    a11y_log.check(page, "Rückmeldungen nach Erledigung")
    a11y_log.assert_clean()
