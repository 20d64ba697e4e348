"""Processes, formats and registrations in a real browser: the coordinator adds a Fachtag with
two places to a new public process, three people register on the portal (German, Turkish,
Arabic), the third lands on the waiting list, one cancels and the waiting one moves up, the
coordinator records attendance. Every page visited — public process page, registration form
(empty, with errors), my-data page, back-office process page, format form, registration list —
is checked with axe-core (WCAG 2.0/2.1 A and AA), has one h1 and does not scroll sideways at
390 px."""

import re

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import (
    COORDINATOR,
    DESKTOP,
    ORG_SLUG,
    PHONE,
    SCREENSHOTS,
    login,
    page_widths,
    visit,
)

pytestmark = pytest.mark.browser

PROCESS_SLUG = "fachtag-2027"
EVENT_TITLE = "Fachtag Integration 2027"


@pytest.fixture
def new_process(demo, settings):
    """A new public, running process of the demo plan, without formats; the registration
    form's minimum fill time off (a test types faster than a person)."""
    from teilhabe.organizations.models import User
    from teilhabe.participation.services import processes

    settings.TEILHABE_PARTICIPATION_LIMITS = {"min_fill_seconds": 0}
    from teilhabe.plans.models import Plan

    plan = Plan.objects.get(slug=demo.plan_slug)
    return processes.process_create(
        plan=plan,
        title="Gemeinsam weiterplanen 2027",
        slug=PROCESS_SLUG,
        description="Wir laden Vereine, Verwaltung und Ehrenamtliche ein.",
        status="running",
        public=True,
        by=User.objects.get(email=COORDINATOR),
    )


def check_page(page, label, a11y_log, *, phone=True):
    """axe-core and one h1 at desktop width; at phone width also no sideways scrolling."""
    a11y_log.check(page, f"{label} (1280)")
    if not phone:
        return
    page.set_viewport_size(PHONE)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        page.screenshot(path=str(SCREENSHOTS / f"process-{name}-phone.png"), full_page=True)
        document_width, viewport_width = page_widths(page)
        assert document_width <= viewport_width, f"{label}: scrolls sideways at 390 px"
        a11y_log.check(page, f"{label} (390)")
    finally:
        page.set_viewport_size(DESKTOP)


def register(page, prefix, base, name, email, **extra):
    visit(page, f"{prefix}{base}/")
    page.locator("a[href*='/anmeldung/']").first.click()
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    for field, value in extra.items():
        page.locator(f"#id_{field}").fill(value)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/meine-daten/[\w-]+/$"))


