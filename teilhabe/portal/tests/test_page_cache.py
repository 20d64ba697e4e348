"""Whole-page caching of public pages: served without the database, refreshed by any content
change, never shared with people who have a session."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.plans import services

pytestmark = pytest.mark.django_db


def test_a_cached_start_page_needs_no_query_and_changes_with_the_content(
    client, public_setup, real_cache, django_capture_on_commit_callbacks
):
    plan = public_setup["plan"]
    url = reverse("portal:organization", args=[plan.organization.slug])
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 0
    assert second.content == first.content

    field = plan.fields.order_by("number").first()
    with django_capture_on_commit_callbacks(execute=True):
        services.field_update(field=field, version=field.version, title="Wohnen und Leben", by=None)
    assert "Wohnen und Leben" in client.get(url).content.decode()


def test_people_with_a_session_get_a_fresh_page(client, public_setup, real_cache):
    plan = public_setup["plan"]
    url = reverse("portal:organization", args=[plan.organization.slug])
    client.get(url)
    client.force_login(public_setup["coordinator"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) > 0


def test_languages_are_cached_separately(client, public_setup, real_cache):
    plan = public_setup["plan"]
    url = reverse("portal:organization", args=[plan.organization.slug])
    german = client.get(url).content.decode()
    arabic = client.get("/ar" + url).content.decode()
    assert '<html lang="de"' in german and '<html lang="ar"' in arabic


def test_a_plan_set_back_to_draft_disappears_at_once(
    client, public_setup, real_cache, django_capture_on_commit_callbacks
):
    plan = public_setup["plan"]
    url = reverse("portal:plan", args=[plan.organization.slug, plan.slug])
    assert client.get(url).status_code == 200
    plan.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_update(plan=plan, version=plan.version, status="draft", by=None)
    assert client.get(url).status_code == 404


def test_work_on_a_draft_bilanz_keeps_the_public_cache(
    client, public_setup, real_cache, django_capture_on_commit_callbacks
):
    plan, draft = public_setup["plan"], public_setup["draft_report"]
    url = reverse("portal:organization", args=[plan.organization.slug])
    client.get(url)
    entry = draft.entries.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="in_progress",
            percent=70,
            description="neu",
            original_wording="",
            by=None,
        )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == 0


def test_publishing_a_bilanz_refreshes_the_public_pages(
    client, public_setup, real_cache, django_capture_on_commit_callbacks
):
    plan, draft = public_setup["plan"], public_setup["draft_report"]
    url = reverse("portal:organization", args=[plan.organization.slug])
    assert "2018" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        draft.refresh_from_db()
        services.report_update(report=draft, version=draft.version, title="Bilanz 2018", by=None)
        draft.refresh_from_db()
        services.report_publish(report=draft, by=None)
    assert "Bilanz 2018" in client.get(url).content.decode()
