"""The idea pages in a real browser, as their users meet them: in a new public process with an
online phase running now, people without an account send ideas in German, Turkish and Arabic
(one first with an error), the coordinator moderates them and types in workshop cards, and the
public reads the list, agrees with an idea and comments on it; the comment waits for moderation.

Every page visited is checked with axe-core (WCAG 2.0/2.1 A and AA), has one h1 and does not
scroll sideways at 390 px; screenshots at 1280 and 390 px land in test-artifacts/screenshots."""

import datetime as dt
import re

import pytest
from django.utils import timezone
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

PROCESS_SLUG = "ideen-2027"
IDEAS = {
    "de": ("Sprachcafé im Jugendhaus", "Jeden Freitag ein offenes Sprachcafé mit Ehrenamtlichen."),
    "tr": ("Anneler için Almanca kursu", "Çocuk bakımı olan Almanca kursları, sabahları."),
    "ar": ("مرشدون للعائلات الجديدة", "متطوعون يرافقون العائلات الجديدة في الأسابيع الأولى."),
}
CARD = ("Patenschaften in Vereinen", "Sportvereine vermitteln Patinnen und Paten für Neue.")


@pytest.fixture
def process_with_online_phase(demo, settings):
    """A new public, running process of the demo plan with an online phase running now; the
    forms' minimum fill time off (a test types faster than a person)."""
    from teilhabe.organizations.models import User
    from teilhabe.participation.models import ParticipationFormat
    from teilhabe.participation.services import processes
    from teilhabe.plans.models import Plan

    settings.TEILHABE_PARTICIPATION_LIMITS = {"min_fill_seconds": 0}
    process = processes.process_create(
        plan=Plan.objects.get(slug=demo.plan_slug),
        title="Ideen für das Integrationskonzept 2027",
        slug=PROCESS_SLUG,
        description="Was soll der Landkreis in den nächsten Jahren anpacken?",
        status="running",
        public=True,
        by=User.objects.get(email=COORDINATOR),
    )
    now = timezone.now()
    ParticipationFormat.objects.create(
        process=process,
        kind="online_phase",
        title="Online-Beteiligung",
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=21),
    )
    ParticipationFormat.objects.create(
        process=process, kind="working_group", number=1, title="Sprache und Bildung"
    )
    return process


