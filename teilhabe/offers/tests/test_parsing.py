"""The offers table parser: what it reads, and that bad input of any shape gives a German error
naming the row or the file, never a crash."""

import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from teilhabe.documents.errors import DocumentError
from teilhabe.offers.parsing import parse_offers

VOCABULARIES = {
    "target_groups": {"frauen": "women", "women": "women", "kinder": "children"},
    "languages": {"de": "de", "deutsch": "de", "arabisch": "ar", "ar": "ar", "türkçe": "tr"},
    "provider_kinds": {"verein": "association"},
}
HEADER = "Titel;Träger;Art des Trägers;Zielgruppen;Sprachen;Handlungsfelder;PLZ;Ort;Straße;rollstuhlgerecht;Kosten;zuletzt geprüft;E-Mail\n"


def parse(text: str, name: str = "angebote.csv"):
    return parse_offers(text.encode(), name, **VOCABULARIES)


def test_a_good_row_is_read_with_every_column():
    (row,) = parse(
        HEADER + "Sprachcafé;Frauentreff;Verein;Frauen, Kinder;Deutsch/Arabisch/Türkçe;1, 3;70771;"
        "Bürgerhaus;Marktplatz 1;ja;5 EUR;30.06.2020;info@treff.example\n"
    )
    assert row.ok, row.errors
    assert (row.title, row.provider, row.provider_kind) == (
        "Sprachcafé",
        "Frauentreff",
        "association",
    )
    assert row.target_groups == ["women", "children"]
    assert row.languages == ["de", "ar", "tr"]
    assert row.field_numbers == [1, 3]
    assert (row.place, row.postal_code, row.wheelchair) == ("Bürgerhaus", "70771", True)
    assert (row.free_of_charge, row.cost) == (False, "5 EUR")
    assert row.last_verified.isoformat() == "2020-06-30"


def test_every_bad_cell_is_named_with_its_row_and_column():
    rows = parse(
        HEADER
        + "Gut;Träger;;;;;;;;;;;\n"
        + ";Träger;Firma;Männer;Klingonisch;eins;7077;;;vielleicht;;31.02.2020;keine-adresse\n"
    )
    assert rows[0].ok
    bad = rows[1]
    assert bad.line == 3
    message = bad.message()
    for expected in (
        "Zeile 3",
        "„Titel“ fehlt",
        "„Art des Trägers“: „Firma“",
        "„Zielgruppen“: „Männer“ ist unbekannt",
        "„Sprachen“: „Klingonisch“ ist unbekannt",
        "„Handlungsfelder“: „eins“",
        "„PLZ“: „7077“ hat nicht fünf Ziffern",
        "„rollstuhlgerecht“",
        "„zuletzt geprüft“",
        "„E-Mail“",
    ):
        assert expected in message, expected


def test_a_table_without_the_required_columns_is_refused_as_a_whole():
    with pytest.raises(
        DocumentError, match="Zeile 1: In der ersten Zeile fehlt die Spalte „Träger“"
    ):
        parse("Titel;Beschreibung\nA;B\n")
    with pytest.raises(DocumentError, match="keine Angebote"):
        parse(HEADER)


def test_xlsx_is_read_and_formula_escapes_are_undone():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Titel", "Träger", "PLZ"])
    sheet.append(["'=Kein Formel-Titel", "Träger", 70771])
    buffer = io.BytesIO()
    workbook.save(buffer)
    (row,) = parse_offers(buffer.getvalue(), "a.xlsx", **VOCABULARIES)
    assert row.ok and row.title == "=Kein Formel-Titel" and row.postal_code == "70771"


def test_a_broken_xlsx_is_refused_in_german():
    with pytest.raises(DocumentError, match="keine lesbare XLSX-Tabelle"):
        parse_offers(b"PK\x03\x04 kaputt", "a.xlsx", **VOCABULARIES)


@given(st.binary(max_size=400), st.sampled_from(["a.csv", "a.xlsx"]))
def test_any_bytes_give_rows_or_a_document_error(data, name):
    try:
        rows = parse_offers(data, name, **VOCABULARIES)
    except DocumentError as error:
        message = str(error)
        rows = []
    else:
        message = "gelesen"
    assert message
    assert all(row.line >= 2 for row in rows)


# "¹" is a digit to str.isdigit() that int() refuses: it once broke the import.
@example([["", "", "", "", "", "¹"]])
@given(st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=14), max_size=6))
def test_any_cells_under_a_good_header_give_rows_whose_problems_are_german(cells):
    text = HEADER + "".join(
        ";".join(
            c.replace(";", ",").replace("\n", " ").replace("\r", " ").replace('"', "") for c in row
        )
        + "\n"
        for row in cells
    )
    try:
        rows = parse(text)
    except DocumentError as error:
        message, rows = str(error), []
    else:
        message = "Tabelle gelesen"
    assert "Zeile" in message or "Datei" in message or "Tabelle" in message
    for row in rows:
        assert row.ok or row.message().startswith(f"Zeile {row.line}: ")
        if row.ok:
            assert row.title and row.provider
