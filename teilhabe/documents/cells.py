"""The one place where text becomes a spreadsheet cell: every export (CSV, XLSX, ODS) passes
its values through here, so that nothing anybody typed runs as a formula.

Spreadsheet programs run a cell that starts with =, +, -, @ (or a tab or carriage return in
front of one) as a formula ("CSV injection"): a name "=HYPERLINK(…)" in a registration export
would become a live link that sends data elsewhere. In CSV (and ODS written as text) an
apostrophe in front keeps such text text; importers take it off again (`unescape_formula`). In
XLSX the cell is stored with the string type, so the text stays exactly as typed and is never a
formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Text that no spreadsheet program runs: an apostrophe before a formula's first sign."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def unescape_formula(value: Any) -> Any:
    """What `escape_formula` wrote, read back as it was typed."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def csv_value(value: Any) -> Any:
    """A value for csv.writer (or a text-only ODS cell): text escaped, None empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_formula(value)
    return value


def xlsx_value(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value for a write-only openpyxl sheet: text that looks like a formula as a string
    cell (openpyxl would store it as a formula), everything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        # Imported when a workbook is written, not with the views: a web worker that serves
        # pages does without openpyxl (and lxml), ~12 MB.
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def write_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark, as German Excel opens it by
    double-click; every value through `csv_value`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_value(value) for value in header])
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
