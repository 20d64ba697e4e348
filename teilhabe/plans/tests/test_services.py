import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from teilhabe.core.errors import ConflictError, PublishedReportError, ServiceError
from teilhabe.plans import services
from teilhabe.plans.models import Example, Measure, ProgressEntry, ProgressReport
from teilhabe.testing import make_plan, make_user

pytestmark = pytest.mark.django_db


def test_new_report_copies_last_state():
    plan, report, _ = make_plan()
    services.report_publish(report=report, by=None)
    follow_up = services.report_create(
        plan=plan, as_of=dt.date(2018, 2, 20), title="Bilanz 2018", by=None
    )
    old = {e.measure_id: (e.status, e.percent, e.description) for e in report.entries.all()}
    new = {e.measure_id: (e.status, e.percent, e.description) for e in follow_up.entries.all()}
    assert new == old
    assert follow_up.status == "draft"


def test_first_report_starts_unknown():
    plan, report, _ = make_plan()
    services.report_delete(report=report, by=None)
    first = services.report_create(plan=plan, as_of=dt.date(2016, 1, 1), title="früher", by=None)
    assert set(first.entries.values_list("status", flat=True)) == {"unknown"}
    assert first.entries.count() == Measure.objects.filter(field__plan=plan).count()


def test_one_draft_at_a_time_and_after_the_last_published_report():
    plan, report, _ = make_plan()
    with pytest.raises(ServiceError, match="schon eine Bilanz im Entwurf"):
        services.report_create(plan=plan, as_of=dt.date(2019, 1, 1), title="2019", by=None)
    services.report_publish(report=report, by=None)
    with pytest.raises(ServiceError, match="nach dem der letzten veröffentlichten Bilanz"):
        services.report_create(plan=plan, as_of=dt.date(2016, 1, 1), title="2016", by=None)
    assert services.report_create(plan=plan, as_of=dt.date(2019, 1, 1), title="2019", by=None).pk


def test_duplicate_as_of_is_refused_in_german():
    plan, report, _ = make_plan()
    with pytest.raises(ServiceError, match="schon eine Bilanz"):
        services.report_create(plan=plan, as_of=report.as_of, title="doppelt", by=None)


def test_second_save_from_stale_version_is_a_conflict_and_nothing_is_lost():
    _plan, report, _ = make_plan()
    alice, bob = make_user(), make_user()
    entry = report.entries.first()
    loaded_version = entry.version
    services.measure_update_progress(
        entry=entry,
        version=loaded_version,
        status="in_progress",
        percent=30,
        description="Alice",
        by=alice,
    )
    with pytest.raises(ConflictError) as caught:
        services.measure_update_progress(
            entry=entry,
            version=loaded_version,
            status="done",
            percent=None,
            description="Bob",
            by=bob,
        )
    assert "inzwischen von einer anderen Person geändert" in caught.value.message
    entry.refresh_from_db()
    assert (entry.status, entry.percent, entry.description) == ("in_progress", 30, "Alice")
    assert caught.value.current.description == "Alice"
    assert entry.history.filter(history_user=alice).exists()


def test_measure_update_conflict():
    plan, _, _ = make_plan()
    measure = Measure.objects.filter(field__plan=plan).first()
    version = measure.version
    services.measure_update(measure=measure, version=version, title="A", by=None)
    with pytest.raises(ConflictError):
        services.measure_update(measure=measure, version=version, title="B", by=None)
    measure.refresh_from_db()
    assert measure.title == "A"


def test_published_report_cannot_change_through_any_service():
    plan, report, _ = make_plan()
    services.report_publish(report=report, by=None)
    entry = report.entries.first()
    field = plan.fields.first()
    attempts = [
        lambda: services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="done",
            percent=None,
            description="x",
            by=None,
        ),
        lambda: services.report_update(
            report=report, version=report.version + 1, title="neu", by=None
        ),
        lambda: services.report_publish(report=report, by=None),
        lambda: services.example_add(report=report, field=field, text="neu", by=None),
        lambda: services.report_delete(report=report, by=None),
    ]
    before = list(
        ProgressEntry.objects.filter(report=report).values_list(
            "status", "percent", "description", "version"
        )
    )
    for attempt in attempts:
        with pytest.raises(PublishedReportError):
            attempt()
    after = list(
        ProgressEntry.objects.filter(report=report).values_list(
            "status", "percent", "description", "version"
        )
    )
    assert before == after
    assert not Example.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.title == "Bilanz 2017"


def test_progress_summary_follows_documented_rule():
    _plan, report, _ = make_plan(fields=1, measures_per_field=6)
    summary = ProgressEntry.objects.for_report(report).summary()
    # done 100, in progress 50, in coordination 0, not started 0; not possible & unknown left out.
    assert summary["progress"] == 37.5
    assert summary["n_total"] == 6


