"""SQL queries per page must not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.organizations.models import Role
from teilhabe.plans import services
from teilhabe.testing import make_plan, make_user

pytestmark = pytest.mark.django_db


def grown(plan, report, reports=3):
    """Publish and add follow-up reports with a few changes, as a plan does over the years."""
    for year in range(reports):
        services.report_publish(report=report, by=None)
        report = services.report_create(
            plan=plan, as_of=dt.date(2018 + year, 1, 1), title=f"Bilanz {2018 + year}", by=None
        )
        for entry in report.entries.all()[:3]:
            services.measure_update_progress(
                entry=entry,
                version=entry.version,
                status="in_progress",
                percent=10 * (year + 1),
                description="",
                by=None,
            )
    return report


def page_urls(plan, report):
    measure = report.entries.first().measure
    return {
        "dashboard": reverse("plans:plan_dashboard", args=[plan.slug]),
        "field": reverse("plans:field_detail", args=[plan.slug, 1]),
        "measures": reverse("plans:measure_list", args=[plan.slug]),
        "measures filtered": reverse("plans:measure_list", args=[plan.slug])
        + "?status=in_progress&field=1",
        "report": reverse("plans:report_detail", args=[report.pk]),
        "measure": reverse("plans:measure_detail", args=[measure.pk]),
        "home": reverse("backoffice:home"),
    }


def count_queries(client, urls):
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_plan_size(client):
    small_plan, small_report, _ = make_plan(fields=2, measures_per_field=3)
    small_report = grown(small_plan, small_report, reports=1)
    big_plan, big_report, _ = make_plan(fields=8, measures_per_field=25, units=6)
    big_report = grown(big_plan, big_report, reports=3)
    person = make_user(small_plan.organization, Role.COORDINATOR)
    from teilhabe.organizations.services import membership_set

    membership_set(user=person, organization=big_plan.organization, role=Role.COORDINATOR)
    client.force_login(person)
    small = count_queries(client, page_urls(small_plan, small_report))
    big = count_queries(client, page_urls(big_plan, big_report))
    assert small == big
