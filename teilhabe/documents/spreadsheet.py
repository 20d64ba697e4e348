"""The progress table of a plan as CSV, XLSX and JSON, in both directions.

Pure: bytes become ``ProgressRow`` objects and back; nothing here knows the database. A file
that cannot be read as a whole (unknown type, wrong header, garbage) raises ``DocumentError``;
a single bad cell only marks its row (``ProgressRow.errors``), so that a person sees every
problem of the file at once and not just the first one.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
import zipfile
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from teilhabe.documents.cells import csv_value, unescape_formula, xlsx_value
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.limits import ZIP_ERRORS, check_archive
from teilhabe.documents.textutil import normalize_space

if TYPE_CHECKING:
    from lxml import etree
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.datavalidation import DataValidation

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
SHEET_TITLE = "Umsetzungsstand"
NOTES_TITLE = "Hinweise"
JSON_FORMAT = "teilhabe/umsetzungsstand"

# The same wording as ProgressStatus in teilhabe.plans.models (a test keeps them equal); kept
# here because a parser must not import the database layer.
STATUS_LABELS = {
    "done": "umgesetzt",
    "in_progress": "in Umsetzung",
    "in_coordination": "im Abstimmungsprozess",
    "not_started": "nicht umgesetzt",
    "not_possible": "Umsetzung nicht möglich",
    "unknown": "keine Angabe",
}
# Wordings from the glossary that offices use for the same statuses.
_STATUS_SYNONYMS = {
    "in arbeit": "in_progress",
    "hat begonnen": "in_progress",
    "noch nicht umgesetzt": "not_started",
}
_STATUS_BY_WORD = {
    **{key: key for key in STATUS_LABELS},
    **{label.casefold(): key for key, label in STATUS_LABELS.items()},
    **_STATUS_SYNONYMS,
}
_EXPECTED_STATUS = (
    ", ".join(list(STATUS_LABELS.values())[:-1]) + f" oder {list(STATUS_LABELS.values())[-1]}"
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WHOLE_NUMBER = re.compile(r"\d+(?:[.,]0+)?")

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class Column:
    header: str
    attribute: str
    width: int
    required: bool = False


COLUMNS = (
    Column("Handlungsfeld", "field_number", 14),
    Column("Handlungsfeld-Titel", "field_title", 28),
    Column("Nr.", "measure_number", 8),
    Column("Maßnahme", "measure_title", 50),
    Column("Federführung", "lead", 24),
    Column("Umsetzungsstand", "status", 26, required=True),
    Column("Prozent", "percent", 10, required=True),
    Column("Beschreibung", "description", 60, required=True),
    Column("Wortlaut", "original_wording", 30),
    Column("Maßnahmen-ID", "measure_id", 15, required=True),
    Column("Version", "version", 10, required=True),
    # Which report the versions belong to: with it an import can tell "changed since the
    # export" apart from "exported from an older report".
    Column("Bilanz-ID", "report_id", 10),
)
HEADERS = tuple(column.header for column in COLUMNS)
INFORMATIONAL = ("field_number", "field_title", "measure_number", "measure_title", "lead")
_BY_HEADER = {column.header.casefold(): column for column in COLUMNS}
_BY_ATTRIBUTE = {column.attribute: column for column in COLUMNS}
_NUMERIC = {"field_number", "percent", "measure_id", "version", "report_id"}


@dataclass(frozen=True)
class ProgressRow:
    """One measure's line in the table.

    ``status`` is a key of ``STATUS_LABELS``; ``original_wording`` is None when the file has
    no such column (the wording then stays as it is). ``line`` is the row number a person
    sees in the spreadsheet (the header is row 1) or, in JSON, the entry's position.
    """

    measure_id: int | None
    status: str | None
    percent: int | None
    description: str
    version: int | None
    original_wording: str | None = None
    field_number: str = ""
    field_title: str = ""
    measure_number: str = ""
    measure_title: str = ""
    lead: str = ""
    report_id: int | None = None
    line: int = 0
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportMeta:
    """What a file says about where it comes from (JSON ``meta``, the XLSX notes sheet)."""

    plan_title: str
    plan_slug: str
    organization: str
    report_id: int | None
    report_title: str
    report_as_of: dt.date | None
    report_status: str
    exported_at: dt.datetime
    licence: dict[str, str] | None = None


def normalize_text(text: str) -> str:
    """Text as it is compared and stored: one kind of line break, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def status_label(key: str | None) -> str:
    return STATUS_LABELS.get(key or "", "")


