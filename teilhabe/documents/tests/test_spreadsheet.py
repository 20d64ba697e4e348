import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.spreadsheet import (
    FORMATS,
    HEADERS,
    NOTES_TITLE,
    SHEET_TITLE,
    STATUS_LABELS,
    ExportMeta,
    ProgressRow,
    parse,
    render,
)

META = ExportMeta(
    plan_title="Integrationsplan Landkreis Test",
    plan_slug="ip-test",
    organization="Landkreis Test",
    report_id=7,
    report_title="Bilanz 2017",
    report_as_of=dt.date(2017, 2, 20),
    report_status="published",
    exported_at=dt.datetime(2024, 5, 6, 7, 8, tzinfo=dt.UTC),
    licence={"id": "dl-de/by-2-0", "name": "Datenlizenz Deutschland", "url": "https://x"},
)


def make_row(measure_id=1, **changes) -> ProgressRow:
    values = {
        "measure_id": measure_id,
        "status": "in_progress",
        "percent": 50,
        "description": "Sprachkurse für Eltern\nin drei Gemeinden",
        "version": 3,
        "original_wording": "Umsetzung 50%",
        "field_number": "1",
        "field_title": "Sprache und Bildung",
        "measure_number": f"1.{measure_id}",
        "measure_title": "Sprachförderung „Rucksack“",
        "lead": "Amt für Bildung",
        "report_id": 7,
    }
    values.update(changes)
    return ProgressRow(**values)


ROWS = [
    make_row(1),
    make_row(2, status="done", percent=100, description='=HYPERLINK("x")', version=1),
    make_row(3, status="unknown", percent=None, description="", original_wording="", version=None),
    make_row(4, status="not_possible", percent=None, description="- Stichpunkt\n- zweiter"),
]


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


HEADER = ";".join(HEADERS)


def data_line(measure_id=1, status="in Umsetzung", percent="50", version="3") -> str:
    return f"1;Sprache;1.1;Kurse;Amt;{status};{percent};Text;Wortlaut;{measure_id};{version};7"


def without_line(rows):
    return [ProgressRow(**{**row.__dict__, "line": 0}) for row in rows]


# Round trips ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_then_parse_gives_the_same_rows(fmt):
    data = render(ROWS, fmt, META)

    assert without_line(parse(data, f"export.{fmt}")) == ROWS


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_lines_are_the_rows_a_person_sees_in_the_spreadsheet(fmt):
    rows = parse(render(ROWS, fmt, META), f"export.{fmt}")

    # Row 1 is the header; a text with line breaks is still one spreadsheet row.
    assert [row.line for row in rows] == [2, 3, 4, 5]


def test_json_lines_are_positions_in_the_list():
    assert [row.line for row in parse(render(ROWS, "json", META), "x.json")] == [1, 2, 3, 4]


# CSV encodings and delimiters -------------------------------------------------------------------


def test_csv_export_is_utf8_with_bom_and_semicolons():
    data = render(ROWS, "csv", META)

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0] == HEADER


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_is_read_in_the_encodings_spreadsheet_programs_save(encoding):
    data = csv_bytes(HEADER, data_line().replace("Kurse", "Maßnahme für Bürger"), encoding=encoding)

    [row] = parse(data, "datei.csv")

    assert row.measure_title == "Maßnahme für Bürger"
    assert row.status == "in_progress"


def test_csv_with_comma_as_delimiter_is_refused_with_a_hint():
    data = csv_bytes(",".join(HEADERS), data_line().replace(";", ","))

    with pytest.raises(DocumentError) as raised:
        parse(data, "datei.csv")

    assert raised.value.line == 1
    assert "Semikolon" in raised.value.message


def test_formula_like_text_stays_text_in_csv():
    data = render([make_row(1, description="=1+1")], "csv", META)

    assert ";'=1+1;" in data.decode("utf-8-sig")
    assert parse(data, "x.csv")[0].description == "=1+1"


# Header -----------------------------------------------------------------------------------------


def test_wrong_header_names_the_missing_columns_and_the_expected_header():
    with pytest.raises(DocumentError) as raised:
        parse(csv_bytes("Nummer;Titel;Stand", "1;a;b"), "datei.csv")

    assert raised.value.line == 1
    assert "„Umsetzungsstand“" in raised.value.message
    assert "„Maßnahmen-ID“" in raised.value.message
    assert HEADERS[0] in raised.value.message
    assert str(raised.value).startswith("Zeile 1: ")


