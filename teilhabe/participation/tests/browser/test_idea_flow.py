"""The issue's trail scenario in a real browser: somebody without an account submits an idea in
Turkish, the coordinator publishes it, groups it into a new recommendation and links that to a
measure, and the public measure page shows the trail — axe-core finds no WCAG 2.1 AA violation
on any page visited."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import COORDINATOR, ORG_SLUG, login, visit

pytestmark = pytest.mark.browser

PROCESS_SLUG = "fachtag-2014"
IDEA_TITLE = "Anneler için Almanca kursu"
IDEA_TEXT = "Çocuk bakımı olan Almanca kursları, sabahları ve mahallede."
RECOMMENDATION = "Sprachkurse mit Kinderbetreuung für Mütter in jeder Gemeinde anbieten."
MEASURE_NUMBER = "1.1"


@pytest.fixture
def online_phase(demo, settings):
    """An online phase running now in the demo's Fachtag process; the spam protection's
    minimum fill time off (a test types faster than a person)."""
    from teilhabe.participation.models import ParticipationFormat, ParticipationProcess

    settings.TEILHABE_PARTICIPATION_LIMITS = {"min_fill_seconds": 0}
    process = ParticipationProcess.objects.get(plan__slug=demo.plan_slug, slug=PROCESS_SLUG)
    now = timezone.now()
    ParticipationFormat.objects.create(
        process=process,
        kind="online_phase",
        title="Online-Beteiligung",
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=14),
    )
    return process


def test_idea_from_turkish_submission_to_the_public_measure_trail(
    new_page, demo, online_phase, a11y_log
):
    from teilhabe.participation.models import Idea
    from teilhabe.plans.models import Measure

    process = online_phase
    base = f"/{ORG_SLUG}/plan/{demo.plan_slug}/beteiligung/{PROCESS_SLUG}"

    # 1. Without an account, in Turkish.
    public = new_page()
    visit(public, f"/tr{base}/ideen/neu/")
    expect(public.locator("html")).to_have_attribute("lang", "tr")
    a11y_log.check(public, "idea form (tr)")
    public.locator("#id_title").fill(IDEA_TITLE)
    public.locator("#id_text").fill(IDEA_TEXT)
    public.locator("form button[type=submit]").click()
    expect(public).to_have_url(re.compile(r"/tr/.*/ideen/danke/"))
    a11y_log.check(public, "thanks (tr)")
    idea = Idea.objects.get(process=process, title=IDEA_TITLE)
    assert idea.language == "tr" and idea.status == "pending"
    # Not public before moderation.
    visit(public, f"/tr{base}/ideen/{idea.pk}/", status=404)

    # 2. The coordinator publishes it.
    page = new_page()
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/beteiligung/prozesse/{process.pk}/")
    a11y_log.check(page, "process (back office)")
    visit(page, f"/verwaltung/beteiligung/prozesse/{process.pk}/ideen/moderation/")
    a11y_log.check(page, "moderation")
    page.locator(f"button[name=publish][value='{idea.pk}']").click()
    expect(page.get_by_text(IDEA_TITLE)).to_have_count(0)
    idea.refresh_from_db()
    assert idea.status == "published"

    # 3. … groups it into a new recommendation.
    visit(page, f"/verwaltung/beteiligung/prozesse/{process.pk}/")
    page.get_by_role("link", name="Zu den Empfehlungen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Empfehlungen")
    a11y_log.check(page, "recommendations (back office)")
    page.get_by_role("link", name="Ideen zuordnen").first.click()
    page.get_by_label("nur Ideen ohne Empfehlung").check()
    page.get_by_role("button", name="Filtern").click()
    expect(page).to_have_url(re.compile(r"\?"))
    a11y_log.check(page, "grouping")
    page.get_by_label(IDEA_TITLE).check()
    page.get_by_label("Zuordnen zu").select_option(label="Neue Empfehlung")
    page.get_by_label("Text der neuen Empfehlung").fill(RECOMMENDATION)
    page.get_by_role("button", name="Ausgewählte Ideen zuordnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Empfehlung \d+$"))
    expect(page.get_by_role("table", name="Ideen dieser Empfehlung")).to_contain_text(IDEA_TITLE)
    a11y_log.check(page, "recommendation (back office)")

    # 4. … and links it to a measure of the plan.
    measure = Measure.objects.get(field__plan__slug=demo.plan_slug, number=MEASURE_NUMBER)
    page.get_by_label("Maßnahme suchen (Nummer oder Titel)").fill(MEASURE_NUMBER)
    page.get_by_role("button", name="Suchen").click()
    page.get_by_label("Maßnahme", exact=True).select_option(str(measure.pk))
    page.get_by_role("button", name="Maßnahme verknüpfen").click()
    expect(page.get_by_role("link", name=f"{measure.number} {measure.title}")).to_be_visible()
    a11y_log.check(page, "recommendation with measure")

    # 5. The public measure page shows the trail: the recommendation and the idea.
    reader = new_page()
    visit(reader, f"/{ORG_SLUG}/plan/{demo.plan_slug}/massnahme/{measure.pk}/")
    trail = reader.locator("section.trail")
    expect(trail.get_by_role("heading", name="Woher die Maßnahme kommt")).to_be_visible()
    expect(trail).to_contain_text(RECOMMENDATION)
    expect(trail.get_by_role("link", name=IDEA_TITLE)).to_be_visible()
    a11y_log.check(reader, "public measure page")
    trail.get_by_role("link", name=IDEA_TITLE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(IDEA_TITLE)
    expect(reader.locator("#weg-der-idee")).to_be_visible()
    expect(reader.locator("section.trail")).to_contain_text(RECOMMENDATION)
    a11y_log.check(reader, "public idea page")
    visit(reader, f"/tr{base}/empfehlungen/")
    expect(reader.locator("body")).to_contain_text(RECOMMENDATION)
    a11y_log.check(reader, "public recommendations (tr)")

    a11y_log.assert_clean()
