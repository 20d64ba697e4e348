import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from teilhabe.core.errors import ServiceError
from teilhabe.documents.spreadsheet import FORMATS, SHEET_TITLE, parse
from teilhabe.plans import services
from teilhabe.plans.exchange import (
    Change,
    ImportRejected,
    export_file,
    import_apply,
    import_preview,
)
from teilhabe.plans.models import Measure, ProgressEntry, ProgressReport
from teilhabe.testing import make_plan, make_user

pytestmark = pytest.mark.django_db


# Helpers ----------------------------------------------------------------------------------------


def rows_of(plan, fmt="xlsx"):
    exported = export_file(plan, fmt)
    return parse(exported.content, exported.filename)


def edited_xlsx(plan, changes: dict[int, dict[str, object]]) -> bytes:
    """Export the plan as XLSX and change cells like a person in LibreOffice would."""
    workbook = load_workbook(io.BytesIO(export_file(plan, "xlsx").content))
    sheet = workbook[SHEET_TITLE]
    headers = [cell.value for cell in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        for header, value in changes.get(cells[headers.index("Maßnahmen-ID")].value, {}).items():
            cells[headers.index(header)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def edited_rows(plan, changes):
    return parse(edited_xlsx(plan, changes), "bearbeitet.xlsx")


def snapshot(plan):
    """Everything an import may write, to show that it wrote nothing."""
    return (
        list(ProgressReport.objects.filter(plan=plan).values_list("pk", "status", "version")),
        list(
            ProgressEntry.objects.filter(report__plan=plan)
            .order_by("pk")
            .values_list("pk", "version", "status", "percent", "description")
        ),
        ProgressEntry.history.count(),
        ProgressReport.history.count(),
    )


def entry_of(report, measure_id) -> ProgressEntry:
    return ProgressEntry.objects.get(report=report, measure_id=measure_id)


def measures_by_status(report) -> dict[str, int]:
    return {e.status: e.measure_id for e in ProgressEntry.objects.filter(report=report)}


# Round trip -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_importing_an_unchanged_file_changes_nothing(exchange_setup, fmt):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    before = snapshot(plan)
    rows = rows_of(plan, fmt)

    preview = import_preview(plan=plan, rows=rows, user=admin)
    result = import_apply(plan=plan, rows=rows, by=admin)

    assert preview.is_valid and not preview.has_changes
    assert [row.warnings for row in preview.rows] == [[]] * len(rows)
    assert (result.changed, result.created_report) == (0, False)
    assert snapshot(plan) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_unchanged_file_with_published_report_creates_no_report(exchange_setup, fmt):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    services.report_publish(report=exchange_setup["report"], by=admin)
    before = snapshot(plan)

    result = import_apply(plan=plan, rows=rows_of(plan, fmt), by=admin)

    assert result.changed == 0
    assert snapshot(plan) == before


def test_texts_with_windows_line_breaks_and_control_characters_survive_the_round_trip(
    exchange_setup,
):
    plan, admin, report = (
        exchange_setup["plan"],
        exchange_setup["people"]["admin"],
        exchange_setup["report"],
    )
    entry = entry_of(report, exchange_setup["measures"]["in_progress"])
    services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status="in_progress",
        percent=40,
        description="Zeile eins\r\nZeile zwei\x0c=Formel?",
        by=admin,
    )
    before = snapshot(plan)

    for fmt in FORMATS:
        assert not import_preview(plan=plan, rows=rows_of(plan, fmt), user=admin).has_changes
    assert snapshot(plan) == before


# Changes ----------------------------------------------------------------------------------------


def test_an_edit_in_xlsx_is_previewed_and_applied_with_history(exchange_setup):
    plan, report, coordinator = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"]["coordinator"],
    )
    measure_id = exchange_setup["measures"]["in_progress"]
    version = entry_of(report, measure_id).version
    rows = edited_rows(plan, {measure_id: {"Umsetzungsstand": "umgesetzt", "Prozent": 100}})

    preview = import_preview(plan=plan, rows=rows, user=coordinator)

    [changed] = preview.changed_rows
    assert changed.measure_id == measure_id
    assert changed.changes == [
        Change("Umsetzungsstand", "in Umsetzung", "umgesetzt"),
        Change("Prozent", "50 %", "100 %"),
    ]
    assert preview.is_valid and not preview.creates_report

    result = import_apply(plan=plan, rows=rows, by=coordinator)

    entry = entry_of(report, measure_id)
    assert (result.changed, result.report, result.created_report) == (1, report, False)
    assert (entry.status, entry.percent, entry.version) == ("done", 100, version + 1)
    assert entry.updated_by == coordinator
    latest = entry.history.first()
    assert (latest.history_user, latest.status, latest.version) == (
        coordinator,
        "done",
        version + 1,
    )
    assert ProgressReport.objects.filter(plan=plan).count() == 1