def file_format(filename: str) -> str:
    """The format named by the file's extension, or ``DocumentError``."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        shown = f"„.{suffix}“" if suffix else "ohne Endung"
        raise DocumentError(
            f"Der Dateityp {shown} wird nicht unterstützt. Erlaubt sind CSV (.csv, Trennzeichen "
            "Semikolon), Excel-Arbeitsmappen (.xlsx) und JSON (.json)."
        )
    return suffix


# Reading ----------------------------------------------------------------------------------------


def parse(data: bytes, filename: str) -> list[ProgressRow]:
    """The rows of a progress table; raises ``DocumentError`` for a file that cannot be read."""
    fmt = file_format(filename)
    if not data.strip():
        raise DocumentError("Die Datei ist leer.")
    if fmt == "json":
        rows = _parse_json(data)
    else:
        records = _csv_records(data) if fmt == "csv" else _xlsx_records(data)
        rows = _rows_from_records(records, defused=fmt == "csv")
    if not rows:
        raise DocumentError("Die Datei enthält keine Maßnahmen, nur die Kopfzeile.")
    _check_one_report(rows)
    return _mark_duplicates(rows)


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise DocumentError(
            "Die Datei ist keine Textdatei. Bitte speichern Sie die Tabelle als „CSV (Text, "
            "Trennzeichen Semikolon)“ oder laden Sie die XLSX-Datei hoch."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # German Excel and LibreOffice may save CSV as Windows-1252 ("ANSI").
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DocumentError(
            "Die Datei lässt sich weder als UTF-8 noch als Windows-1252 lesen. Bitte speichern "
            "Sie sie als CSV mit dem Zeichensatz UTF-8.",
            line,
        ) from error


def _csv_records(data: bytes) -> list[tuple[int, list]]:
    reader = csv.reader(io.StringIO(_decode(data), newline=""), delimiter=";")
    try:
        # A record is one spreadsheet row even where a quoted text spans several lines.
        return list(enumerate(reader, start=1))
    except csv.Error as error:
        raise DocumentError(
            f"Die CSV-Datei ist fehlerhaft ({error}).", reader.line_num or None
        ) from error


def _xlsx_records(data: bytes) -> list[tuple[int, list]]:
    """The row number and cell values of each row of the progress sheet.

    Read with lxml rather than openpyxl: openpyxl's reader needs five seconds for 10,000 rows,
    this one under one. It reads values only, which is all an import needs.
    """
    # lxml and openpyxl are imported when a workbook is read or written, not with the views: a
    # web worker that serves pages does without them (~12 MB).
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_unpacked_size(archive)
            strings = _shared_strings(archive)
            with archive.open(_sheet_path(archive)) as sheet:
                return _sheet_records(sheet, strings)
    except (*ZIP_ERRORS, KeyError, IndexError, etree.LxmlError) as error:
        raise DocumentError(
            "Die Datei lässt sich nicht als Excel-Arbeitsmappe lesen. Bitte speichern Sie sie "
            "im Format „Excel 2007–365 (.xlsx)“."
        ) from error


def _xml(source, tag: str):
    """The elements ``tag`` of an XML part, parsed without entities, DTDs or network."""
    from lxml import etree

    return etree.iterparse(source, tag=tag, resolve_entities=False, no_network=True, load_dtd=False)


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    # A small archive can unpack to gigabytes ("zip bomb"): the same limit as every document.
    check_archive(archive, what="Die Arbeitsmappe")


def _sheet_path(archive: zipfile.ZipFile) -> str:
    """The part of the sheet named SHEET_TITLE, or else of the first sheet."""
    with archive.open("xl/_rels/workbook.xml.rels") as rels:
        targets = {
            rel.get("Id"): rel.get("Target") for _, rel in _xml(rels, _RELS + "Relationship")
        }
    with archive.open("xl/workbook.xml") as workbook:
        sheets = [(s.get("name"), s.get(_REL_ID)) for _, s in _xml(workbook, _MAIN + "sheet")]
    if not sheets:
        raise ValueError("workbook without sheets")
    rel_id = dict(sheets).get(SHEET_TITLE, sheets[0][1])
    target = targets[rel_id]
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    with archive.open("xl/sharedStrings.xml") as part:
        strings = []
        for _, item in _xml(part, _MAIN + "si"):
            strings.append(_text_of(item))
            item.clear()
        return strings


def _text_of(element) -> str:
    """The text of a string item or inline string: plain or in runs; a phonetic guide is no text."""
    # Text nodes only, and plain str with smart_strings=False.
    return "".join(cast(list[str], _string_text()(element)))


@functools.cache
def _string_text() -> etree.XPath:
    """The XPath of `_text_of`, compiled once, with the first workbook read."""
    from lxml import etree

    return etree.XPath(
        "m:t/text() | m:r/m:t/text()", namespaces={"m": _MAIN[1:-1]}, smart_strings=False
    )


def _sheet_records(sheet, strings: list[str]) -> list[tuple[int, list]]:
    records: list[tuple[int, list]] = []
    for _, row in _xml(sheet, _MAIN + "row"):
        # Programs leave out empty rows; the row number keeps lines as the person sees them.
        number = int(row.get("r") or (records[-1][0] + 1 if records else 1))
        values: list = []
        for cell in row.iterchildren(_MAIN + "c"):
            reference = cell.get("r")
            column = _column_index(reference.rstrip("0123456789")) if reference else len(values)
            values.extend(None for _ in range(column - len(values)))
            values.append(_cell_value(cell, strings))
        records.append((number, values))
        row.clear()
    return records


@functools.cache
def _column_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def _cell_value(cell, strings: list[str]):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_MAIN + "is")
        return None if inline is None else _text_of(inline)
    value = cell.findtext(_MAIN + "v")
    if value is None:
        return None
    if kind == "s":
        return strings[int(value)]
    if kind == "n":
        number = float(value)
        return int(number) if number.is_integer() else number
    if kind == "b":
        return value == "1"
    return value


def _rows_from_records(records: list[tuple[int, list]], *, defused: bool) -> list[ProgressRow]:
    if not records:
        raise DocumentError("Die Tabelle ist leer.")
    header_line, header = records[0]
    columns = _header(header, header_line)
    rows = []
    for line, record in records[1:]:
        if all(_is_blank(value) for value in record):
            continue
        # A row shorter than the header has empty cells at its end, not missing columns.
        cells = {
            column.attribute: _cell(record, index, defused) for index, column in columns.items()
        }
        rows.append(_row(cells, line))
    return rows


def _cell(record: list, index: int, defused: bool):
    value = record[index] if index < len(record) else None
    return unescape_formula(value) if defused else value


def _header(record: list, line: int) -> dict[int, Column]:
    """The position of each known column; ``DocumentError`` if a required one is missing."""
    names = ["" if value is None else normalize_space(str(value)) for value in record]
    if len(names) == 1 and any(sep in names[0] for sep in (",", "\t", "|")):
        raise DocumentError(
            "Die Spalten sind nicht durch Semikolon getrennt. Bitte speichern Sie die Datei als "
            "CSV mit dem Feldtrenner „;“ (Semikolon).",
            line,
        )
    columns: dict[int, Column] = {}
    for index, name in enumerate(names):
        column = _BY_HEADER.get(name.casefold())
        if column is None:
            continue
        if column in columns.values():
            raise DocumentError(f"Die Spalte „{column.header}“ kommt zweimal vor.", line)
        columns[index] = column
    missing = [c.header for c in COLUMNS if c.required and c not in columns.values()]
    if missing:
        raise DocumentError(
            f"In der Kopfzeile fehlen die Spalten {', '.join(f'„{m}“' for m in missing)}. "
            f"Erwartet wird die erste Zeile wie im Export: {'; '.join(HEADERS)}.",
            line,
        )
    return columns


def _parse_json(data: bytes) -> list[ProgressRow]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DocumentError("Die Datei ist kein gültiges JSON: sie ist kein UTF-8-Text.") from error
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"Die Datei ist kein gültiges JSON ({error.msg}).", error.lineno
        ) from error
    except RecursionError:
        raise DocumentError(
            "Die JSON-Datei ist zu tief verschachtelt; so sieht kein Export der Tabelle aus."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("rows"), list):
        raise DocumentError(
            "Die JSON-Datei hat nicht den erwarteten Aufbau: ein Objekt mit der Liste „rows“, "
            "wie sie der Export liefert."
        )
    report_id = _report_id_from_meta(document.get("meta"))
    rows = []
    for position, item in enumerate(document["rows"], start=1):
        if not isinstance(item, dict):
            raise DocumentError("Der Eintrag in „rows“ ist kein Objekt.", position, label="Eintrag")
        cells = {name: item[name] for name in _BY_ATTRIBUTE if name in item}
        cells.setdefault("report_id", report_id)
        rows.append(_row(cells, position))
    return rows


def _report_id_from_meta(meta) -> int | None:
    report = meta.get("report") if isinstance(meta, dict) else None
    if not isinstance(report, dict) or report.get("id") is None:
        return None
    try:
        return _whole_number(report["id"])
    except _CellError as error:
        raise DocumentError(f"„meta.report.id“: {error}") from error


class _CellError(Exception):
    pass


def _row(cells: dict, line: int) -> ProgressRow:
    errors: list[str] = []

    def read(attribute, convert, default=None):
        column = _BY_ATTRIBUTE[attribute]
        if attribute not in cells:
            if column.required:
                # Only a JSON entry can lack a required column: the header has them all.
                errors.append(f"{column.header}: fehlt (Feld „{attribute}“).")
            return default
        try:
            return convert(cells[attribute])
        except _CellError as error:
            errors.append(f"{column.header}: {error}")
            return None

    # Read in column order, so that a row's errors read from left to right.
    values = {attribute: read(attribute, _text, "") for attribute in INFORMATIONAL}
    status = read("status", _status)
    percent = read("percent", _percent)
    description = read("description", _text, "")
    original_wording = read("original_wording", _text)
    measure_id = read("measure_id", _measure_id)
    version = read("version", _reference)
    report_id = read("report_id", _reference)
    return ProgressRow(
        measure_id=measure_id,
        status=status,
        percent=percent,
        description=description,
        version=version,
        original_wording=original_wording,
        report_id=report_id,
        line=line,
        errors=tuple(errors),
        **values,
    )


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime | dt.date):
        # A spreadsheet program may have turned "1.2" into a date; show what it made of it.
        return value.strftime("%d.%m.%Y")
    return normalize_text(str(value))


def _shown(value) -> str:
    return str(value).strip()


def _whole_number(value) -> int | None:
    """An integer from a number or text cell; None for an empty cell."""
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        raise _CellError(f"„{value}“ ist keine Zahl.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if _WHOLE_NUMBER.fullmatch(text):
        return int(re.split(r"[.,]", text)[0])
    raise _CellError(f"„{_shown(value)}“ ist keine ganze Zahl.")


def _checked_number(value, message: str, *, minimum: int, maximum: int | None = None):
    """A whole number in range, None for an empty cell, else ``_CellError(message)``."""
    try:
        number = _whole_number(value)
    except _CellError:
        raise _CellError(message) from None
    if number is not None and (number < minimum or (maximum is not None and number > maximum)):
        raise _CellError(message)
    return number


def _reference(value) -> int | None:
    return _checked_number(
        value,
        f"„{_shown(value)}“ ist keine gültige Nummer. Erwartet: die Zahl aus dem Export; "
        "diese Spalte bitte nicht ändern.",
        minimum=1,
    )


def _measure_id(value) -> int:
    number = _reference(value)
    if number is None:
        raise _CellError(
            "fehlt. Erwartet: die Zahl aus dem Export; diese Spalte bitte nicht ändern."
        )
    return number


def _status(value) -> str:
    if _is_blank(value):
        raise _CellError(f"fehlt. Erwartet: {_EXPECTED_STATUS}.")
    key = _STATUS_BY_WORD.get(normalize_space(str(value)).casefold())
    if key is None:
        raise _CellError(
            f"„{_shown(value)}“ ist kein bekannter Umsetzungsstand. Erwartet: {_EXPECTED_STATUS}."
        )
    return key


def _percent(value) -> int | None:
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    return _checked_number(
        value,
        f"„{_shown(value)}“ ist kein gültiger Prozentwert. Erwartet: eine ganze Zahl von "
        "0 bis 100 oder ein leeres Feld.",
        minimum=0,
        maximum=100,
    )


def _check_one_report(rows: list[ProgressRow]) -> None:
    first = next((row for row in rows if row.report_id is not None), None)
    for row in rows:
        if first is not None and row.report_id not in (None, first.report_id):
            raise DocumentError(
                f"Die Zeilen stammen aus verschiedenen Bilanzen (Bilanz-ID {first.report_id} "
                f"in Zeile {first.line}, hier {row.report_id}). Bitte exportieren Sie die "
                "Tabelle neu.",
                row.line,
            )


def _mark_duplicates(rows: list[ProgressRow]) -> list[ProgressRow]:
    first_line: dict[int, int] = {}
    result = []
    for row in rows:
        checked = row
        if row.measure_id is not None:
            seen = first_line.setdefault(row.measure_id, row.line)
            if seen != row.line:
                message = (
                    f"Maßnahmen-ID: Die Maßnahme {row.measure_id} steht schon in Zeile {seen}."
                )
                checked = replace(row, errors=(*row.errors, message))
        result.append(checked)
    return result


# Writing ----------------------------------------------------------------------------------------


def render(rows: list[ProgressRow], fmt: str, meta: ExportMeta) -> bytes:
    if fmt == "csv":
        return _render_csv(rows)
    if fmt == "xlsx":
        return _render_xlsx(rows, meta)
    if fmt == "json":
        return _render_json(rows, meta)
    raise ValueError(f"unknown format {fmt!r}")


def _cells(row: ProgressRow) -> list:
    """The row's values in column order, the status as its German label."""
    values = {column.attribute: getattr(row, column.attribute) for column in COLUMNS}
    values["status"] = status_label(row.status)
    if values["field_number"].isdigit():
        values["field_number"] = int(values["field_number"])
    return [values[column.attribute] for column in COLUMNS]