def test_process_registration_and_my_data_pages(new_page, demo, new_process, a11y_log):
    process = new_process
    from teilhabe.participation.models import Registration

    base = f"/{ORG_SLUG}/plan/{demo.plan_slug}/beteiligung/{PROCESS_SLUG}"

    # 1. The coordinator adds a Fachtag with two places to the process.
    office = new_page()
    login(office, COORDINATOR)
    visit(office, f"/verwaltung/beteiligung/prozesse/{process.pk}/")
    expect(office.get_by_role("heading", level=1)).to_have_text(process.title)
    check_page(office, "back-office process page", a11y_log)
    office.get_by_role("link", name="Fachtag", exact=True).click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Neu: Fachtag")
    check_page(office, "format form", a11y_log)
    office.get_by_label("Titel").fill(EVENT_TITLE)
    office.locator("#id_starts_at").fill("2099-03-10T09:30")
    office.locator("#id_ends_at").fill("2099-03-10T08:00")  # before the start: an error
    office.get_by_label("Plätze").fill("2")
    office.get_by_label("Anmeldung offen").check()
    office.get_by_role("button", name="Speichern").click()
    expect(office.get_by_text("Das Ende liegt vor dem Beginn.")).to_be_visible()
    expect(office.get_by_label("Titel")).to_have_value(EVENT_TITLE)
    check_page(office, "format form with an error", a11y_log, phone=False)
    office.locator("#id_ends_at").fill("2099-03-10T16:00")
    office.get_by_role("button", name="Speichern").click()
    expect(office.get_by_role("heading", level=1)).to_have_text(process.title)
    expect(office.locator("main")).to_contain_text("0 angemeldet von 2 Plätzen")
    event = process.formats.get(title=EVENT_TITLE)

    # 2. The public process page in German and Arabic (right to left).
    reader = new_page()
    visit(reader, f"{base}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(process.title)
    check_page(reader, "public process page", a11y_log)
    visit(reader, f"/ar{base}/")
    expect(reader.locator("html")).to_have_attribute("dir", "rtl")
    check_page(reader, "public process page (ar)", a11y_log)

    # 3. Registration: the form, a mistake that keeps what was typed, then success.
    maria = new_page()
    visit(maria, f"{base}/veranstaltung/{event.pk}/anmeldung/")
    expect(maria.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE)
    check_page(maria, "registration form", a11y_log)
    maria.locator("#id_name").fill("Maria Schneider")
    maria.locator("#id_email").fill("maria@")
    maria.locator("#id_accessibility_needs").fill("Rollstuhlplatz")
    maria.locator("main form button[type=submit]").click()
    expect(maria.locator("#id_email_error")).to_be_visible()
    expect(maria.locator("#id_accessibility_needs")).to_have_value("Rollstuhlplatz")
    check_page(maria, "registration form with an error", a11y_log, phone=False)
    maria.locator("#id_email").fill("maria@example.org")
    maria.locator("main form button[type=submit]").click()
    expect(maria).to_have_url(re.compile(r"/meine-daten/[\w-]+/$"))
    expect(maria.get_by_role("heading", level=1)).to_have_text("Ihre Daten")
    expect(maria.locator("main")).to_contain_text("Sie sind angemeldet.")
    check_page(maria, "my-data page (confirmation)", a11y_log)

    ayse = new_page()
    register(ayse, "/tr", base, "Ayşe Yılmaz", "ayse@example.org", language_help="Türkçe")
    expect(ayse.locator("html")).to_have_attribute("lang", "tr")
    check_page(ayse, "my-data page (tr)", a11y_log, phone=False)
    ahmad = new_page()
    visit(ahmad, f"/ar{base}/veranstaltung/{event.pk}/anmeldung/")
    check_page(ahmad, "registration form (ar, waiting list)", a11y_log)
    register(ahmad, "/ar", base, "أحمد الخطيب", "ahmad@example.org", language_help="العربية")
    expect(ahmad.locator("html")).to_have_attribute("dir", "rtl")
    check_page(ahmad, "my-data page (ar)", a11y_log)
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "maria@example.org": "confirmed",
        "ayse@example.org": "confirmed",
        "ahmad@example.org": "waiting",
    }

    # 4. Maria cancels through her link; Ahmad moves up.
    maria.get_by_role("link", name="Von der Veranstaltung abmelden").click()
    check_page(maria, "cancellation", a11y_log, phone=False)
    maria.locator("main form button[type=submit]").click()
    expect(maria.locator("main")).to_contain_text("Sie sind abgemeldet.")
    assert Registration.objects.get(email="ahmad@example.org").status == "confirmed"

    # 5. The coordinator sees the list, places first, and records attendance.
    visit(office, f"/verwaltung/beteiligung/formate/{event.pk}/anmeldungen/")
    expect(office.get_by_role("heading", level=1)).to_have_text(f"Anmeldungen: {EVENT_TITLE}")
    rows = office.locator("tbody tr")
    expect(rows.first).to_contain_text("Ayşe Yılmaz")
    expect(rows.last).to_contain_text("Maria Schneider")
    check_page(office, "registration list", a11y_log)
    office.get_by_role("button", name=re.compile(r"^war da.*Ayşe Yılmaz")).click()
    expect(rows.first).to_contain_text("teilgenommen")
    assert Registration.objects.get(email="ayse@example.org").attended is True
    check_page(office, "registration list after attendance", a11y_log, phone=False)

    # 6. Ahmad downloads and deletes his data; the link stops working.
    ahmad.reload()
    with ahmad.expect_download() as download:
        ahmad.locator("a[href$='daten.json']").click()
    assert "ahmad@example.org" in download.value.path().read_text(encoding="utf-8")
    ahmad.locator("form[action$='loeschen/'] button").click()
    expect(ahmad.get_by_role("heading", level=1)).to_be_visible()
    check_page(ahmad, "data deleted (ar)", a11y_log)
    assert not Registration.objects.filter(email="ahmad@example.org").exists()

    a11y_log.assert_clean()