def test_columns_may_be_moved_removed_when_optional_and_extended():
    header = "Bemerkung;Maßnahmen-ID;Version;Prozent;umsetzungsstand;Beschreibung"

    [row] = parse(csv_bytes(header, "egal;5;2;;umgesetzt;fertig"), "datei.csv")

    assert (row.measure_id, row.version, row.status, row.description) == (5, 2, "done", "fertig")
    assert row.original_wording is None
    assert row.measure_title == ""


def test_a_column_twice_is_refused():
    with pytest.raises(DocumentError, match="„Prozent“ kommt zweimal vor"):
        parse(csv_bytes(HEADER + ";Prozent", data_line() + ";5"), "datei.csv")


# Cells ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("umgesetzt", "done"),
        ("In Umsetzung", "in_progress"),
        (" im  Abstimmungsprozess ", "in_coordination"),
        ("nicht umgesetzt", "not_started"),
        ("Umsetzung nicht möglich", "not_possible"),
        ("keine Angabe", "unknown"),
        ("in_progress", "in_progress"),
        ("not_possible", "not_possible"),
        ("noch nicht umgesetzt", "not_started"),
    ],
)
def test_status_accepts_labels_and_keys(cell, key):
    [row] = parse(csv_bytes(HEADER, data_line(status=cell)), "datei.csv")

    assert row.status == key
    assert row.errors == ()


def test_unknown_status_is_an_error_of_its_row_naming_what_is_expected():
    rows = parse(csv_bytes(HEADER, data_line(1), data_line(2, status="fast fertig")), "x.csv")

    assert rows[0].errors == ()
    [error] = rows[1].errors
    assert rows[1].line == 3
    assert error.startswith("Umsetzungsstand: „fast fertig“ ist kein bekannter Umsetzungsstand.")
    assert "umgesetzt, in Umsetzung, im Abstimmungsprozess" in error


def test_empty_status_is_an_error():
    [row] = parse(csv_bytes(HEADER, data_line(status="")), "datei.csv")

    assert row.errors[0].startswith("Umsetzungsstand: fehlt. Erwartet: umgesetzt")


@pytest.mark.parametrize(("cell", "percent"), [("50", 50), ("50 %", 50), ("50,0", 50), ("", None)])
def test_percent_accepts_what_people_type(cell, percent):
    [row] = parse(csv_bytes(HEADER, data_line(percent=cell)), "datei.csv")

    assert row.percent == percent
    assert row.errors == ()


@pytest.mark.parametrize("cell", ["150", "-5", "50,5", "viel"])
def test_percent_out_of_range_or_not_a_number_is_an_error(cell):
    [row] = parse(csv_bytes(HEADER, data_line(percent=cell)), "datei.csv")

    assert row.percent is None
    assert row.errors == (
        (
            f"Prozent: „{cell}“ ist kein gültiger Prozentwert. Erwartet: eine ganze Zahl von 0 bis "
            "100 oder ein leeres Feld."
        ),
    )


def test_missing_or_bad_measure_id_is_an_error():
    rows = parse(csv_bytes(HEADER, data_line(""), data_line("abc")), "datei.csv")

    assert rows[0].errors[0].startswith("Maßnahmen-ID: fehlt.")
    assert rows[1].errors[0].startswith("Maßnahmen-ID: „abc“ ist keine gültige Nummer.")


def test_bad_version_is_an_error():
    [row] = parse(csv_bytes(HEADER, data_line(version="2b")), "datei.csv")

    assert row.errors[0].startswith("Version: „2b“ ist keine gültige Nummer.")


def test_duplicate_measure_ids_mark_the_later_rows():
    rows = parse(csv_bytes(HEADER, data_line(4), data_line(5), data_line(4)), "datei.csv")

    assert rows[0].errors == rows[1].errors == ()
    assert rows[2].errors == ("Maßnahmen-ID: Die Maßnahme 4 steht schon in Zeile 2.",)


def test_rows_from_different_reports_are_refused():
    second = data_line(2).removesuffix(";7") + ";8"

    with pytest.raises(DocumentError, match="verschiedenen Bilanzen") as raised:
        parse(csv_bytes(HEADER, data_line(1), second), "datei.csv")

    assert raised.value.line == 3


