"""Atom feeds of published reports and the milestone calendar: they parse, and show no drafts."""

import datetime as dt
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.plans import services
from teilhabe.testing import make_organization, make_plan

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SECRET = "GEHEIMER-ENTWURF"


@pytest.fixture(autouse=True)
def plain_404(settings):
    settings.ROOT_URLCONF = "teilhabe.portal.tests.urls_plain_404"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def published_plan(organization=None, **kwargs):
    plan, report, _units = make_plan(organization, **kwargs)
    services.report_publish(report=report, by=None)
    report.refresh_from_db()
    return plan, report


def publish_next(plan, as_of, title):
    report = services.report_create(plan=plan, as_of=as_of, title=title, by=None)
    services.report_publish(report=report, by=None)
    report.refresh_from_db()
    return report


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


# Atom -------------------------------------------------------------------------------------------


def test_organisation_feed_lists_its_published_reports_newest_first(client):
    plan, first = published_plan()
    second = publish_next(plan, dt.date(2019, 5, 1), "Bilanz 2019")
    services.report_create(plan=plan, as_of=dt.date(2020, 1, 1), title=SECRET, by=None)
    other_plan, other_report = published_plan()

    feed = parse_feed(client.get(reverse("portal:report_feed", args=[plan.organization.slug])))

    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == "de"
    assert feed.findtext(f"{ATOM}title") == f"Neue Bilanzen – {plan.organization.name}"
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Bilanz 2019", "Bilanz 2017"]
    newest = entries[0]
    link = newest.find(f"{ATOM}link").get("href")
    org = plan.organization.slug
    assert link.endswith(reverse("portal:report", args=[org, plan.slug, second.pk]))
    assert dt.datetime.fromisoformat(newest.findtext(f"{ATOM}updated")) == second.published_at
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == plan.organization.name
    summary = entries[1].findtext(f"{ATOM}summary")
    assert "Stand 20.02.2017" in summary and "37,5" in summary
    assert "aus 4 von 6 Maßnahmen" in summary
    ids = {entry.findtext(f"{ATOM}id") for entry in entries}
    assert len(ids) == 2
    assert SECRET.encode() not in client.get(reverse("portal:report_feed", args=[org])).content
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links[1].endswith(reverse("portal:report", args=[org, plan.slug, first.pk]))
    other_link = reverse(
        "portal:report", args=[other_plan.organization.slug, other_plan.slug, other_report.pk]
    )
    assert not any(link.endswith(other_link) for link in links)