def _render_csv(rows: list[ProgressRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([csv_value(value) for value in _cells(row)])
    # The byte order mark makes Excel read UTF-8; LibreOffice does not mind it.
    return buffer.getvalue().encode("utf-8-sig")


def _render_xlsx(rows: list[ProgressRow], meta: ExportMeta) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.title = meta.plan_title
    workbook.properties.creator = "Teilhabe"
    sheet = workbook.create_sheet(SHEET_TITLE)
    last_row = len(rows) + 1
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    for validation in _validations(last_row):
        sheet.data_validations.append(validation)
    bold = Font(bold=True)
    sheet.append([_styled(sheet, header, font=bold) for header in HEADERS])
    for row in rows:
        sheet.append([xlsx_value(sheet, value) for value in _cells(row)])
    _notes_sheet(workbook, meta)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled(sheet, value, **style) -> Cell:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _column_range(attribute: str, last_row: int) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(COLUMNS.index(_BY_ATTRIBUTE[attribute]) + 1)
    return f"{letter}2:{letter}{max(last_row, 2)}"


def _validations(last_row: int) -> list[DataValidation]:
    from openpyxl.worksheet.datavalidation import DataValidation

    status = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_LABELS.values()) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Umsetzungsstand",
        error=f"Bitte wählen Sie: {_EXPECTED_STATUS}.",
        promptTitle="Umsetzungsstand",
        prompt="Bitte aus der Liste wählen.",
        showInputMessage=True,
    )
    status.add(_column_range("status", last_row))
    percent = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Prozent",
        error="Bitte eine ganze Zahl von 0 bis 100 eingeben oder das Feld leer lassen.",
    )
    percent.add(_column_range("percent", last_row))
    return [status, percent]