def test_a_row_shorter_than_the_header_is_an_error_not_skipped():
    [row] = parse(csv_bytes(HEADER, "1;Sprache"), "datei.csv")

    assert row.errors[0] == (
        "Umsetzungsstand: fehlt. Erwartet: umgesetzt, in Umsetzung, im Abstimmungsprozess, "
        "nicht umgesetzt, Umsetzung nicht möglich oder keine Angabe."
    )
    assert row.errors[1].startswith("Maßnahmen-ID: fehlt.")


def test_a_json_entry_without_a_required_field_is_an_error():
    document = {"rows": [{"measure_id": 3, "status": "umgesetzt", "version": 2}]}

    [row] = parse(json.dumps(document).encode(), "x.json")

    assert row.errors == (
        "Prozent: fehlt (Feld „percent“).",
        "Beschreibung: fehlt (Feld „description“).",
    )


def test_blank_rows_are_skipped():
    rows = parse(csv_bytes(HEADER, ";;;;", data_line(1), "", data_line(2)), "datei.csv")

    assert [row.line for row in rows] == [3, 5]


# Unreadable files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["leer.csv", "leer.xlsx", "leer.json"])
def test_empty_file(name):
    with pytest.raises(DocumentError, match=r"Die Datei ist leer\."):
        parse(b"  \n", name)


def test_header_without_rows():
    with pytest.raises(DocumentError, match="keine Maßnahmen"):
        parse(csv_bytes(HEADER), "datei.csv")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("daten.csv", "keine Textdatei"),
        ("daten.xlsx", "nicht als Excel-Arbeitsmappe lesen"),
        ("daten.json", "kein gültiges JSON"),
    ],
)
def test_binary_garbage(name, message):
    garbage = bytes(range(256)) * 4

    with pytest.raises(DocumentError, match=message):
        parse(garbage, name)


@pytest.mark.parametrize("name", ["bilanz.ods", "bilanz.xls", "bilanz", "bilanz.pdf"])
def test_unknown_file_type(name):
    with pytest.raises(DocumentError, match=r"wird nicht unterstützt\. Erlaubt sind CSV"):
        parse(b"data", name)


def test_json_of_another_shape():
    with pytest.raises(DocumentError, match="Liste „rows“"):
        parse(b'[{"measure_id": 1}]', "x.json")


def test_json_entry_that_is_not_an_object():
    with pytest.raises(DocumentError) as raised:
        parse(
            b'{"rows": [{"measure_id": 1, "status": "done", "percent": null, '
            b'"description": "", "version": 1}, 5]}',
            "x.json",
        )

    assert str(raised.value) == "Eintrag 2: Der Eintrag in „rows“ ist kein Objekt."


# XLSX details -----------------------------------------------------------------------------------


def open_export(rows=ROWS):
    return load_workbook(io.BytesIO(render(rows, "xlsx", META)))


def test_xlsx_header_is_bold_and_frozen_with_filters_and_widths():
    sheet = open_export()[SHEET_TITLE]

    assert [cell.value for cell in sheet[1]] == list(HEADERS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L5"
    assert sheet.column_dimensions["D"].width == 50
    assert sheet.column_dimensions["H"].width == 60


def test_xlsx_offers_the_statuses_as_a_list_and_checks_the_percent():
    validations = open_export()[SHEET_TITLE].data_validations.dataValidation

    status = next(v for v in validations if v.type == "list")
    assert status.formula1 == '"' + ",".join(STATUS_LABELS.values()) + '"'
    assert str(status.sqref) == "F2:F5"
    percent = next(v for v in validations if v.type == "whole")
    assert (percent.formula1, percent.formula2, str(percent.sqref)) == ("0", "100", "G2:G5")


def test_xlsx_has_notes_with_where_the_data_comes_from():
    notes = open_export()[NOTES_TITLE]
    text = "\n".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)

    assert "Integrationsplan Landkreis Test" in text
    assert "Bilanz 2017, Stand 20.02.2017 (veröffentlicht)" in text
    assert "So füllen Sie die Tabelle aus" in text
    assert "Maßnahmen-ID, Version und Bilanz-ID bitte nicht ändern" in text


