"""The recommendation importer on Anlage 2 to KT-Drucks. 234/2014 (seed 001) and small variants."""

import io
import json
from pathlib import Path

import docx
import pytest

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.recommendations import (
    parse_recommendations,
    parse_recommendations_text,
)

SEED = Path(__file__).parents[2] / "demo" / "seeds" / "boeblingen_empfehlungen_2014.txt"
DATA = SEED.read_bytes()
TEXT = DATA.decode("utf-8")


@pytest.fixture(scope="module")
def parsed():
    return parse_recommendations(DATA, SEED.name)


def by_number(parsed):
    return {recommendation.number: recommendation for recommendation in parsed.recommendations}


def test_twelve_recommendations_numbered_1_to_12(parsed):
    assert [r.number for r in parsed.recommendations] == list(range(1, 13))
    # 1–9 lost their numbers in the OCR (". Der Kreistag"); 10–12 kept them, glued ("10.Der").
    assert [r.number for r in parsed.recommendations if r.number_inferred] == list(range(1, 10))


def test_sub_items(parsed):
    items = {r.number: [item.label for item in r.items] for r in parsed.recommendations}
    assert items == {
        1: ["a", "b"],
        2: [],
        3: ["a", "b", "c"],
        4: [],
        5: [],
        6: [],
        7: ["a", "b"],
        8: [],
        9: [],
        10: [],
        11: [],
        12: [],
    }


def test_texts_are_corrected(parsed):
    recommendations = by_number(parsed)
    assert recommendations[2].text == (
        "Der Kreistag setzt sich für die Einrichtung einer „Integrations-/Koordinierungsstelle“ in "
        "der Landkreisverwaltung (s. IP S. 12 Maßnahme 2a/d) als Stabsstelle mit Kompetenzen ein, "
        "die vor allem eine Dienstleistungsfunktion für die Städte und Gemeinden, für "
        "ehrenamtliche Initiativen etc. hat."
    )
    assert "Für diese Personen" in recommendations[6].text
    assert "„Dolmetscher-Pool“" in recommendations[6].text
    assert "bürgerschaftlich Engagierte" in recommendations[6].text
    assert recommendations[1].items[1].text == (
        "als Führungsaufgabe zur verbindlichen Orientierung für Mitarbeitende."
    )
    assert recommendations[3].items[1].text == (
        "dass eine Haltungsänderung in Richtung interkulturelle Öffnung explizit erwartet wird und"
    )
    assert recommendations[3].items[2].text == (
        "dass die Qualifizierung in der Fortbildungslandkarte geführt wird."
    )
    assert recommendations[4].text.startswith("Der Kreistag spricht sich dafür aus")
    assert recommendations[7].text == "Dem Kreistag wird empfohlen,"
    # A word broken across a blank line, and a real word only the context shows as misread.
    assert recommendations[7].items[0].text == (
        "bestehende Projekte, die Jugendlichen Möglichkeiten schaffen, Informationen/Praktika zu "
        "bekommen, weiterhin zu fördern oder"
    )
    assert "wird über den Hauptamtsleitersprengel der Städte" in recommendations[9].text
    assert "grundlegenden Texten einfache Sprache" in recommendations[10].text
    assert "in einfache Sprache übersetzen zu lassen" in recommendations[10].text
    assert "bürokratischen Prozessen oder sozialen Aufträgen mit Ausländern" in (
        recommendations[11].text
    )
    assert recommendations[12].text.endswith("als wirksamster Schlüsselbegegnung.")


def test_no_ocr_noise_or_line_break_hyphen_is_left(parsed):
    text = json.dumps(parsed.to_json_dict(), ensure_ascii=False)
    for noise in [" fur ", "Fur ", "Malinahme", " fir ", "flr", "fiir", "Offnung", "tGber"]:
        assert noise not in text
    for noise in ["geftihrt", "daftir", "birgerschaftlich", "kénnen", "Méglichkeiten", ",Dolm"]:
        assert noise not in text
    for broken in ["Ers-ten", "Koordinierungs-stelle", "Informatio-nen", "Tex-ten", "er-wartet"]:
        assert broken not in text
    assert "  " not in text


def test_every_correction_is_reported_with_its_line(parsed):
    corrections = {(c.line, c.original, c.corrected) for c in parsed.corrections}
    assert (59, "Malinahme", "Maßnahme") in corrections
    assert (84, "Fur", "Für") in corrections
    assert (73, "geftihrt", "geführt") in corrections
    assert (74, "daftir", "dafür") in corrections
    assert (98, "tGber", "über") in corrections
    assert (82, ",Dolmetscher-Pool“", "„Dolmetscher-Pool“") in corrections
    lines = TEXT.split("\n")
    for correction in parsed.corrections:
        # Each reported word is really in the reported line (phrases may span two lines).
        start = correction.original.lstrip(",").split(" ")[0][:8]
        assert start in lines[correction.line - 1], correction