def test_description_and_wording_are_imported(exchange_setup):
    plan, report, admin = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"]["admin"],
    )
    measure_id = exchange_setup["measures"]["in_coordination"]
    rows = edited_rows(
        plan, {measure_id: {"Beschreibung": "Neu: zwei Kurse", "Wortlaut": "in Abstimmung"}}
    )

    import_apply(plan=plan, rows=rows, by=admin)

    entry = entry_of(report, measure_id)
    assert (entry.description, entry.original_wording) == ("Neu: zwei Kurse", "in Abstimmung")


def test_a_percent_that_the_status_overrides_is_a_warning(exchange_setup):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    measure_id = exchange_setup["measures"]["in_progress"]
    rows = edited_rows(plan, {measure_id: {"Umsetzungsstand": "umgesetzt", "Prozent": 80}})

    [row] = import_preview(plan=plan, rows=rows, user=admin).changed_rows

    assert row.warnings == [
        "Bei „umgesetzt“ gilt 100 %; der Prozentwert 80 aus der Datei wird nicht übernommen."
    ]
    assert row.changes[-1] == Change("Prozent", "50 %", "100 %")


def test_changed_titles_are_a_warning_and_change_no_structure(exchange_setup):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    measure_id = exchange_setup["measures"]["done"]
    rows = edited_rows(plan, {measure_id: {"Maßnahme": "Neuer Titel", "Handlungsfeld": 9}})
    before = snapshot(plan)

    preview = import_preview(plan=plan, rows=rows, user=admin)
    import_apply(plan=plan, rows=rows, by=admin)

    [row] = [row for row in preview.rows if row.warnings]
    assert row.warnings[0].startswith("Die Spalten Handlungsfeld, Maßnahme weichen vom Plan ab.")
    assert preview.is_valid and not preview.has_changes
    assert Measure.objects.get(pk=measure_id).title != "Neuer Titel"
    assert snapshot(plan) == before


def test_rows_may_be_left_out(exchange_setup):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    measure_id = exchange_setup["measures"]["unknown"]
    rows = [
        row
        for row in edited_rows(plan, {measure_id: {"Umsetzungsstand": "im Abstimmungsprozess"}})
        if row.measure_id == measure_id
    ]

    preview = import_preview(plan=plan, rows=rows, user=admin)

    assert preview.unlisted == 5
    assert import_apply(plan=plan, rows=rows, by=admin).changed == 1


# Bad input --------------------------------------------------------------------------------------


