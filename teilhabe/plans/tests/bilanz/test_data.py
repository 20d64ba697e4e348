import datetime as dt

import pytest

from teilhabe.plans import services
from teilhabe.plans.bilanz.data import PROGRESS_NOTE, bilanz_data, report_for
from teilhabe.plans.models import ProgressReport
from teilhabe.testing import make_plan

from .sample import make_boeblingen_plan


@pytest.mark.django_db
def test_rows_follow_fields_and_measures_in_order(plan_setup):
    data = bilanz_data(plan_setup["report"])

    assert [f.heading for f in data.fields] == ["1. Handlungsfeld 1", "2. Handlungsfeld 2"]
    assert [len(f.rows) for f in data.fields] == [3, 3]
    first = data.fields[0].rows[0]
    assert first.status == "done"
    assert first.implementation == "100% umgesetzt"
    assert data.fields[0].examples_heading.startswith("Beispiele aus dem Landkreis")
    assert data.progress_note.startswith(PROGRESS_NOTE)
    assert "zu wenige Angaben" in data.progress_note


@pytest.mark.django_db
def test_summary_counts_and_progress(plan_setup):
    data = bilanz_data(plan_setup["report"])

    # make_plan cycles through the six statuses: one measure each.
    assert data.summary.counts == dict.fromkeys(
        ["done", "in_progress", "in_coordination", "not_started", "not_possible", "unknown"], 1
    )
    assert data.summary.total == 6
    # (100 + 50 + 0 + 0) / 4: "nicht möglich" and "keine Angabe" stay out.
    assert data.summary.progress == 37.5
    # The figure rests on 4 of 6 measures: the basis is printed next to it.
    assert data.summary.progress_text == "37,5\u00a0% (aus 4 von 6 Maßnahmen)"
    assert [f.summary.progress for f in data.fields] == [50.0, 0.0]
    # Field 1 (done, in progress, in coordination) is fully known; field 2 (not started, not
    # possible, unknown) rests on 1 of 3 measures: too few for a percentage.
    assert [f.summary.figure.figure_text for f in data.fields] == ["50\u00a0%", "zu wenige Angaben"]
    assert data.fields[1].summary.progress_text == "zu wenige Angaben (aus 1 von 3 Maßnahmen)"


@pytest.mark.django_db
def test_implementation_falls_back_to_status_and_percent():
    _plan, report = make_boeblingen_plan()
    rows = {row.measure.title: row for field in bilanz_data(report).fields for row in field.rows}

    assert rows["Gemeinsamer Austausch mit diversen Trägern"].implementation == (
        "in Umsetzung (50\u00a0%)"
    )
    assert rows["Ehrenamtlicher Dolmetscher-Pool"].implementation == "Umsetzung 15%"


@pytest.mark.django_db
def test_changes_and_history_compare_with_the_last_published_report():
    _plan, report = make_boeblingen_plan()
    data = bilanz_data(report)

    assert data.previous_report.title == "Zwischenbericht"
    # Every measure was "nicht umgesetzt" in the interim report; all but one changed since.
    changed = {c.measure.title: c for c in data.changes}
    assert (
        "Die Verantwortlichen für die Planung beteiligen Migrantenorganisationen "
        "systematisch im Planungsprozess." not in changed
    )
    ehrenamt = changed["Ehrenamtlicher Dolmetscher-Pool"]
    assert (ehrenamt.old_status, ehrenamt.new_status, ehrenamt.new_percent) == (
        "not_started",
        "in_progress",
        15,
    )
    assert ehrenamt.old_text == "nicht umgesetzt"
    assert [p.title for p in data.history] == ["Zwischenbericht", "Bilanz"]
    assert data.history[0].progress == 0.0


@pytest.mark.django_db
def test_a_draft_never_enters_another_reports_history(plan_setup):
    plan, report = plan_setup["plan"], plan_setup["report"]
    services.report_publish(report=report, by=None)
    services.report_create(plan=plan, as_of=dt.date(2018, 1, 1), title="Entwurf 2018", by=None)

    data = bilanz_data(report)

    assert [p.title for p in data.history] == ["Bilanz 2017"]
    assert data.previous_report is None
    assert data.changes == []


@pytest.mark.django_db
def test_fields_sentence_lists_titles_and_mottos():
    _plan, report = make_boeblingen_plan()
    report.introduction = ""

    sentence = bilanz_data(report).fields_sentence

    assert sentence.startswith("Der Plan ist in vier Handlungsfelder aufgeteilt: ")
    assert "1. Aufbrechen und Ankommen („Hier bin ich“)" in sentence
    assert sentence.endswith("und 4. Religion („Dialog statt Diagnose“).")


@pytest.mark.django_db
def test_report_for_picks_the_latest_report_on_or_before_a_date(plan_setup):
    plan, report = plan_setup["plan"], plan_setup["report"]

    assert report_for(plan) == report
    assert report_for(plan, as_of=dt.date(2017, 2, 20)) == report
    assert report_for(plan, as_of=dt.date(2020, 1, 1)) == report
    assert report_for(plan, as_of=dt.date(2017, 2, 19)) is None
    assert report_for(plan, published_only=True) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "measures"), [(2, 3), (8, 30)])
def test_query_count_does_not_grow_with_the_plan(fields, measures, django_assert_max_num_queries):
    plan, report, _units = make_plan(fields=fields, measures_per_field=measures)
    services.report_publish(report=report, by=None)
    later = services.report_create(plan=plan, as_of=dt.date(2018, 1, 1), title="2018", by=None)
    for field in plan.fields.all():
        services.example_add(report=later, field=field, text="Ein Beispiel", by=None)

    later = ProgressReport.objects.select_related("plan__organization").get(pk=later.pk)

    # +1 for each contributor of Bilanz sections (plans/contributions.py): the indicators, the
    # interpreter pool, the language survey and the fund each ask for their data once.
    with django_assert_max_num_queries(12):
        data = bilanz_data(later)
        rendered = [row.implementation for field in data.fields for row in field.rows]
        rendered += [example.text for field in data.fields for example in field.examples]
        rendered += [change.old_text for change in data.changes]

    assert len(data.fields) == fields
    assert len(rendered) >= fields * measures


@pytest.mark.django_db
def test_fields_sentence_gives_way_to_a_written_introduction(plan_setup):
    report = plan_setup["report"]
    report.introduction = "Der Plan hat acht Handlungsfelder, wie folgt."
    assert bilanz_data(report).fields_sentence == ""