def test_xlsx_keeps_formula_like_text_as_text():
    cell = open_export([make_row(1, description="=SUMME(A1:A3)")])[SHEET_TITLE]["H2"]

    assert cell.data_type == "s"
    assert cell.value == "=SUMME(A1:A3)"


def test_xlsx_numbers_typed_by_a_person_are_read():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append([1.0, "F", "1.1", "M", "Amt", "umgesetzt", 100.0, None, None, 12.0, 3.0, 7])
    buffer = io.BytesIO()
    workbook.save(buffer)

    [row] = parse(buffer.getvalue(), "bearbeitet.xlsx")

    assert (row.field_number, row.percent, row.measure_id, row.version) == ("1", 100, 12, 3)
    assert (row.description, row.original_wording) == ("", "")


# JSON details -----------------------------------------------------------------------------------


def test_json_carries_meta_and_licence():
    document = json.loads(render(ROWS, "json", META))

    assert document["format"] == "teilhabe/umsetzungsstand"
    assert document["meta"]["plan"] == {
        "title": "Integrationsplan Landkreis Test",
        "slug": "ip-test",
    }
    assert document["meta"]["organization"] == "Landkreis Test"
    assert document["meta"]["report"] == {
        "id": 7,
        "title": "Bilanz 2017",
        "as_of": "2017-02-20",
        "status": "published",
    }
    assert document["meta"]["exported_at"] == "2024-05-06T07:08:00+00:00"
    assert document["meta"]["licence"]["id"] == "dl-de/by-2-0"
    assert document["rows"][0]["status"] == "in_progress"
    assert document["rows"][0]["field_number"] == 1


def test_json_accepts_german_labels_too():
    document = {
        "rows": [
            {
                "measure_id": 3,
                "status": "umgesetzt",
                "percent": None,
                "description": "x",
                "version": 2,
            }
        ]
    }

    [row] = parse(json.dumps(document).encode(), "x.json")

    assert (row.status, row.report_id, row.original_wording) == ("done", None, None)


# Consistency with the model ---------------------------------------------------------------------


def test_status_labels_are_those_of_the_model():
    from teilhabe.plans.models import ProgressStatus

    assert {key: str(label) for key, label in ProgressStatus.choices} == STATUS_LABELS


def test_columns_keep_their_agreed_order():
    assert HEADERS == (
        "Handlungsfeld",
        "Handlungsfeld-Titel",
        "Nr.",
        "Maßnahme",
        "Federführung",
        "Umsetzungsstand",
        "Prozent",
        "Beschreibung",
        "Wortlaut",
        "Maßnahmen-ID",
        "Version",
        "Bilanz-ID",
    )


# The XLSX reader with files written by other programs ---------------------------------------

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def handmade_xlsx(rows_xml: str, shared_strings: list[str], doctype: str = "") -> bytes:
    """A minimal workbook as Excel writes it: shared strings, the notes sheet first."""
    sheet = f'<worksheet xmlns="{MAIN_NS}"><sheetData>{rows_xml}</sheetData></worksheet>'
    strings = "".join(f"<si>{item}</si>" for item in shared_strings)
    parts = {
        "xl/workbook.xml": f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
        '<sheet name="Hinweise" sheetId="1" r:id="rId2"/>'
        '<sheet name="Umsetzungsstand" sheetId="2" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="worksheet" '
        'Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Type="worksheet" '
        'Target="worksheets/notes.xml"/></Relationships>',
        "xl/worksheets/data.xml": sheet,
        "xl/worksheets/notes.xml": f'<worksheet xmlns="{MAIN_NS}"><sheetData/></worksheet>',
        "xl/sharedStrings.xml": f'{doctype}<sst xmlns="{MAIN_NS}">{strings}</sst>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def header_row(number: int = 1) -> str:
    cells = "".join(f'<c t="s"><v>{index}</v></c>' for index in range(len(HEADERS)))
    return f'<row r="{number}">{cells}</row>'


HEADER_STRINGS = [f"<t>{header}</t>" for header in HEADERS]


def test_xlsx_as_excel_writes_it():
    strings = [
        *HEADER_STRINGS,
        # Rich text in runs, with a phonetic guide that is not part of the text.
        (
            '<r><t xml:space="preserve">Kurse </t></r><r><rPr><b/></rPr><t>für Eltern</t></r>'
            "<rPh><t>ふりがな</t></rPh>"
        ),
        "<t>umgesetzt</t>",
    ]
    n = len(HEADERS)
    row = (
        # Row 2 is empty and left out; cells are addressed, one is missing (column I).
        f'<row r="3"><c r="F3" t="s"><v>{n + 1}</v></c><c r="G3"><v>100</v></c>'
        f'<c r="H3" t="s"><v>{n}</v></c><c r="J3"><v>12</v></c><c r="K3"><v>4</v></c>'
        '<c r="L3" t="str"><f>7</f><v>7</v></c><c r="M3" t="b"><v>1</v></c></row>'
    )

    [parsed] = parse(handmade_xlsx(header_row() + row, strings), "von-excel.xlsx")

    assert parsed.line == 3
    assert (parsed.status, parsed.percent, parsed.measure_id, parsed.version) == (
        "done",
        100,
        12,
        4,
    )
    assert parsed.description == "Kurse für Eltern"
    assert (parsed.original_wording, parsed.report_id) == ("", 7)


def test_xlsx_cells_without_addresses_follow_each_other():
    values = ["1", "F", "1.1", "M", "Amt", "in Umsetzung", "30", "x", "y", "5", "2"]
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)

    [parsed] = parse(handmade_xlsx(header_row() + f"<row>{cells}</row>", HEADER_STRINGS), "x.xlsx")

    assert (parsed.line, parsed.percent, parsed.measure_id, parsed.description) == (2, 30, 5, "x")


