"""The lists' SQL query count does not grow with the data: one plan with a few measures against
four plans with many more, each with published and draft reports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.plans import services
from teilhabe.plans.models import ProgressReport
from teilhabe.testing import make_plan

from .conftest import bearer, publish_and_start_next

pytestmark = pytest.mark.django_db


def published_plan(**kwargs):
    plan, report, _units = make_plan(**kwargs)
    draft = publish_and_start_next(plan, report)
    services.milestone_create(plan=plan, kind="decision", title="Beschluss", by=None)
    return plan, draft


def urls(plan) -> list[str]:
    report = ProgressReport.objects.filter(plan=plan, status="published").first()
    return [
        "/api/v1/organizations/",
        "/api/v1/plans/",
        "/api/v1/fields/",
        "/api/v1/goals/",
        "/api/v1/measures/",
        f"/api/v1/measures/?plan={plan.slug}&status=done&status=in_progress",
        "/api/v1/measures/?status=done",
        "/api/v1/measures/?changed_since=2020-01-01",
        f"/api/v1/measures/{plan.fields.first().measures.first().pk}/",
        "/api/v1/reports/",
        f"/api/v1/reports/{report.pk}/",
        f"/api/v1/reports/{report.pk}/entries/",
        "/api/v1/milestones/",
        f"/api/v1/plans/{plan.slug}/draft-entries/",
    ]


def counts(api, plan, key) -> dict[str, int]:
    result = {}
    for url in urls(plan):
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url, **bearer(key))
        assert response.status_code == 200, (url, response.content)
        result[url] = len(queries)
    return result


def test_query_counts_do_not_grow_with_the_data(api, plan_setup):
    from teilhabe.api.services import api_token_create

    small_plan = plan_setup["plan"]
    publish_and_start_next(small_plan, plan_setup["report"])
    services.milestone_create(plan=small_plan, kind="decision", title="Beschluss", by=None)
    key = api_token_create(user=plan_setup["people"]["coordinator"], name="Zählung")[1]
    api.get("/api/v1/plans/", **bearer(key))  # first use writes last_used_at once
    small = counts(api, small_plan, key)

    for _ in range(3):
        published_plan(fields=3, measures_per_field=8, units=3)
    large = counts(api, small_plan, key)

    assert large == small
    # The key, the count (and the stamp its cache is keyed on), the page, the related rows.
    assert max(small.values()) <= 7, small