def other_plans_measure_id():
    other, _, _ = make_plan(fields=1, measures_per_field=1)
    return Measure.objects.for_plan(other).get().pk


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"Umsetzungsstand": "fast fertig"}, "ist kein bekannter Umsetzungsstand"),
        ({"Prozent": 150}, "„150“ ist kein gültiger Prozentwert"),
        ({"Maßnahmen-ID": 999999}, "Eine Maßnahme 999999 gibt es in diesem Plan nicht."),
        ({"Maßnahmen-ID": "other"}, "gibt es in diesem Plan nicht."),
        ({"Maßnahmen-ID": "duplicate"}, "steht schon in Zeile"),
    ],
)
def test_one_bad_row_rejects_the_whole_file(exchange_setup, edit, message):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    good, bad = exchange_setup["measures"]["unknown"], exchange_setup["measures"]["not_possible"]
    if edit.get("Maßnahmen-ID") == "other":
        edit = {"Maßnahmen-ID": other_plans_measure_id()}
    elif edit.get("Maßnahmen-ID") == "duplicate":
        edit = {"Maßnahmen-ID": good}
    rows = edited_rows(plan, {good: {"Umsetzungsstand": "umgesetzt"}, bad: edit})
    before = snapshot(plan)

    preview = import_preview(plan=plan, rows=rows, user=admin)
    with pytest.raises(ImportRejected) as rejected:
        import_apply(plan=plan, rows=rows, by=admin)

    [problem] = preview.problem_rows
    assert message in " ".join(problem.errors)
    assert problem.line >= 2
    assert rejected.value.message.startswith("Es wurde nichts gespeichert: 1 Zeile mit Fehlern")
    assert snapshot(plan) == before


# Permissions ------------------------------------------------------------------------------------


def test_an_office_editor_may_change_only_the_measures_of_their_office(exchange_setup):
    plan, editor, units = (
        exchange_setup["plan"],
        exchange_setup["people"]["editor_own"],
        exchange_setup["units"],
    )
    own = Measure.objects.for_plan(plan).filter(lead_unit=units[0]).first()
    foreign = Measure.objects.for_plan(plan).filter(lead_unit=units[1]).first()
    changes = {own.pk: {"Beschreibung": "eigene"}, foreign.pk: {"Beschreibung": "fremde"}}
    rows = edited_rows(plan, changes)
    before = snapshot(plan)

    preview = import_preview(plan=plan, rows=rows, user=editor)

    [problem] = preview.problem_rows
    assert problem.measure_id == foreign.pk
    assert problem.errors == [
        f"Sie dürfen den Umsetzungsstand dieser Maßnahme nicht ändern (federführend: {units[1]})."
    ]
    with pytest.raises(ImportRejected):
        import_apply(plan=plan, rows=rows, by=editor)
    assert snapshot(plan) == before

    import_apply(plan=plan, rows=edited_rows(plan, {own.pk: {"Beschreibung": "eigene"}}), by=editor)
    assert entry_of(exchange_setup["report"], own.pk).description == "eigene"


def test_who_may_import(exchange_setup):
    plan, people = exchange_setup["plan"], exchange_setup["people"]
    stranger = make_user(make_plan()[0].organization, "admin")

    assert [people[role].has_perm("plans.import_progress", plan) for role in people] == [
        True,
        True,
        True,
        False,
    ]
    assert not stranger.has_perm("plans.import_progress", plan)


# Conflicts --------------------------------------------------------------------------------------


def change_behind_the_back(report, measure_id, by, **values):
    entry = entry_of(report, measure_id)
    values = {"status": "in_progress", "percent": 70, "description": "von jemand anderem"} | values
    services.measure_update_progress(entry=entry, version=entry.version, by=by, **values)


def test_an_edited_row_whose_entry_changed_after_the_export_is_a_conflict(exchange_setup):
    plan, report, people = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"],
    )
    measure_id = exchange_setup["measures"]["in_coordination"]
    exported = edited_xlsx(plan, {measure_id: {"Umsetzungsstand": "umgesetzt"}})
    change_behind_the_back(report, measure_id, people["coordinator"])
    before = snapshot(plan)
    rows = parse(exported, "bearbeitet.xlsx")

    preview = import_preview(plan=plan, rows=rows, user=people["admin"])
    with pytest.raises(ImportRejected):
        import_apply(plan=plan, rows=rows, by=people["admin"])

    [problem] = preview.problem_rows
    assert problem.measure_id == measure_id
    assert problem.conflicts == [
        (
            "Konflikt: Jemand hat diesen Eintrag nach Ihrem Export geändert. In der Bilanz "
            "„Bilanz 2017“ steht jetzt „in Umsetzung“, 70 %. Damit nichts verloren geht, wird Ihre "
            "Änderung nicht übernommen. Bitte exportieren Sie neu und tragen Sie Ihre Änderung dort ein."
        )
    ]
    assert snapshot(plan) == before
    assert entry_of(report, measure_id).description == "von jemand anderem"