NOTES = (
    "So füllen Sie die Tabelle aus",
    "Ändern Sie nur die Spalten Umsetzungsstand, Prozent, Beschreibung und Wortlaut.",
    "Umsetzungsstand: bitte aus der Liste wählen – " + _EXPECTED_STATUS + ".",
    (
        "Prozent: eine ganze Zahl von 0 bis 100 oder leer. Bei „umgesetzt“ gilt immer 100, "
        "bei „nicht umgesetzt“ immer 0; bei „Umsetzung nicht möglich“ und „keine Angabe“ "
        "wird kein Prozentwert gespeichert."
    ),
    (
        "Handlungsfeld, Titel, Nr., Maßnahme und Federführung dienen nur der Orientierung: "
        "Änderungen daran werden nicht übernommen."
    ),
    (
        "Maßnahmen-ID, Version und Bilanz-ID bitte nicht ändern: an ihnen erkennt Teilhabe die "
        "Maßnahme und ob jemand anderes den Eintrag seit dem Export geändert hat."
    ),
    "Zeilen dürfen Sie löschen (die Maßnahme bleibt dann unverändert), aber keine hinzufügen.",
    (
        "Speichern Sie die Datei wieder als .xlsx (oder als CSV mit Semikolon) und laden Sie sie "
        "in Teilhabe hoch. Sie sehen zuerst eine Vorschau; gespeichert wird erst nach Ihrer "
        "Bestätigung, und zwar ganz oder gar nicht."
    ),
)


