"""The Bilanz read from text, DOCX and PDF, and the errors for files that are not one."""

import io
import zipfile
from pathlib import Path

import docx
import pytest

from teilhabe.documents.bilanz import (
    parse_bilanz,
    parse_bilanz_docx,
    parse_bilanz_pdf,
    parse_bilanz_text,
)
from teilhabe.documents.errors import DocumentError

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = (FIXTURES / "bilanz_2017.txt").read_text(encoding="utf-8")
DOCX = (FIXTURES / "bilanz_2017.docx").read_bytes()
PDF = (FIXTURES / "bilanz_2017.pdf").read_bytes()


@pytest.fixture(scope="module")
def from_text():
    return parse_bilanz_text(TEXT).to_json_dict()


def test_docx_gives_the_same_result_as_text(from_text):
    assert parse_bilanz_docx(DOCX).to_json_dict() == from_text


def test_pdf_gives_the_same_result_as_text(from_text):
    assert parse_bilanz_pdf(PDF).to_json_dict() == from_text


def test_pdf_fixture_really_breaks_table_rows_across_pages():
    from teilhabe.documents.pdf_blocks import pdf_blocks

    continued = [block for block in pdf_blocks(PDF) if getattr(block, "after_break", False)]

    assert any(not block.cells[0] for block in continued)


@pytest.mark.parametrize(
    ("data", "filename"),
    [(TEXT.encode(), "bilanz.txt"), (DOCX, "bilanz.docx"), (PDF, "bilanz.pdf")],
    ids=["text", "docx", "pdf"],
)
def test_parse_bilanz_recognises_the_format_by_content(data, filename, from_text):
    assert parse_bilanz(data, "name-does-not-matter.bin").to_json_dict() == from_text


def test_text_with_byte_order_mark_and_windows_line_ends(from_text):
    data = "\ufeff".encode() + TEXT.replace("\n", "\r\n").encode()

    assert parse_bilanz(data, "bilanz.txt").to_json_dict() == from_text


def test_header_repeated_after_a_page_break_does_not_hide_a_continued_row(from_text):
    lines = TEXT.split("\n")
    assert lines[126].startswith("am Mitwirken zu wecken.")
    lines.insert(126, "Ziele\tAufgaben/Beschreibung\tUmsetzung")

    assert parse_bilanz_text("\n".join(lines)).to_json_dict() == from_text


def test_title_from_bold_when_the_introduction_lists_no_fields():
    text = TEXT.replace("**1. Aufbrechen und Ankommen** („Hier bin ich“)", "")

    field = parse_bilanz_text(text).fields[0]

    assert (field.title, field.motto) == ("Aufbrechen und Ankommen", "")


def test_docx_title_from_bold_when_the_introduction_lists_no_fields():
    document = docx.Document(io.BytesIO(DOCX))
    overview = next(p for p in document.paragraphs if p.text.startswith("Der Integrationsplan"))
    overview._p.getparent().remove(overview._p)

    bilanz = parse_bilanz_docx(_docx_bytes(document))

    assert [field.title for field in bilanz.fields][:2] == ["Aufbrechen und Ankommen", "Wohnen"]
    assert bilanz.fields[0].motto == ""


# --- bad input ----------------------------------------------------------------------------


def _docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _error(data: bytes, filename: str = "bilanz.txt") -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        parse_bilanz(data, filename)
    return caught.value


def _replace_line(number: int, new: str) -> bytes:
    lines = TEXT.split("\n")
    lines[number - 1] = new
    return "\n".join(lines).encode()


def test_empty_file():
    assert str(_error(b"")) == "Die Datei ist leer."
    assert str(_error(b" \n\n ")) == "Die Datei ist leer."


def test_row_that_lost_its_tabs_is_named_with_its_line():
    line_57 = TEXT.split("\n")[56]

    error = _error(_replace_line(57, line_57.replace("\t", " ")))

    assert error.line == 57
    assert str(error) == (
        "Zeile 57: Tabellenzeile mit 3 Spalten erwartet "
        "(Ziele | Aufgaben/Beschreibung | Umsetzung), gefunden: 1."
    )


def test_row_with_four_cells():
    error = _error(_replace_line(72, "Ehrenamtlicher Dolmetscher-Pool\tKonzept\t15%\tzu viel"))

    assert str(error).startswith("Zeile 72: Tabellenzeile mit 3 Spalten erwartet")
    assert str(error).endswith("gefunden: 4.")


