"""The pool's whole cycle in a real browser, on the demo: an institution requests by its personal
link (German), the coordinator offers the request, the mediator accepts on her page (Turkish),
the institution confirms the assignment, the coordinator makes the month's statement. Every page
axe-clean (WCAG 2.1 A/AA) and with one h1. One test, so the demo loads once."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import COORDINATOR, ORG_SLUG, login, visit
from teilhabe.demo.interpreters import DEMO_LINKS

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/interpreters-shots")


def _shot(page, name):
    # Screenshots for people reviewing the pages; the test does not depend on them.
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _next_weekday(days: int) -> dt.date:
    day = dt.date.today() + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def test_request_offer_accept_confirm_statement(new_page, demo, a11y_log):
    from teilhabe.interpreters.models.pool import InterpretingRequest

    requester_url = f"/{ORG_SLUG}/sprachmittlung/e/{DEMO_LINKS['requester']}/"
    mediator_url = f"/tr/{ORG_SLUG}/sprachmittlung/m/{DEMO_LINKS['mediator']}/"

    # 1. The counselling service asks for Turkish, ten working days ahead, on site in Böblingen.
    institution = new_page()
    visit(institution, requester_url)
    a11y_log.check(institution, "requester page (de)")
    day = _next_weekday(16)
    institution.get_by_label("Sprache", exact=True).fill("Türkisch")
    institution.get_by_label("Datum").fill(day.isoformat())
    institution.get_by_label("Beginn").fill("10:00")
    institution.get_by_label("Gemeinde").fill("Böblingen")
    institution.get_by_label("Einsatzbereich").select_option("counselling")
    institution.get_by_label("Thema für die Sprachmittlung").fill("Erstgespräch Schuldnerberatung")
    # Without a professional present the pool refuses, and says why.
    institution.get_by_role("button", name="Anfrage senden").click()
    expect(institution.get_by_role("alert")).to_contain_text("Fachkraft")
    a11y_log.check(institution, "requester page with the rule's message")
    institution.get_by_label("Eine Fachkraft unserer Einrichtung").check()
    institution.get_by_role("button", name="Anfrage senden").click()
    expect(institution.get_by_role("status")).to_contain_text("Ihre Anfrage ist eingegangen")
    _shot(institution, "requester")
    request = InterpretingRequest.objects.get(topic="Erstgespräch Schuldnerberatung")

    # 2. The coordinator sees the fitting mediators, fairest first, and offers.
    office = new_page()
    login(office, COORDINATOR)
    visit(office, f"/verwaltung/sprachmittlung/anfrage/{request.pk}/")
    a11y_log.check(office, "request (back office)")
    expect(office.get_by_label("Leyla Demir", exact=False)).to_be_checked()
    _shot(office, "request-detail")
    office.get_by_role("button", name="Angebot senden").click()
    expect(office.get_by_role("status")).to_contain_text("Angebot an")

    # 3. The mediator, reading Turkish, accepts on her page.
    mediator = new_page()
    visit(mediator, mediator_url)
    a11y_log.check(mediator, "mediator page (tr)")
    expect(mediator.locator("html")).to_have_attribute("lang", "tr")
    _shot(mediator, "mediator-tr")
    mediator.get_by_role("button", name="Görevi üstleniyorum").first.click()
    expect(mediator.get_by_role("status")).to_contain_text("Görev sizin")
    request.refresh_from_db()
    assert request.status == "assigned" and request.assignment.mediator.name == "Leyla Demir"

    # 4. After the day (moved two months back for the test), the institution confirms.
    past = (dt.date.today().replace(day=1) - dt.timedelta(days=40)).replace(day=10)
    InterpretingRequest.objects.filter(pk=request.pk).update(date=past)
    visit(institution, f"{requester_url}anfrage/{request.pk}/")
    a11y_log.check(institution, "request of the institution")
    institution.get_by_label("Ja").check()
    institution.get_by_label("Tatsächliche Dauer in Minuten").fill("75")
    institution.get_by_label("Fahrtstrecke in km").fill("6")
    institution.get_by_role("button", name="Bestätigen").click()
    expect(institution.get_by_role("status")).to_contain_text("Danke für die Bestätigung")

    # 5. The coordinator makes that month's statement for the finance office.
    visit(office, f"/verwaltung/sprachmittlung/pool/{request.pool_id}/abrechnungen/")
    a11y_log.check(office, "statements")
    office.get_by_label("Monat").fill(past.strftime("%Y-%m"))
    office.get_by_role("button", name="Abrechnung erstellen").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Aufwandsentschädigungen")
    expect(office.get_by_role("table")).to_contain_text("Leyla Demir")
    # 75 min × 15 € + 6 km × 0,30 € = 18,75 + 1,80.
    expect(office.get_by_role("table")).to_contain_text("20,55")
    a11y_log.check(office, "statement")
    _shot(office, "statement")
    with office.expect_download() as download:
        office.get_by_role("link", name="PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    for path, label in [
        (f"/verwaltung/sprachmittlung/pool/{request.pool_id}/", "pool"),
        (f"/verwaltung/sprachmittlung/pool/{request.pool_id}/sprachmittler/", "mediators"),
        (f"/verwaltung/sprachmittlung/pool/{request.pool_id}/einrichtungen/", "institutions"),
    ]:
        visit(office, path)
        a11y_log.check(office, label)
        _shot(office, label)
    a11y_log.assert_clean()