def test_xlsx_external_entities_are_not_resolved():
    doctype = '<!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
    strings = [*HEADER_STRINGS, "<t>&secret;</t>"]
    n = len(HEADERS)
    row = (
        f'<row r="2"><c r="F2" t="inlineStr"><is><t>umgesetzt</t></is></c>'
        f'<c r="H2" t="s"><v>{n}</v></c><c r="J2"><v>1</v></c><c r="K2"><v>1</v></c></row>'
    )

    [parsed] = parse(handmade_xlsx(header_row() + row, strings, doctype), "x.xlsx")

    assert parsed.description == ""


def test_xlsx_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr("teilhabe.documents.limits.MAX_UNPACKED_BYTES", 1000)

    with pytest.raises(DocumentError, match="entpackt zu groß"):
        parse(render(ROWS, "xlsx", META), "gross.xlsx")


def test_xlsx_with_a_broken_shared_string_reference():
    row = '<row r="2"><c r="F2" t="s"><v>999</v></c></row>'

    with pytest.raises(DocumentError, match="nicht als Excel-Arbeitsmappe lesen"):
        parse(handmade_xlsx(header_row() + row, HEADER_STRINGS), "x.xlsx")


# LibreOffice, as the offices use it --------------------------------------------------------------


def libreoffice_convert(source, target_filter: str, out_dir, profile) -> bytes | None:
    """Open ``source`` in LibreOffice and save it with ``target_filter``; None without Calc."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            # How an office opens our CSV: semicolon, double quotes, UTF-8.
            *(
                ["--infilter=Text - txt - csv (StarCalc):59,34,76,1"]
                if source.suffix == ".csv"
                else []
            ),
            "--convert-to",
            target_filter,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    produced = list(out_dir.iterdir()) if out_dir.exists() else []
    return produced[0].read_bytes() if produced else None


@pytest.mark.parametrize(
    ("source_format", "target_filter", "target_name"),
    [
        ("xlsx", "xlsx", "gespeichert.xlsx"),
        ("xlsx", "csv:Text - txt - csv (StarCalc):59,34,76,1", "utf8.csv"),
        ("csv", "csv:Text - txt - csv (StarCalc):59,34,1,1", "windows1252.csv"),
    ],
)
def test_files_saved_by_libreoffice_read_back_the_same(
    tmp_path, source_format, target_filter, target_name
):
    source = tmp_path / f"export.{source_format}"
    source.write_bytes(render(ROWS, source_format, META))

    saved = libreoffice_convert(source, target_filter, tmp_path / "out", tmp_path / "profile")
    # .ci/run installs it; a machine without it must say so rather than pass silently.
    assert saved is not None, "LibreOffice Calc fehlt (Debian-Paket libreoffice-calc-nogui)"

    assert without_line(parse(saved, target_name)) == ROWS