def test_site_feed_has_every_organisation_but_no_drafts(client):
    _plan_a, _report_a = published_plan(make_organization("Landkreis Ahorn"))
    _plan_b, _report_b = published_plan(make_organization("Stadt Birke", kind="city"))
    _draft_plan, draft_plan_report, _ = make_plan(
        make_organization("Gemeinde Geheim"), status="draft"
    )
    # Published in a plan that is still a draft: not public either.
    services.report_publish(report=draft_plan_report, by=None)
    make_plan()  # a public plan with only a draft report

    feed = parse_feed(client.get(reverse("portal:site_report_feed")))

    titles = sorted(entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry"))
    assert titles == ["Landkreis Ahorn: Bilanz 2017", "Stadt Birke: Bilanz 2017"]
    assert b"Gemeinde Geheim" not in client.get(reverse("portal:site_report_feed")).content


def test_feed_of_an_organisation_without_a_public_plan_is_not_found(client):
    draft_plan, report, _ = make_plan(status="draft")
    services.report_publish(report=report, by=None)
    url = reverse("portal:report_feed", args=[draft_plan.organization.slug])
    assert client.get(url).status_code == 404
    assert client.get(reverse("portal:report_feed", args=["gibt-es-nicht"])).status_code == 404


def test_feed_in_another_language_keeps_its_ids(client):
    plan, _report = published_plan()
    org = plan.organization.slug
    german = parse_feed(client.get(reverse("portal:report_feed", args=[org])))
    with translation.override("en"):
        url = reverse("portal:report_feed", args=[org])
        english = parse_feed(client.get(url))
    assert url.startswith("/en/")
    assert english.get(XML_LANG) == "en"
    entry_de, entry_en = german.find(f"{ATOM}entry"), english.find(f"{ATOM}entry")
    assert entry_de.findtext(f"{ATOM}id") == entry_en.findtext(f"{ATOM}id")
    assert "/en/" in entry_en.find(f"{ATOM}link").get("href")


def test_feeds_can_be_cached_and_read_from_other_sites(client):
    plan, _report = published_plan()
    response = client.get(reverse("portal:report_feed", args=[plan.organization.slug]))
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.head(reverse("portal:site_report_feed")).status_code == 200
    assert client.post(reverse("portal:site_report_feed")).status_code == 405


def test_feed_queries_do_not_grow_with_the_reports(client):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    plan, _report = published_plan()
    org = plan.organization.slug
    few = count(reverse("portal:report_feed", args=[org]))
    site_few = count(reverse("portal:site_report_feed"))
    for year in range(2018, 2023):
        publish_next(plan, dt.date(year, 1, 1), f"Bilanz {year}")
    published_plan()
    assert count(reverse("portal:report_feed", args=[org])) == few
    assert count(reverse("portal:site_report_feed")) == site_few


# iCalendar --------------------------------------------------------------------------------------


def calendar_url(plan):
    return reverse("portal:milestones_ics", args=[plan.organization.slug, plan.slug])


def parse_calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_has_an_all_day_event_per_dated_milestone(client):
    plan, _report = published_plan()
    planned = services.milestone_create(
        plan=plan,
        kind="interim_report",
        title="Zwischenbericht an den Kreistag",
        description="Vorlage im Sozialausschuss",
        due_on=dt.date(2026, 6, 30),
        by=None,
    )
    done = services.milestone_create(
        plan=plan,
        kind="decision",
        title="Beschluss des Kreistags",
        due_on=dt.date(2014, 12, 1),
        done_on=dt.date(2014, 12, 15),
        by=None,
    )
    services.milestone_create(plan=plan, kind="other", title="Irgendwann", by=None)

    calendar = parse_calendar(client.get(calendar_url(plan)))

    assert str(calendar["VERSION"]) == "2.0"
    assert "Teilhabe" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == f"Zeitplan: {plan.title} ({plan.organization.name})"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"milestone-{planned.pk}@127.0.0.1", f"milestone-{done.pk}@127.0.0.1"}

    open_event = events[f"milestone-{planned.pk}@127.0.0.1"]
    assert open_event.decoded("DTSTART") == dt.date(2026, 6, 30)
    assert open_event.decoded("DTEND") == dt.date(2026, 7, 1)
    assert str(open_event["SUMMARY"]) == "Zwischenbericht an den Kreistag"
    assert "Vorlage im Sozialausschuss" in str(open_event["DESCRIPTION"])
    assert "Geplant bis 30.06.2026" in str(open_event["DESCRIPTION"])
    assert str(open_event["STATUS"]) == "CONFIRMED"
    assert str(open_event["X-TEILHABE-MILESTONE-STATUS"]) == "PLANNED"
    assert open_event.decoded("DTSTAMP").tzinfo is not None

    done_event = events[f"milestone-{done.pk}@127.0.0.1"]
    assert done_event.decoded("DTSTART") == dt.date(2014, 12, 15)
    assert str(done_event["SUMMARY"]) == "Erledigt: Beschluss des Kreistags"
    assert str(done_event["X-TEILHABE-MILESTONE-STATUS"]) == "COMPLETED"
    assert "Erledigt am 15.12.2014" in str(done_event["DESCRIPTION"])


def test_calendar_uids_are_stable_and_texts_follow_the_language(client):
    plan, _report = published_plan()
    milestone = services.milestone_create(
        plan=plan, kind="council", title="Einbringung", due_on=dt.date(2026, 3, 1), by=None
    )
    plan.milestones.filter(pk=milestone.pk).update(title_en="Presentation to the council")

    german = parse_calendar(client.get(calendar_url(plan)))
    with translation.override("en"):
        english = parse_calendar(client.get(calendar_url(plan)))
    [event_de], [event_en] = german.walk("VEVENT"), english.walk("VEVENT")
    assert str(event_de["UID"]) == str(event_en["UID"])
    assert str(event_de["SUMMARY"]) == "Einbringung"
    assert str(event_en["SUMMARY"]) == "Presentation to the council"


def test_calendar_of_a_draft_plan_is_not_found(client):
    plan, _report, _ = make_plan(status="draft")
    services.milestone_create(
        plan=plan, kind="decision", title=SECRET, due_on=dt.date(2026, 1, 1), by=None
    )
    assert client.get(calendar_url(plan)).status_code == 404


def test_calendar_without_milestones_is_still_a_calendar(client):
    plan, _report = published_plan()
    calendar = parse_calendar(client.get(calendar_url(plan)))
    assert calendar.walk("VEVENT") == []
