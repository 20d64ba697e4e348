"""The progress rule (plans.progress) also on the badge, in the Atom feed and in the API: a
report in which fewer than half of the measures have a status shows no percentage there either,
and the API says what the figure rests on."""

import pytest
from django.urls import reverse

from teilhabe.plans import services
from teilhabe.plans.models import ProgressEntry
from teilhabe.testing import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def thin_report():
    """Six measures, one reported as done, five without an answer: 1 of 6 is below half."""
    plan, report, _ = make_plan(fields=1, measures_per_field=6)
    entries = list(ProgressEntry.objects.for_report(report).order_by("pk"))
    ProgressEntry.objects.filter(pk__in=[e.pk for e in entries[1:]]).update(
        status="unknown", percent=None
    )
    ProgressEntry.objects.filter(pk=entries[0].pk).update(status="done", percent=100)
    return plan, services.report_publish(report=report, by=None)


def test_the_badge_says_too_few(client, thin_report):
    plan, _ = thin_report
    svg = client.get(
        reverse("portal:badge", args=[plan.organization.slug, plan.slug])
    ).content.decode()
    assert "zu wenige Angaben" in svg
    assert "100" not in svg.split("<title", 1)[1].split("</title>", 1)[0]


def test_the_feed_says_too_few_with_the_basis(client, thin_report):
    plan, _ = thin_report
    feed = client.get(reverse("portal:report_feed", args=[plan.organization.slug]))
    text = feed.content.decode()
    assert "Fortschritt: zu wenige Angaben, berechnet aus 1 von 6 Maßnahmen." in text


def test_the_api_gives_the_basis_and_no_percentage(client, thin_report):
    _, report = thin_report
    data = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert data["summary"]["progress"] is None
    assert data["summary"]["too_few"] is True
    assert data["summary"]["basis"] == 1
    assert data["summary"]["total"] == 6
