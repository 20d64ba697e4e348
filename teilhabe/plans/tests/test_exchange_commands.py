import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from teilhabe.documents.spreadsheet import FORMATS, SHEET_TITLE
from teilhabe.plans import services
from teilhabe.plans.models import Measure, ProgressEntry, ProgressReport

pytestmark = pytest.mark.django_db


def run(name, *args, **options) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out, **options)
    return out.getvalue()


def export(plan, path, fmt="xlsx"):
    return run("export-progress", plan=plan.slug, format=fmt, output=str(path))


def edit_xlsx(path, changes):
    workbook = load_workbook(path)
    sheet = workbook[SHEET_TITLE]
    headers = [cell.value for cell in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        for header, value in changes.get(cells[headers.index("Maßnahmen-ID")].value, {}).items():
            cells[headers.index(header)].value = value
    workbook.save(path)


def versions(plan):
    return list(ProgressEntry.objects.filter(report__plan=plan).values_list("pk", "version"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_and_import_unchanged(exchange_setup, tmp_path, fmt):
    plan = exchange_setup["plan"]
    path = tmp_path / f"stand.{fmt}"
    before = versions(plan)

    assert f"nach {path} geschrieben" in export(plan, path, fmt)
    output = run("import-progress", str(path), plan=plan.slug)

    assert output.endswith(
        "6 Zeilen, 0 mit Änderungen, 0 mit Fehlern oder Konflikten. "
        "Keine Änderungen; nichts gespeichert.\n"
    )
    assert versions(plan) == before


def test_dry_run_shows_the_changes_and_saves_nothing(exchange_setup, workbook_path):
    plan, path, report = exchange_setup["plan"], workbook_path, exchange_setup["report"]
    measure_id = exchange_setup["measures"]["in_coordination"]
    export(plan, path)
    edit_xlsx(path, {measure_id: {"Umsetzungsstand": "umgesetzt"}})
    before = versions(plan)

    output = run("import-progress", str(path), plan=plan.slug, dry_run=True)

    measure = Measure.objects.get(pk=measure_id)
    assert (
        f"· {measure.number} {measure.title}: Umsetzungsstand: „im Abstimmungsprozess“ → „umgesetzt“"
        in output
    )
    assert output.endswith("Probelauf: nichts gespeichert.\n")
    assert versions(plan) == before

    output = run("import-progress", str(path), plan=plan.slug)

    assert output.endswith(f"Gespeichert in der Bilanz „{report.title}“.\n")
    assert ProgressEntry.objects.get(report=report, measure_id=measure_id).status == "done"


def test_json_output(exchange_setup, workbook_path):
    plan, path = exchange_setup["plan"], workbook_path
    export(plan, path)
    edit_xlsx(path, {exchange_setup["measures"]["unknown"]: {"Umsetzungsstand": "in Umsetzung"}})

    document = json.loads(run("import-progress", str(path), plan=plan.slug, json=True))

    assert (document["saved"], document["changed"], document["created_report"]) == (True, 1, False)
    assert document["saved_to"]["id"] == exchange_setup["report"].pk
    [row] = document["preview"]["rows"]
    assert row["changes"] == [
        {"column": "Umsetzungsstand", "old": "keine Angabe", "new": "in Umsetzung"}
    ]


def test_bad_rows_fail_with_their_row_numbers_and_save_nothing(exchange_setup, workbook_path):
    plan, path = exchange_setup["plan"], workbook_path
    export(plan, path)
    edit_xlsx(
        path, {exchange_setup["measures"]["done"]: {"Prozent": 150, "Umsetzungsstand": "fertig"}}
    )
    before = versions(plan)
    out = io.StringIO()

    with pytest.raises(CommandError, match="Es wurde nichts gespeichert: 1 Zeile mit Fehlern"):
        call_command("import-progress", str(path), plan=plan.slug, stdout=out)

    assert "Zeile 2 · " in out.getvalue()
    assert "FEHLER: Prozent: „150“ ist kein gültiger Prozentwert." in out.getvalue()
    assert "FEHLER: Umsetzungsstand: „fertig“ ist kein bekannter Umsetzungsstand." in out.getvalue()
    assert versions(plan) == before


def test_unreadable_file(exchange_setup, tmp_path):
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"kein zip")

    with pytest.raises(CommandError, match=r"kaputt\.xlsx: Die Datei lässt sich nicht als Excel"):
        run("import-progress", str(path), plan=exchange_setup["plan"].slug)


def test_published_report_needs_as_of(exchange_setup, workbook_path):
    plan, path, admin = exchange_setup["plan"], workbook_path, exchange_setup["people"]["admin"]
    services.report_publish(report=exchange_setup["report"], by=admin)
    export(plan, path)
    edit_xlsx(path, {exchange_setup["measures"]["unknown"]: {"Beschreibung": "neu"}})

    with pytest.raises(CommandError, match="Bitte geben Sie deren Stand"):
        run("import-progress", str(path), plan=plan.slug, dry_run=True)
    with pytest.raises(CommandError, match="Bitte geben Sie deren Stand"):
        run("import-progress", str(path), plan=plan.slug)
    output = run("import-progress", str(path), plan=plan.slug, as_of=dt.date(2019, 3, 1))

    assert output.endswith("Gespeichert in der Bilanz „Bilanz 01.03.2019“ (neu angelegt).\n")
    assert ProgressReport.objects.filter(plan=plan).count() == 2


def test_as_of_in_german_notation_from_the_command_line(exchange_setup, workbook_path):
    plan, path, admin = exchange_setup["plan"], workbook_path, exchange_setup["people"]["admin"]
    services.report_publish(report=exchange_setup["report"], by=admin)
    export(plan, path)
    edit_xlsx(path, {exchange_setup["measures"]["unknown"]: {"Beschreibung": "neu"}})

    call_command(
        "import-progress",
        str(path),
        "--plan",
        plan.slug,
        "--as-of",
        "01.03.2019",
        stdout=io.StringIO(),
    )

    assert ProgressReport.objects.get(plan=plan, status="draft").as_of == dt.date(2019, 3, 1)


def test_by_applies_the_persons_permissions(exchange_setup, workbook_path):
    plan, path, units = exchange_setup["plan"], workbook_path, exchange_setup["units"]
    foreign = Measure.objects.for_plan(plan).filter(lead_unit=units[1]).first()
    export(plan, path)
    edit_xlsx(path, {foreign.pk: {"Beschreibung": "fremd"}})
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import-progress",
            str(path),
            plan=plan.slug,
            by=exchange_setup["people"]["editor_own"].email,
            stdout=out,
        )

    assert "FEHLER: Sie dürfen den Umsetzungsstand dieser Maßnahme nicht ändern" in out.getvalue()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"plan": "gibt-es-nicht"}, "Den Plan „gibt-es-nicht“ gibt es nicht."),
        ({"by": "niemand@example.org"}, "Eine Person mit der E-Mail-Adresse"),
    ],
)
def test_import_arguments_are_checked(exchange_setup, workbook_path, options, message):
    export(exchange_setup["plan"], workbook_path)

    with pytest.raises(CommandError, match=message):
        run(
            "import-progress",
            str(workbook_path),
            **({"plan": exchange_setup["plan"].slug} | options),
        )


def test_export_refuses_a_file_name_that_could_not_be_read_back(exchange_setup, tmp_path):
    with pytest.raises(CommandError, match=r"muss auf \.csv enden"):
        export(exchange_setup["plan"], tmp_path / "stand.xlsx", "csv")


@pytest.fixture
def workbook_path(tmp_path):
    return tmp_path / "stand.xlsx"