def test_weight_changes_the_mean():
    _plan, report, _ = make_plan(fields=1, measures_per_field=4)
    done = report.entries.get(status="done").measure
    services.measure_update(measure=done, version=done.version, weight=3, by=None)
    summary = ProgressEntry.objects.for_report(report).summary()
    assert summary["progress"] == round((3 * 100 + 50 + 0 + 0) / 6, 1)


def test_percent_is_normalised_and_checked():
    _plan, report, _ = make_plan()
    entry = report.entries.first()
    updated = services.measure_update_progress(
        entry=entry, version=entry.version, status="done", percent=20, description="", by=None
    )
    assert updated.percent == 100
    with pytest.raises(ServiceError, match="zwischen 0 und 100"):
        services.measure_update_progress(
            entry=updated,
            version=updated.version,
            status="in_progress",
            percent=150,
            description="",
            by=None,
        )


def test_database_refuses_inconsistent_percent():
    _plan, report, _ = make_plan()
    entry = report.entries.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.filter(pk=entry.pk).update(status="done", percent=40)


def test_new_measure_joins_draft_reports_only():
    plan, report, _ = make_plan()
    services.report_publish(report=report, by=None)
    draft = services.report_create(plan=plan, as_of=dt.date(2019, 1, 1), title="2019", by=None)
    measure = services.measure_create(field=plan.fields.first(), title="Neu", by=None)
    assert draft.entries.filter(measure=measure, status="unknown").exists()
    assert not report.entries.filter(measure=measure).exists()


def test_changes_since_previous_report():
    plan, report, _ = make_plan()
    services.report_publish(report=report, by=None)
    follow_up = services.report_create(plan=plan, as_of=dt.date(2018, 1, 1), title="2018", by=None)
    entry = follow_up.entries.filter(status="not_started").first()
    services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status="in_progress",
        percent=20,
        description="",
        by=None,
    )
    changed = list(ProgressEntry.objects.for_report(follow_up).changed_since(report))
    assert [c.measure_id for c in changed] == [entry.measure_id]


def test_latest_for_and_visibility():
    plan, report, _ = make_plan(status="draft")
    assert ProgressReport.objects.latest_for(plan) == report
    assert not ProgressReport.objects.public().filter(pk=report.pk).exists()


def _update(entry, **changes):
    values = {
        "entry_id": entry.pk,
        "version": entry.version,
        "status": "done",
        "percent": None,
        "description": "",
    }
    values.update(changes)
    return services.ProgressUpdate(**values)


def test_progress_update_many_checks_every_version_before_writing():
    _plan, report, _ = make_plan()
    first, second = report.entries.order_by("pk")[:2]
    before = (first.status, first.description, first.version)
    stale = _update(second, version=second.version - 1)
    with pytest.raises(ConflictError):
        services.progress_update_many(report=report, updates=[_update(first), stale], by=None)
    first.refresh_from_db()
    assert (first.status, first.description, first.version) == before
    changed = services.progress_update_many(
        report=report,
        updates=[_update(first, description="ok"), _update(second, status="not_started")],
        by=None,
    )
    assert changed == 2
    first.refresh_from_db()
    assert (first.status, first.percent, first.description) == ("done", 100, "ok")
    assert first.history.count() == 3  # created, edited by make_plan, this batch


def test_progress_update_many_refuses_published_reports():
    _plan, report, _ = make_plan()
    services.report_publish(report=report, by=None)
    entry = report.entries.first()
    with pytest.raises(PublishedReportError):
        services.progress_update_many(report=report, updates=[_update(entry)], by=None)


def test_measures_create_many_numbers_and_joins_drafts():
    plan, report, _ = make_plan(fields=1, measures_per_field=2)
    field = plan.fields.get()
    created = services.measures_create_many(field=field, titles=["A", "B"], by=None)
    assert [m.number for m in created] == ["1.3", "1.4"]
    assert report.entries.filter(measure__in=created, status="unknown").count() == 2
    assert all(m.history.exists() for m in created)


def test_measures_of_published_reports_cannot_be_deleted():
    plan, report, _ = make_plan()
    draft_measure = services.measure_create(field=plan.fields.first(), title="Test", by=None)
    services.measure_delete(measure=draft_measure, by=None)
    assert not Measure.objects.filter(pk=draft_measure.pk).exists()
    services.report_publish(report=report, by=None)
    published_measure = report.entries.first().measure
    with pytest.raises(ServiceError, match="veröffentlichten Bilanz"):
        services.measure_delete(measure=published_measure, by=None)
    assert Measure.objects.filter(pk=published_measure.pk).exists()