def check_page(page, label, a11y_log):
    """axe-core, one h1 and a screenshot at 1280 px; the same at 390 px, with no sideways
    scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    a11y_log.check(page, f"{label} (1280)")
    page.screenshot(path=str(SCREENSHOTS / f"ideas-{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    try:
        page.screenshot(path=str(SCREENSHOTS / f"ideas-{name}-phone.png"), full_page=True)
        document_width, viewport_width = page_widths(page)
        assert document_width <= viewport_width, f"{label}: scrolls sideways at 390 px"
        a11y_log.check(page, f"{label} (390)")
    finally:
        page.set_viewport_size(DESKTOP)


def submit_idea(page, base, language, title, text):
    prefix = "" if language == "de" else f"/{language}"
    visit(page, f"{prefix}{base}/ideen/neu/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("#id_title").fill(title)
    page.locator("#id_text").fill(text)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ideen/danke/[\w-]+/$"))


def test_idea_pages_from_submission_to_support_and_comment(
    new_page, demo, process_with_online_phase, a11y_log
):
    process = process_with_online_phase
    from teilhabe.participation.models import Idea, IdeaComment

    base = f"/{ORG_SLUG}/plan/{demo.plan_slug}/beteiligung/{PROCESS_SLUG}"

    # The public process page invites ideas and says that none is published yet.
    public = new_page()
    visit(public, f"{base}/")
    panel = public.locator("section[aria-labelledby=ideen]")
    expect(panel).to_contain_text("Noch ist keine Idee veröffentlicht")
    expect(panel).not_to_contain_text("0 Ideen")
    check_page(public, "process page with online phase", a11y_log)

    # The submission form: an error first (no text, a notice without an address) keeps the title.
    panel.get_by_role("link", name="Idee einreichen").click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Idee einreichen")
    check_page(public, "submit form", a11y_log)
    public.locator("#id_title").fill(IDEAS["de"][0])
    public.locator("#id_notify").check()
    public.locator("main form button[type=submit]").click()
    expect(public.locator("#id_title")).to_have_value(IDEAS["de"][0])
    expect(public.locator("main")).to_contain_text("Bitte beschreiben Sie Ihre Idee.")
    expect(public.locator("main")).to_contain_text("brauchen wir Ihre E-Mail-Adresse")
    check_page(public, "submit form with errors", a11y_log)
    public.locator("#id_text").fill(IDEAS["de"][1])
    public.locator("#id_notify").uncheck()
    public.locator("main form button[type=submit]").click()
    expect(public).to_have_url(re.compile(r"/ideen/danke/[\w-]+/$"))
    check_page(public, "thanks", a11y_log)

    # Turkish and Arabic, each from a browser of its own.
    for language in ("tr", "ar"):
        submit_idea(new_page(), base, language, *IDEAS[language])
    assert set(Idea.objects.filter(process=process).values_list("language", flat=True)) == {
        "de",
        "tr",
        "ar",
    }
    assert not Idea.objects.filter(process=process).exclude(status="pending").exists()

    # The coordinator: the process page's panel, the moderation queue, workshop cards.
    office = new_page()
    login(office, COORDINATOR)
    visit(office, f"/verwaltung/beteiligung/prozesse/{process.pk}/")
    office_panel = office.locator("section[aria-labelledby=ideen]")
    expect(office_panel.locator(".actions li")).to_have_count(0)
    office_panel.get_by_role("link", name=re.compile(r"^Moderation \(3\)$")).click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Moderation")
    check_page(office, "moderation queue", a11y_log)
    arabic = Idea.objects.get(process=process, language="ar")
    turkish = Idea.objects.get(process=process, language="tr")
    german = Idea.objects.get(process=process, language="de")
    office.locator(f"button[name=publish][value='{arabic.pk}']").click()
    expect(office.locator(f"#idea-{arabic.pk}")).to_have_count(0)
    office.locator(f"#idea-{turkish.pk}").check()
    office.locator(f"#idea-{german.pk}").check()
    office.get_by_role("button", name="Angehakte veröffentlichen").click()
    expect(office.locator("main")).to_contain_text("Keine Idee wartet auf Prüfung.")
    assert Idea.objects.filter(process=process, status="published").count() == 3

    visit(office, f"/verwaltung/beteiligung/prozesse/{process.pk}/ideen/karten/")
    check_page(office, "card entry", a11y_log)
    group = process.formats.get(kind="working_group")
    office.get_by_label("Arbeitsgruppe oder Format").select_option(str(group.pk))
    office.get_by_label("Titel (Überschrift der Karte)").fill(CARD[0])
    office.get_by_label("Text der Karte").fill(CARD[1])
    office.get_by_role("button", name="Karte speichern und nächste").click()
    recent = office.locator("section[aria-labelledby=zuletzt]")
    expect(recent.get_by_role("link", name=CARD[0])).to_be_visible()
    # The form stays on the same group for the next card.
    expect(office.get_by_label("Arbeitsgruppe oder Format")).to_have_value(str(group.pk))
    check_page(office, "card entry after a card", a11y_log)
    visit(office, f"/verwaltung/beteiligung/prozesse/{process.pk}/ideen/")
    expect(office.locator("main table")).to_contain_text(CARD[0])
    check_page(office, "back-office idea list", a11y_log)

    # The public list: four ideas, each in its language.
    reader = new_page()
    visit(reader, f"/tr{base}/ideen/")
    expect(reader.locator(f"[lang=ar][dir=rtl]:has-text('{IDEAS['ar'][0]}')")).to_have_count(1)
    expect(reader.locator("main")).to_contain_text(CARD[0])
    check_page(reader, "public idea list (tr)", a11y_log)
    visit(reader, f"{base}/")
    expect(reader.locator("section[aria-labelledby=ideen]")).to_contain_text(
        "4 Ideen sind veröffentlicht."
    )

    # An idea page: agree (once), comment (waits for moderation).
    visit(reader, f"{base}/ideen/{turkish.pk}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(IDEAS["tr"][0])
    check_page(reader, "public idea page", a11y_log)
    reader.get_by_role("button", name="Zustimmen").click()
    expect(reader.locator("main")).to_contain_text("1 Person stimmt dieser Idee zu.")
    expect(reader.locator("main")).to_contain_text("Sie haben dieser Idee zugestimmt.")
    reader.get_by_role("button", name="Kommentar senden").click()
    expect(reader.locator("main")).to_contain_text("Bitte schreiben Sie einen Kommentar.")
    check_page(reader, "public idea page with comment error", a11y_log)
    reader.get_by_label("Ihr Kommentar").fill("Gute Idee – auch für Väter!")
    reader.get_by_role("button", name="Kommentar senden").click()
    expect(
        reader.get_by_text("Er erscheint, sobald die Koordination ihn geprüft hat")
    ).to_be_visible()
    expect(reader.locator(".idea-comment")).to_have_count(0)
    check_page(reader, "public idea page after support and comment", a11y_log)

    # The comment in the moderation queue, published, then public.
    comment = IdeaComment.objects.get(idea=turkish)
    visit(office, f"/verwaltung/beteiligung/prozesse/{process.pk}/ideen/moderation/")
    office.locator(f"#comment-{comment.pk}").check()
    office.get_by_role("button", name="Angehakte Kommentare veröffentlichen").click()
    expect(office.locator("main")).to_contain_text("Kein Kommentar wartet auf Prüfung.")
    visit(reader, f"{base}/ideen/{turkish.pk}/")
    expect(reader.locator(".idea-comment")).to_contain_text("Gute Idee – auch für Väter!")

    a11y_log.assert_clean()
