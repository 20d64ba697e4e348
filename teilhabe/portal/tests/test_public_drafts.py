"""A town drafting its plan: what its coordinator opens early is public — the organisation's
page, the participation processes, their events and ideas, and (if chosen) the draft itself
marked "Entwurf" — and nothing else of the draft: no Bilanz, no data, no feed, no API, no
search. The walk goes over every public route, as the draft walker does."""

import pytest
from django.urls import reverse

from teilhabe.participation.models import Idea, ProcessStatus
from teilhabe.participation.services.processes import process_create
from teilhabe.plans import services
from teilhabe.testing import make_organization, make_plan
from teilhabe.testing.state import shared_fixture

from .test_no_draft_leaks import FORMATS, PATTERNS, readable_text, urls_of

pytestmark = pytest.mark.django_db

# Texts only the draft's own pages may show (when the draft is shown as a draft). The fields'
# titles are part of the participation (an idea is filed under a field), so they may appear
# there; the measures may not.
DRAFT_CONTENT = ("ENTWURFSFELD-ANFANG", "ENTWURFSMASSNAHME-ANFANG")
# Texts no public page may show, whatever the coordinator opened.
NEVER = ("ENTWURFSBILANZ-ANFANG", "UNGEPRUEFTE-IDEE-ANFANG", "INTERNER-PROZESS-ANFANG")


def build_drafting_town(get):
    organization = make_organization("Stadt Anfang", kind="city")
    plan, report, _ = make_plan(organization, status="draft", fields=1, measures_per_field=1)
    plan = services.plan_update(
        plan=plan, version=plan.version, draft_visibility="participation", by=None
    )
    plan.fields.update(title=DRAFT_CONTENT[0], title_de=DRAFT_CONTENT[0])
    measure = plan.fields.get().measures.get()
    services.measure_update(
        measure=measure, version=measure.version, title=DRAFT_CONTENT[1], by=None
    )
    services.report_update(
        report=report, version=report.version, title=NEVER[0], introduction=NEVER[0], by=None
    )
    process = process_create(
        plan=plan,
        title="Beteiligung Anfang",
        slug="beteiligung-anfang",
        status=ProcessStatus.RUNNING,
        public=True,
        by=None,
    )
    process_create(plan=plan, title=NEVER[2], slug="intern", public=False, by=None)
    idea = Idea.objects.create(
        process=process, title="Sprachcafé im Rathaus", text="Jeden Freitag", status="published"
    )
    Idea.objects.create(process=process, title=NEVER[1], text=NEVER[1], status="pending")
    return {"organization": organization, "plan": plan, "process": process, "idea": idea}


drafting_town = shared_fixture(build_drafting_town, name="drafting_town")


def values(town):
    plan, organization = town["plan"], town["organization"]
    ids = [town["idea"].pk, plan.fields.get().measures.get().pk, plan.reports.get().pk]
    return {
        "org_slug": [organization.slug],
        "plan_slug": [plan.slug],
        "slug": [plan.slug, organization.slug],
        "number": [1],
        "pk": ids,
        "id": ids,
        "measure_id": ids[1:2],
        "report_id": ids[2:],
        "fmt": FORMATS[:2],
        "format": FORMATS,
        "process_slug": ["beteiligung-anfang", "intern"],
        "idea_id": ids[:1],
        "event_id": [1],
        "format_id": [1],
        "group_id": [1],
        "recommendation_id": [1],
        "prioritization_id": [1],
        "paper_id": [1],
        "offer_id": [1],
        "network_id": [1],
        "indicator_id": [1],
        "committee_id": [1],
        "meeting_id": [1],
        "token": ["ungueltiges-zeichen"],
        "fund_slug": ["fonds"],
        "attachment_pk": [1],
    }


@pytest.mark.parametrize(("namespace", "route"), PATTERNS, ids=[route for _, route in PATTERNS])
def test_a_draft_opened_for_participation_shows_nothing_else(
    client, drafting_town, namespace, route
):
    for url in urls_of(namespace, route, values(drafting_town)):
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        text = readable_text(response)
        for marker in (DRAFT_CONTENT[1], *NEVER):
            assert marker not in text, f"{marker} in {url}"


def test_the_town_page_leads_to_its_participation(client, drafting_town):
    organization, plan = drafting_town["organization"], drafting_town["plan"]
    html = client.get(reverse("portal:organization", args=[organization.slug])).content.decode()
    assert "Beteiligung Anfang" in html
    assert plan.title in html and "in Erarbeitung" in html
    process_url = reverse(
        "portal:process", args=[organization.slug, plan.slug, "beteiligung-anfang"]
    )
    assert process_url in html
    page = client.get(process_url)
    assert page.status_code == 200
    # The breadcrumb leads to the town's page, not to the plan's page, which does not exist yet.
    assert reverse("portal:organization", args=[organization.slug]) in page.content.decode()
    assert (
        client.get(reverse("portal:plan", args=[organization.slug, plan.slug])).status_code == 404
    )
    assert organization.slug in client.get(reverse("portal:home")).content.decode()


def test_a_draft_shown_as_a_draft_says_so(client, drafting_town):
    organization, plan = drafting_town["organization"], drafting_town["plan"]
    plan = services.plan_update(plan=plan, version=plan.version, draft_visibility="draft", by=None)
    html = client.get(reverse("portal:plan", args=[organization.slug, plan.slug])).content.decode()
    assert "Entwurf" in html and "noch nicht beschlossen" in html
    assert DRAFT_CONTENT[0] in html
    assert NEVER[0] not in html
    report = plan.reports.get()
    url = reverse("portal:report", args=[organization.slug, plan.slug, report.pk])
    assert client.get(url).status_code == 404
    assert plan.slug not in client.get("/api/v1/plans/").content.decode()