def test_a_row_left_alone_keeps_what_somebody_else_saved_after_the_export(exchange_setup):
    plan, report, people = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"],
    )
    theirs, mine = (
        exchange_setup["measures"]["in_coordination"],
        exchange_setup["measures"]["unknown"],
    )
    exported = edited_xlsx(plan, {mine: {"Umsetzungsstand": "umgesetzt"}})
    change_behind_the_back(report, theirs, people["coordinator"])
    rows = parse(exported, "bearbeitet.xlsx")

    preview = import_preview(plan=plan, rows=rows, user=people["admin"])
    result = import_apply(plan=plan, rows=rows, by=people["admin"])

    assert [row.measure_id for row in preview.changed_rows] == [mine]
    [noted] = [row for row in preview.rows if row.measure_id == theirs]
    assert noted.warnings[0].startswith("Dieser Eintrag wurde nach Ihrem Export geändert.")
    assert result.changed == 1
    assert entry_of(report, theirs).description == "von jemand anderem"
    assert entry_of(report, mine).status == "done"


# Published reports ------------------------------------------------------------------------------


def test_import_after_publication_creates_a_new_draft_and_leaves_the_published_one(exchange_setup):
    plan, published, admin = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"]["admin"],
    )
    services.report_publish(report=published, by=admin)
    measure_id = exchange_setup["measures"]["in_progress"]
    rows = edited_rows(plan, {measure_id: {"Umsetzungsstand": "umgesetzt"}})
    published_before = snapshot(plan)[1]

    preview = import_preview(plan=plan, rows=rows, user=admin)
    result = import_apply(plan=plan, rows=rows, by=admin, as_of=dt.date(2019, 3, 1))

    assert preview.creates_report and preview.target is None
    new = result.report
    assert result.created_report and new != published
    assert (new.status, new.as_of, new.title) == ("draft", dt.date(2019, 3, 1), "Bilanz 01.03.2019")
    assert entry_of(new, measure_id).status == "done"
    assert entry_of(new, exchange_setup["measures"]["not_started"]).status == "not_started"
    published_after = [e for e in snapshot(plan)[1] if e[0] in {p[0] for p in published_before}]
    assert published_after == published_before
    assert ProgressReport.objects.get(pk=published.pk).status == "published"


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        (None, "Bitte geben Sie deren Stand"),
        (dt.date(2017, 2, 20), "muss nach dem 20.02.2017 liegen"),
        (dt.date(2016, 1, 1), "muss nach dem 20.02.2017 liegen"),
    ],
)
def test_new_report_needs_a_later_as_of_date(exchange_setup, as_of, message):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    services.report_publish(report=exchange_setup["report"], by=admin)
    rows = edited_rows(plan, {exchange_setup["measures"]["unknown"]: {"Beschreibung": "neu"}})
    before = snapshot(plan)

    with pytest.raises(ServiceError, match=message):
        import_apply(plan=plan, rows=rows, by=admin, as_of=as_of)

    assert snapshot(plan) == before


def test_as_of_is_refused_when_the_draft_is_updated(exchange_setup):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]
    rows = edited_rows(plan, {exchange_setup["measures"]["unknown"]: {"Beschreibung": "neu"}})

    with pytest.raises(ServiceError, match="ist ein Entwurf; der Import aktualisiert sie"):
        import_apply(plan=plan, rows=rows, by=admin, as_of=dt.date(2020, 1, 1))