def test_preamble_is_kept_and_corrected(parsed):
    assert parsed.preamble.startswith("Anlage 2 zu KT-Drucks. Nr. 234/2014")
    assert "Erster Integrationsplan für den Landkreis Böblingen" in parsed.preamble
    assert "Institut für Sozialpädagogische Forschung Mainz (ism) gGmbH" in parsed.preamble
    assert "AG 2: Interkulturelle Ausrichtung des Personalmanagements" in parsed.preamble
    assert "Der Kreistag" not in parsed.preamble


def test_json_shape(parsed):
    data = parsed.to_json_dict()
    assert list(data) == ["recommendations"]
    for recommendation in data["recommendations"]:
        assert list(recommendation) == ["number", "text", "items"]
        for item in recommendation["items"]:
            assert list(item) == ["label", "text"]
    assert data["recommendations"][0] == {
        "number": 1,
        "text": "Der Kreistag empfiehlt die Verankerung des politischen Leitzieles zum Thema Migration",
        "items": [
            {"label": "a", "text": "im Leitbild der Verwaltung als sichtbare Positionierung,"},
            {
                "label": "b",
                "text": "als Führungsaufgabe zur verbindlichen Orientierung für Mitarbeitende.",
            },
        ],
    }


def test_windows_line_ends_and_byte_order_mark(parsed):
    variant = b"\xef\xbb\xbf" + DATA.replace(b"\n", b"\r\n")
    assert parse_recommendations(variant).to_json_dict() == parsed.to_json_dict()


def test_clean_numbered_list_without_ocr_noise():
    parsed = parse_recommendations_text(
        "Empfehlungen des Fachtags\n\n"
        "Am 12.11.2014 wurden folgende Empfehlungen formuliert.\n\n"
        "1. Der Gemeinderat beauftragt die Verwaltung, einen Dolmetscher-\n"
        "Pool aufzubauen.\n"
        "2. Die Verwaltung richtet Aus- und\n"
        "Fortbildungen ein:\n"
        "a) für Führungskräfte,\n"
        "b) für alle anderen, z. B. im\n"
        "z. B. Bürgerbüro.\n"
        "3. Die Stadt prüft Patenmodelle.\n"
        "\n"
        "III. Begründung\n"
        "4. Das gehört nicht mehr dazu.\n"
    )
    assert parsed.to_json_dict()["recommendations"] == [
        {
            "number": 1,
            "text": "Der Gemeinderat beauftragt die Verwaltung, einen Dolmetscher-Pool aufzubauen.",
            "items": [],
        },
        {
            "number": 2,
            "text": "Die Verwaltung richtet Aus- und Fortbildungen ein:",
            "items": [
                {"label": "a", "text": "für Führungskräfte,"},
                {"label": "b", "text": "für alle anderen, z. B. im z. B. Bürgerbüro."},
            ],
        },
        {"number": 3, "text": "Die Stadt prüft Patenmodelle.", "items": []},
    ]
    assert parsed.corrections == ()


def test_list_without_addressee_starts_at_its_first_number():
    parsed = parse_recommendations_text(
        "Ergebnisse vom 12.05.2014\n1. Einrichtung einer Koordinierungsstelle\n"
        "2. Schulungen zur interkulturellen Kompetenz\n"
    )
    assert [(r.number, r.text) for r in parsed.recommendations] == [
        (1, "Einrichtung einer Koordinierungsstelle"),
        (2, "Schulungen zur interkulturellen Kompetenz"),
    ]


def test_page_numbers_between_recommendations_are_skipped():
    parsed = parse_recommendations_text(
        ". Der Kreistag empfiehlt A.\n\n- 2 -\n\n. Der Kreistag empfiehlt B.\n"
    )
    assert [(r.number, r.text) for r in parsed.recommendations] == [
        (1, "Der Kreistag empfiehlt A."),
        (2, "Der Kreistag empfiehlt B."),
    ]


def test_number_and_dot_both_lost():
    parsed = parse_recommendations_text(
        ". Der Kreistag empfiehlt A und\n"
        "Der Kreistag bleibt Teil des Satzes.\n"
        "Dem Kreistag wird empfohlen, B zu tun.\n"
        "Der Gemeinderat prüft C.\n"
    )
    assert [(r.number, r.text) for r in parsed.recommendations] == [
        (1, "Der Kreistag empfiehlt A und Der Kreistag bleibt Teil des Satzes."),
        (2, "Dem Kreistag wird empfohlen, B zu tun."),
        (3, "Der Gemeinderat prüft C."),
    ]
    assert all(r.number_inferred for r in parsed.recommendations)


