"""The council, Beschlussvorlage, timeline and prioritisation pages in a real browser, as their
users meet them: the coordinator of Landkreis Böblingen with papers and the Beschlussvorlage,
the public with papers (German and Arabic) and the "Beschlüsse dazu" of a measure, the
integration officer of Leinfelden-Echterdingen with the timeline and the prioritisation (record
grid, a member's ballot by token, the public Prioritätenliste).

Every page: no axe-core WCAG 2.1 A/AA violation, one h1, and no sideways scrolling at 390 px.
One test, so the demo loads once (the demo fixture is per test)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import (
    COORDINATOR,
    ORG_SLUG,
    PHONE,
    login,
    page_widths,
    visit,
)

pytestmark = pytest.mark.browser

LE = "leinfelden-echterdingen"
LE_OFFICER = "integration@le.example"
LE_PROCESS = "integrationsplan"
PAPER = "234/2014"


class Walk:
    """Each page twice: desktop for axe-core and the h1, phone for the page width."""

    def __init__(self, desktop, phone, a11y_log):
        self.desktop, self.phone, self.log = desktop, phone, a11y_log
        self.too_wide: list[str] = []

    def check(self, path: str, label: str, status: int = 200):
        visit(self.desktop, path, status)
        self.log.check(self.desktop, label)
        visit(self.phone, path, status)
        document, viewport = page_widths(self.phone)
        if document > viewport:
            self.too_wide.append(f"{label} ({path}): {document} px wide at {viewport} px")
        return self.desktop

    def assert_clean(self):
        self.log.assert_clean()
        assert not self.too_wide, "pages scroll sideways on a phone:\n" + "\n".join(self.too_wide)


def signed_in(new_page, email):
    desktop, phone = new_page(), new_page(viewport=PHONE)
    login(desktop, email)
    login(phone, email)
    return desktop, phone


def test_council_timeline_and_prioritisation_pages(new_page, demo, a11y_log):
    from pypdf import PdfReader

    from teilhabe.council.models import Paper
    from teilhabe.participation.models import GroupMember, Prioritization
    from teilhabe.plans.models import Measure, Plan

    paper = Paper.objects.get(organization__slug=ORG_SLUG, reference=PAPER)

    # 1. Böblingen's coordinator: committees, papers, the paper, the Beschlussvorlage.
    walk = Walk(*signed_in(new_page, COORDINATOR), a11y_log)
    walk.check(f"/verwaltung/gremien/{ORG_SLUG}/gremien/", "committees")
    page = walk.check(f"/verwaltung/gremien/{ORG_SLUG}/drucksachen/", "paper list")
    page.get_by_role("link", name=PAPER).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Drucksache {PAPER}")
    walk.check(f"/verwaltung/gremien/drucksache/{paper.pk}/", "paper (back office)")
    expect(page.get_by_role("heading", name="Beratungsfolge")).to_be_visible()
    expect(page.get_by_label("Verknüpfen mit")).to_be_visible()
    walk.check(f"/verwaltung/gremien/drucksache/{paper.pk}/bearbeiten/", "paper form")
    walk.check(f"/verwaltung/gremien/drucksache/{paper.pk}/beratungen/neu/", "consultation form")
    page = walk.check(f"/verwaltung/gremien/drucksache/{paper.pk}/", "paper (again)")
    page.get_by_role("link", name=re.compile("Beschlussvorlage erstellen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beschlussvorlage erstellen")
    walk.check(page.url.removeprefix(demo.live_url), "Beschlussvorlage form")
    page.get_by_label("Unterzeichnet von").fill("Roland Bernhard")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF herunterladen").click()
    assert download.value.suggested_filename == "beschlussvorlage-234-2014.pdf"
    pdf = PdfReader(download.value.path())
    text = " ".join((p.extract_text() or "") for p in pdf.pages)
    for expected in (
        "Beschlussvorlage",
        "Drucksache Nr. 234/2014",
        "Beschlussantrag",
        "Kreistag",
        "Roland Bernhard",
    ):
        assert expected in " ".join(text.split()), expected
    report_path = f"/verwaltung/gremien/vorlage/bilanz/{demo.draft_report_id}/"
    walk.check(report_path, "Beschlussvorlage from a Bilanz")

    # 2. The public: papers in German and Arabic, the measure's "Beschlüsse dazu".
    public = Walk(new_page(), new_page(viewport=PHONE), a11y_log)
    page = public.check(f"/{ORG_SLUG}/gremien/drucksachen/", "public paper list")
    page.get_by_role("link", name=PAPER).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(paper.title)
    public.check(f"/{ORG_SLUG}/gremien/drucksachen/{paper.pk}/", "public paper")
    page = public.check(f"/ar/{ORG_SLUG}/gremien/drucksachen/{paper.pk}/", "public paper (ar)")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    public.check(f"/ar/{ORG_SLUG}/gremien/drucksachen/", "public paper list (ar)")
    measure = Measure.objects.get(field__plan__slug=demo.plan_slug, number="1.1")
    page = public.check(f"/{ORG_SLUG}/plan/{demo.plan_slug}/massnahme/{measure.pk}/", "measure")
    decisions = page.locator("section", has=page.get_by_role("heading", name="Beschlüsse dazu"))
    expect(decisions.get_by_role("link", name=f"Drucksache {PAPER}")).to_be_visible()

    # 3. Leinfelden-Echterdingen: the timeline and the prioritisation. The plan is a draft in
    # the demo (its public pages are 404); here it is adopted, so the public pages show.
    Plan.objects.filter(slug=LE).update(status="adopted", adopted_on=dt.date(2020, 3, 10))
    prioritization = Prioritization.objects.get(group__process__plan__slug=LE)
    officer = Walk(*signed_in(new_page, LE_OFFICER), a11y_log)
    page = officer.check(f"/verwaltung/plaene/{LE}/zeitplan/", "timeline (back office)")
    expect(page.get_by_text("überfällig").first).to_be_visible()
    expect(page.get_by_role("link", name="Drucksache VKS 10.03.2020")).to_be_visible()
    officer.check(f"/verwaltung/plaene/{LE}/zeitplan/neu/", "milestone form")
    public.check(f"/{LE}/plan/{LE}/zeitplan/", "timeline (public)")

    base = f"/{LE}/plan/{LE}/beteiligung/{LE_PROCESS}/priorisierung/{prioritization.pk}/"
    page = public.check(base, "Prioritätenliste (public)")
    expect(page.get_by_role("table").first).to_be_visible()

    detail = f"/verwaltung/beteiligung/priorisierung/{prioritization.pk}/"
    page = officer.check(detail, "prioritisation (back office, closed)")
    page.get_by_role("button", name="Abstimmung wieder öffnen").click()
    expect(page.get_by_text("Die Abstimmung ist wieder geöffnet.")).to_be_visible()
    officer.check(detail, "prioritisation (back office, open)")
    page = officer.check(detail + "papier-stimmzettel/", "paper ballots grid")
    expect(page.get_by_role("button", name="Stimmzettel speichern")).to_be_visible()
    member = GroupMember.objects.filter(group=prioritization.group, may_vote=True).first()
    page = public.check(f"{base}stimmzettel/{member.token}/", "ballot by token")
    expect(page.get_by_role("button", name="Stimme ändern")).to_be_visible()

    walk.assert_clean()