def test_a_file_from_an_older_report_goes_into_the_newer_draft_and_finds_its_conflicts(
    exchange_setup,
):
    plan, published, people = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"],
    )
    admin = people["admin"]
    services.report_publish(report=published, by=admin)
    theirs, mine = (
        exchange_setup["measures"]["in_coordination"],
        exchange_setup["measures"]["unknown"],
    )
    exported = edited_xlsx(plan, {theirs: {"Beschreibung": "meins"}, mine: {"Prozent": None}})
    draft = services.report_create(
        plan=plan, as_of=dt.date(2019, 1, 1), title="Bilanz 2019", by=admin
    )
    change_behind_the_back(draft, theirs, people["coordinator"])

    preview = import_preview(plan=plan, rows=parse(exported, "x.xlsx"), user=admin)

    assert preview.target == draft
    [problem] = preview.problem_rows
    assert problem.measure_id == theirs
    assert "In der Bilanz „Bilanz 2019“ steht jetzt „in Umsetzung“, 70 %." in problem.conflicts[0]

    fine = edited_xlsx(plan, {mine: {"Umsetzungsstand": "nicht umgesetzt"}})
    assert import_preview(plan=plan, rows=parse(fine, "x.xlsx"), user=admin).is_valid


def test_a_file_from_a_report_that_is_gone_is_refused(exchange_setup):
    plan, report, admin = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"]["admin"],
    )
    rows = edited_rows(plan, {exchange_setup["measures"]["unknown"]: {"Beschreibung": "neu"}})
    services.report_delete(report=report, by=admin)
    services.report_create(plan=plan, as_of=dt.date(2018, 1, 1), title="Neu", by=admin)

    preview = import_preview(plan=plan, rows=rows, user=admin)

    assert preview.errors[0].startswith("Die Datei stammt aus einer Bilanz, die es in diesem Plan")
    assert not preview.problem_rows
    with pytest.raises(ImportRejected, match="Die Datei stammt aus einer Bilanz"):
        import_apply(plan=plan, rows=rows, by=admin)


def test_a_plan_without_report_gets_its_first_one(db):
    plan, report, _ = make_plan(fields=1, measures_per_field=2)
    admin = make_user(plan.organization, "admin")
    services.report_delete(report=report, by=admin)
    measure = Measure.objects.for_plan(plan).first()

    rows = rows_of(plan, "csv")
    assert {(row.status, row.version, row.report_id) for row in rows} == {("unknown", None, None)}
    rows = edited_rows(plan, {measure.pk: {"Umsetzungsstand": "in Umsetzung", "Prozent": 10}})
    result = import_apply(plan=plan, rows=rows, by=admin, as_of=dt.date(2020, 6, 30))

    assert result.created_report
    assert entry_of(result.report, measure.pk).percent == 10


# Export -----------------------------------------------------------------------------------------


def test_json_licence_only_for_published_reports_of_public_plans(exchange_setup):
    plan, admin = exchange_setup["plan"], exchange_setup["people"]["admin"]

    def meta():
        return json.loads(export_file(plan, "json").content)["meta"]

    assert meta()["licence"] is None
    assert meta()["report"]["status"] == "draft"
    services.report_publish(report=exchange_setup["report"], by=admin)
    assert meta()["licence"]["id"] == "dl-de/by-2-0"
    assert meta()["organization"] == plan.organization.name


def count_queries(function, *args, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        function(*args, **kwargs)
    return len(queries)


def test_query_counts_do_not_grow_with_the_plan(db):
    small, _, _ = make_plan(fields=1, measures_per_field=2)
    large, _, _ = make_plan(fields=3, measures_per_field=12)
    user = make_user(large.organization, "editor", unit=large.organization.units.first())
    user_small = make_user(small.organization, "editor", unit=small.organization.units.first())

    assert count_queries(export_file, small, "xlsx") == count_queries(export_file, large, "xlsx")
    small_rows, large_rows = rows_of(small), rows_of(large)
    assert count_queries(
        import_preview, plan=small, rows=small_rows, user=user_small
    ) == count_queries(import_preview, plan=large, rows=large_rows, user=user)