def test_gap_in_the_numbers_is_kept():
    parsed = parse_recommendations_text(
        "1. Der Kreistag empfiehlt A.\n3. Der Kreistag empfiehlt C.\n. Der Kreistag empfiehlt D.\n"
    )
    assert [r.number for r in parsed.recommendations] == [1, 3, 4]


def test_docx_with_word_numbering():
    """Word's automatic numbering is not part of the text: it is counted as Word counts it, so
    numbered paragraphs are recommendations and bulleted ones sub-items. Word's bullets are no
    letters, so the sub-items have none either (issue 11)."""
    document = docx.Document()
    document.add_paragraph("Empfehlungen des Fachtags „Gemeinsam für Integration und Teilhabe“")
    document.add_paragraph(
        "Der Kreistag empfiehlt die Verankerung des politischen Leitzieles", style="List Number"
    )
    document.add_paragraph("im Leitbild der Verwaltung,", style="List Bullet 2")
    document.add_paragraph("als Führungsaufgabe.", style="List Bullet 2")
    document.add_paragraph(
        "Der Kreistag beauftragt die Verwaltung, einen Dolmetscher-Pool zu schaffen.",
        style="List Number",
    )
    document.add_paragraph("10. Der Kreistag nimmt zur Kenntnis: Fur alle.")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_recommendations(buffer.getvalue(), "empfehlungen.docx")
    assert parsed.label == "Absatz"
    assert parsed.to_json_dict()["recommendations"] == [
        {
            "number": 1,
            "text": "Der Kreistag empfiehlt die Verankerung des politischen Leitzieles",
            "items": [
                {"label": "", "text": "im Leitbild der Verwaltung,"},
                {"label": "", "text": "als Führungsaufgabe."},
            ],
        },
        {
            "number": 2,
            "text": "Der Kreistag beauftragt die Verwaltung, einen Dolmetscher-Pool zu schaffen.",
            "items": [],
        },
        {"number": 10, "text": "Der Kreistag nimmt zur Kenntnis: Für alle.", "items": []},
    ]
    assert [(c.line, c.original) for c in parsed.corrections] == [(6, "Fur")]


def test_pdf_of_the_seed_gives_the_same_result_as_text(parsed):
    """A PDF's paragraphs run several lines together ("… Positionierung, b. als …"); they are
    split again where a line could have ended."""
    typst = pytest.importorskip("typst")
    body = "\n\n".join(
        line.replace("#", "\\#").replace("*", "\\*").replace("$", "\\$") or " "
        for line in TEXT.split("\n\n")
    )
    source = "#set page(width: 21cm, height: 29.7cm)\n#set par(spacing: 1.5em)\n" + body
    pdf = typst.compile(source.encode("utf-8"))
    from_pdf = parse_recommendations(pdf, "anlage2.pdf")
    assert from_pdf.label == "Seite"
    assert from_pdf.to_json_dict() == parsed.to_json_dict()


# --- errors ----------------------------------------------------------------------------------


def _error(data: bytes | str, filename: str = "empfehlungen.txt") -> DocumentError:
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(DocumentError) as caught:
        parse_recommendations(data, filename)
    return caught.value


def test_empty_file():
    assert _error(b"  \n\n").message == "Die Datei ist leer."


def test_no_recommendations():
    error = _error("Anlage 2\n\nHier stehen keine Empfehlungen, nur Text vom 12.05.2014.\n")
    # The real reason first (issue 11), then what is expected.
    assert error.message.startswith("Das Dokument enthält keine nummerierten Empfehlungen.")


def test_binary_file_names_its_line():
    error = _error(b"Anlage 2\n\n. Der Kreistag empfiehlt\x00\x01 A.\n")
    assert error.line == 3
    assert "Binärdaten" in error.message


def test_binary_text_string_names_its_line():
    with pytest.raises(DocumentError) as caught:
        parse_recommendations_text("1. Der Kreistag empfiehlt A.\n\x07\n")
    assert caught.value.line == 2


def test_numbers_going_backwards_name_the_line():
    error = _error(TEXT.replace("\n11.Der Kreistag", "\n8.Der Kreistag"))
    assert str(error) == (
        "Zeile 107: Die Nummerierung springt zurück: auf Empfehlung Nr. 10 folgt Nr. 8."
    )


def test_duplicate_number_names_the_line():
    error = _error(TEXT.replace("\n11.Der Kreistag", "\n10.Der Kreistag"))
    assert str(error) == "Zeile 107: Die Empfehlung Nr. 10 kommt doppelt vor."


def test_duplicate_sub_item_names_the_line():
    error = _error(TEXT.replace("\nb. neue Projekte", "\na. neue Projekte"))
    assert error.line == 92
    assert "Unterpunkt a der Empfehlung Nr. 7" in error.message


def test_word_file_that_is_broken():
    error = _error(b"PK\x03\x04" + b"\x00" * 100, "empfehlungen.docx")
    assert "ZIP" in error.message or "DOCX" in error.message
