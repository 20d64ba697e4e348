import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.plans import services

pytestmark = pytest.mark.django_db


def test_dashboard_explains_progress_and_shows_counts(client, plan_setup):
    client.force_login(plan_setup["people"]["reader"])
    html = client.get(
        reverse("plans:plan_dashboard", args=[plan_setup["plan"].slug])
    ).content.decode()
    # The figure keeps its percent sign on the line (a no-break space), with its basis.
    assert "37,5\u00a0%" in html
    assert "aus 4 von 6 Maßnahmen" in html
    assert "„Umsetzung nicht möglich“ und „keine Angabe“ bleiben außen vor" in html
    assert 'role="img"' in html and "<title" in html
    assert "Es gibt keine frühere Bilanz zum Vergleich." in html


def test_dashboard_shows_changes_against_the_published_report(client, plan_setup):
    plan, report = plan_setup["plan"], plan_setup["report"]
    services.report_publish(report=report, by=None)
    follow_up = services.report_create(
        plan=plan, as_of=dt.date(2018, 1, 1), title="Bilanz 2018", by=None
    )
    entry = follow_up.entries.get(status="not_started")
    services.measure_update_progress(
        entry=entry, version=entry.version, status="done", percent=None, description="", by=None
    )
    client.force_login(plan_setup["people"]["coordinator"])
    html = client.get(reverse("plans:plan_dashboard", args=[plan.slug])).content.decode()
    assert "Verglichen mit „Bilanz 2017“" in html
    assert entry.measure.title in html
    assert "Verlauf über alle Bilanzen" in html


def test_cached_dashboard_follows_every_change(client, plan_setup, real_cache):
    plan, report = plan_setup["plan"], plan_setup["report"]
    url = reverse("plans:plan_dashboard", args=[plan.slug])
    client.force_login(plan_setup["people"]["coordinator"])
    assert "37,5\u00a0%" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as cached:
        assert "37,5\u00a0%" in client.get(url).content.decode()
    entry = report.entries.get(status="not_started")
    services.measure_update_progress(
        entry=entry, version=entry.version, status="done", percent=None, description="", by=None
    )
    html = client.get(url).content.decode()
    assert "62,5\u00a0%" in html  # (100 + 50 + 0 + 100) / 4
    measure = report.entries.get(status="in_progress").measure
    services.measure_update(
        measure=measure, version=measure.version, title="Umbenannte Maßnahme", by=None
    )
    services.report_update(report=report, version=report.version, title="Bilanz umbenannt", by=None)
    assert "Bilanz umbenannt" in client.get(url).content.decode()
    assert len(cached) <= 6, [q["sql"] for q in cached.captured_queries]