def _notes_sheet(workbook: Workbook, meta: ExportMeta) -> None:
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(NOTES_TITLE)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    bold = Font(bold=True)
    for label, value in _meta_lines(meta):
        sheet.append([_styled(sheet, label, font=bold), value])
    sheet.append([])
    sheet.append([_styled(sheet, NOTES[0], font=bold)])
    for number, note in enumerate(NOTES[1:], start=1):
        sheet.append([f"{number}.", note])


def _meta_lines(meta: ExportMeta) -> list[tuple[str, str]]:
    report = "noch keine Bilanz"
    if meta.report_as_of is not None:
        state = "veröffentlicht" if meta.report_status == "published" else "Entwurf"
        report = f"{meta.report_title}, Stand {meta.report_as_of:%d.%m.%Y} ({state})"
    licence = meta.licence["name"] if meta.licence else "intern – nicht zur Veröffentlichung"
    return [
        ("Integrationsplan", meta.plan_title),
        ("Organisation", meta.organization),
        ("Bilanz", report),
        ("Exportiert am", f"{meta.exported_at:%d.%m.%Y %H:%M}"),
        ("Nutzung", licence),
    ]


def _render_json(rows: list[ProgressRow], meta: ExportMeta) -> bytes:
    report = None
    if meta.report_id is not None:
        report = {
            "id": meta.report_id,
            "title": meta.report_title,
            "as_of": meta.report_as_of.isoformat() if meta.report_as_of else None,
            "status": meta.report_status,
        }
    document = {
        "format": JSON_FORMAT,
        "format_version": 1,
        "meta": {
            "plan": {"title": meta.plan_title, "slug": meta.plan_slug},
            "organization": meta.organization,
            "report": report,
            "exported_at": meta.exported_at.isoformat(),
            "licence": meta.licence,
            "statuses": STATUS_LABELS,
        },
        "rows": [_json_row(row) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _json_row(row: ProgressRow) -> dict:
    values = {
        column.attribute: getattr(row, column.attribute)
        for column in COLUMNS
        if column.attribute != "report_id"
    }
    if values["field_number"].isdigit():
        values["field_number"] = int(values["field_number"])
    return values
