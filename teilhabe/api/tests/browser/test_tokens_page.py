"""The API-key page in a real browser: accessible (axe-core, WCAG 2.1 AA) empty, with an error,
after creating a key and with keys listed; the shown key works against the API; revoking it."""

import re

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import HEALTH_OFFICE_EDITOR, login, visit

pytestmark = pytest.mark.browser


def test_create_use_and_revoke_a_key(new_page, demo, a11y_log):
    page = new_page()
    login(page, HEALTH_OFFICE_EDITOR)
    visit(page, "/verwaltung/api-schluessel/")
    a11y_log.check(page, "API-Schlüssel (leer)")

    page.get_by_role("button", name="Schlüssel anlegen").click()
    expect(page.get_by_text("Dieses Feld ist zwingend erforderlich.")).to_be_visible()
    a11y_log.check(page, "API-Schlüssel (Fehler)")

    page.get_by_label("Bezeichnung").fill("Fachverfahren Gesundheitsamt")
    page.get_by_role("button", name="Schlüssel anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Neuer API-Schlüssel")
    a11y_log.check(page, "Neuer Schlüssel")
    key = page.get_by_label("Ihr API-Schlüssel").input_value()
    assert re.fullmatch(r"th_[-\w]{40,}", key)

    answer = page.request.get(
        f"/api/v1/plans/{demo.plan_slug}/draft-entries/",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert answer.status == 200
    numbers = {entry["measure_number"][0] for entry in answer.json()["results"]}
    assert numbers == {"5"}  # the health office leads the measures of field 5

    page.get_by_role("link", name="Zurück zu Ihren API-Schlüsseln").click()
    row = page.get_by_role("row", name=re.compile("Fachverfahren Gesundheitsamt"))
    expect(row).to_contain_text("gültig")
    a11y_log.check(page, "API-Schlüssel (Liste)")
    row.get_by_role("button", name=re.compile("widerrufen")).click()
    expect(page.get_by_role("status")).to_contain_text("ist widerrufen")
    a11y_log.check(page, "API-Schlüssel (widerrufen)")
    refused = page.request.get(
        f"/api/v1/plans/{demo.plan_slug}/draft-entries/",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert refused.status == 401
    a11y_log.assert_clean()


def test_docs_page_runs_without_csp_violations(new_page, demo):
    """Swagger UI from our static files renders the document; new_page fails the test on any
    Content-Security-Policy violation or JavaScript error."""
    page = new_page()
    visit(page, "/api/docs/")
    expect(page.get_by_text("Teilhabe – Schnittstelle für Integrationspläne")).to_be_visible()
    expect(page.get_by_text("/api/v1/measures/", exact=True).first).to_be_visible()