def test_trailing_empty_cells_are_tolerated():
    data = _replace_line(72, "Ehrenamtlicher Dolmetscher-Pool\tKonzept\tUmsetzung 15%\t\t")

    assert parse_bilanz(data, "bilanz.txt").fields[2].goals[2].status.percent == 15


def test_missing_as_of_date():
    error = _error(_replace_line(25, "Böblingen, im Februar"))

    assert "Kein Stand-Datum" in str(error)


def test_impossible_as_of_date_names_its_line():
    error = _error(_replace_line(25, "Böblingen, Stand 30. Februar 2017"))

    assert str(error) == "Zeile 25: Ungültiges Stand-Datum „Stand 30. Februar 2017“."


def test_numeric_as_of_date():
    data = _replace_line(25, "Stand: 20.02.2017")

    assert parse_bilanz(data, "bilanz.txt").as_of.isoformat() == "2017-02-20"


def test_no_fields():
    text = "Bilanz\n\nStand 1. März 2018\n\nNur Einleitung, keine Handlungsfelder.\n"

    assert "Keine Handlungsfelder gefunden" in str(_error(text.encode()))


def test_field_of_the_overview_missing_in_the_report():
    lines = TEXT.split("\n")
    without_religion = "\n".join(lines[:129] + lines[139:]).encode()

    error = _error(without_religion)

    assert str(error) == (
        "Zeile 31: Handlungsfeld 7 „Religion“ steht in der Übersicht, fehlt aber im Bericht."
    )


def test_field_twice():
    lines = TEXT.split("\n")
    twice = "\n".join([*lines[:139], lines[119], *lines[139:]]).encode()

    assert str(_error(twice)) == "Zeile 140: Handlungsfeld 6 kommt zweimal vor."


def test_header_without_columns_is_not_read_as_prose():
    error = _error(_replace_line(56, "Ziele Aufgaben/Beschreibung Umsetzung"))

    assert str(error).startswith("Zeile 56: Die Tabellenköpfe stehen als Text da")


def test_row_without_header():
    error = _error(_replace_line(56, "Aufgabe\tBeschreibung\tUmsetzung"))

    assert str(error).startswith("Zeile 56: Tabellenzeile ohne Kopfzeile")


def test_percent_above_100_names_the_row():
    error = _error(_replace_line(72, "Ehrenamtlicher Dolmetscher-Pool\tKonzept\tUmsetzung 150%"))

    assert str(error) == "Zeile 72: Prozentangabe über 100 % im Umsetzungsstand: „Umsetzung 150%“."


def test_binary_garbage():
    error = _error(b"\xff\xfe\x00\x01" * 100, "bilanz.bin")

    assert str(error).startswith("Zeile 1: Dateiformat nicht erkannt: „bilanz.bin“ ist weder")


def test_text_with_control_characters_is_not_text():
    error = _error(b"Bilanz\n\nStand 1. M\x00rz 2018\n")

    assert error.line == 3
    assert "Binärdaten" in str(error)


def test_old_word_file():
    error = _error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "bilanz.doc")

    assert "alte Office-Datei" in str(error)


def test_zip_that_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")

    error = _error(buffer.getvalue(), "tabelle.xlsx")

    assert str(error) == (
        "Dateiformat nicht erkannt: „tabelle.xlsx“ ist ein ZIP-Archiv, aber kein "
        "Word-Dokument (DOCX)."
    )


@pytest.mark.parametrize("length", [10, 1000, len(DOCX) // 2, len(DOCX) - 10])
def test_truncated_docx(length):
    assert "DOCX" in str(_error(DOCX[:length], "bilanz.docx"))


@pytest.mark.parametrize("length", [10, 1000, len(PDF) // 2])
def test_truncated_pdf(length):
    assert "PDF" in str(_error(PDF[:length], "bilanz.pdf"))


def test_docx_row_with_a_missing_cell_names_table_and_row():
    document = docx.Document(io.BytesIO(DOCX))
    row = document.tables[1].rows[2]
    row._tr.remove(row._tr.tc_lst[-1])

    with pytest.raises(DocumentError) as caught:
        parse_bilanz_docx(_docx_bytes(document))

    assert str(caught.value).startswith("Tabelle 2, Zeile 3: Tabellenzeile mit 3 Spalten")
