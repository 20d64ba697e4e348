"""The recommendation parser on documents of other municipalities (see
``fixtures/recommendations/README.md``): each reads as written by hand in its
``.expected.json``, or is refused with the real reason first; no word is ever lost."""

import io
import json
from pathlib import Path

import docx
import pytest

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.recommendations import (
    RecommendationList,
    parse_recommendations,
    parse_recommendations_text,
)
from teilhabe.documents.tests.fixtures.recommendations.build import (
    LAATZEN_PARAGRAPHS,
    ROEDERMARK_PDF,
    laatzen_docx,
)
from teilhabe.documents.tests.recommendation_words import assert_no_text_lost

CORPUS = Path(__file__).parent / "fixtures" / "recommendations"
TEXTS = sorted(CORPUS.glob("*.txt"))
SEED = Path(__file__).parents[2] / "demo" / "seeds" / "boeblingen_empfehlungen_2014.txt"


def expected(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))


def assert_reads_as_expected(parsed: RecommendationList, wanted: dict) -> None:
    got = [
        {
            "number": recommendation.number,
            "text": recommendation.own_text,
            "items": [{"label": item.label, "text": item.text} for item in recommendation.items],
        }
        for recommendation in parsed.recommendations
    ]
    assert got == wanted["recommendations"]
    for recommendation in parsed.recommendations:
        # The introductory sentence is kept with each item it introduces.
        assert recommendation.lead_in == wanted["lead_in"]
        assert recommendation.text == " ".join(
            filter(None, [wanted["lead_in"], recommendation.own_text])
        )
    assert [{"line": part.line, "text": part.text} for part in parsed.left_over] == wanted[
        "left_over"
    ]
    assert parsed.preamble.endswith(wanted["preamble_ends_with"])
    assert parsed.epilogue == wanted["epilogue"]


def test_the_corpus_has_documents_of_six_municipalities():
    assert {path.stem.split("_")[0] for path in TEXTS} >= {
        "koeln",
        "luebeck",
        "hagen",
        "nottuln",
        "roedermark",
        "emmerich",
    }


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_text_document(path):
    wanted = expected(path.stem)
    data = path.read_bytes()
    if "error_starts_with" in wanted:
        with pytest.raises(DocumentError) as caught:
            parse_recommendations(data, path.name)
        message = caught.value.message
        assert message.startswith(wanted["error_starts_with"])
        for part in wanted["error_contains"]:
            assert part in message
        return
    parsed = parse_recommendations(data, path.name)
    assert_reads_as_expected(parsed, wanted)
    assert_no_text_lost(data.decode("utf-8"), parsed)


@pytest.mark.parametrize("path", [*TEXTS, SEED], ids=lambda path: path.stem)
def test_no_text_is_lost(path):
    text = path.read_text(encoding="utf-8")
    try:
        parsed = parse_recommendations_text(text)
    except DocumentError:
        return
    assert_no_text_lost(text, parsed)


def test_sentence_list_reads_all_six_items_with_their_lead_in():
    """The issue's example: 0 of 6 before, because the items start in lower case."""
    parsed = parse_recommendations((CORPUS / "koeln_rat_2012.txt").read_bytes())
    assert [r.number for r in parsed.recommendations] == [1, 2, 3, 4, 5, 6]
    assert parsed.recommendations[0].text.startswith(
        "Damit das Konzept wirkt, beauftragt der Rat der Stadt Köln die Verwaltung im Rahmen der "
        "im Haushalt jeweils bereitgestellten Mittel verwaltungsintern mit den vorhandenen"
    )
    assert "lead_in" in parsed.to_json_dict()["recommendations"][0]
    assert "Damit das Konzept wirkt" not in parsed.preamble


def test_closing_paragraph_is_reported_as_left_over():
    parsed = parse_recommendations((CORPUS / "koeln_integrationsrat_2014.txt").read_bytes())
    assert parsed.to_json_dict()["left_over"] == [
        {
            "line": 27,
            "text": parsed.left_over[0].text,
            "reason": parsed.left_over[0].reason,
        }
    ]
    assert parsed.left_over[0].text.startswith("Davon ausgenommen")
    assert "keiner zugeordnet" in parsed.left_over[0].reason


def test_docx_with_typed_numbers_and_letters():
    parsed = parse_recommendations(laatzen_docx(), "antrag.docx")
    assert parsed.label == "Absatz"
    second = parsed.recommendations[1]
    assert [r.number for r in parsed.recommendations] == [1, 2, 3]
    # The introductory sentence stays with its item, before the sub-points it introduces.
    assert second.text.endswith("Das Handlungskonzept soll vor allem diese Fragen beantworten:")
    assert [item.label for item in second.items] == ["a", "b", "c", "d", "e"]
    assert second.items[4].text == (
        "Wie wird das Integrierte Handlungskonzept jedes Jahr überprüft und fortgeschrieben?"
    )
    assert second.line == 5
    assert parsed.preamble == "Beschluss: ungeändert beschlossen\n\nAbstimmung: Ja: 36\n\nAntrag:"
    assert_no_text_lost("\n".join(LAATZEN_PARAGRAPHS), parsed)


def _docx(*paragraphs: tuple[str, str | None]) -> bytes:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_word_numbers_are_counted_and_bullets_are_bullets():
    data = _docx(
        ("Handlungsempfehlungen der Arbeitsgruppe Sprache", None),
        ("Der Gemeinderat beauftragt die Verwaltung,", "List Number"),
        ("Sprachkurse mit Kinderbetreuung anzubieten,", "List Bullet 2"),
        ("Lernpatenschaften zu vermitteln.", "List Bullet 2"),
        ("· Die Stadt prüft ein Sprachcafé.", None),
        ("Die Stadtbibliothek wird Lernort.", "List Number"),
    )
    parsed = parse_recommendations(data, "empfehlungen.docx")
    assert [(r.number, r.number_inferred) for r in parsed.recommendations] == [
        (1, False),
        (2, False),
    ]
    assert [(item.label, item.text) for item in parsed.recommendations[0].items] == [
        ("", "Sprachkurse mit Kinderbetreuung anzubieten,"),
        ("", "Lernpatenschaften zu vermitteln."),
        ("", "Die Stadt prüft ein Sprachcafé."),
    ]
    assert parsed.recommendations[1].text == "Die Stadtbibliothek wird Lernort."


def test_docx_sentence_list_with_word_numbering() -> None:
    """The Köln decision as Word writes it: the numbers are Word's, not typed."""
    text = (CORPUS / "koeln_rat_2012.txt").read_text(encoding="utf-8")
    paragraphs: list[tuple[str, str | None]] = []
    for block in filter(None, (raw.strip() for raw in text.split("\n\n"))):
        number, _, rest = block.partition(" ")
        if number.rstrip(".").isdigit():
            paragraphs.append((rest.strip(), "List Number"))
        else:
            paragraphs.append((block, None))
    parsed = parse_recommendations(_docx(*paragraphs), "beschluss.docx")
    assert_reads_as_expected(parsed, expected("koeln_rat_2012"))


def test_pdf_reads_like_the_text():
    from_pdf = parse_recommendations(ROEDERMARK_PDF.read_bytes(), "antrag.pdf")
    assert from_pdf.label == "Seite"
    assert_reads_as_expected(from_pdf, expected("roedermark_2006"))


# --- bullets, sub-points and refusals in small documents --------------------------------------


def test_bullet_before_a_number_is_no_lost_number():
    """Before: "·" was read as a lost number 2, and the real "2." then "collided" with it."""
    text = (
        "Beschluss:\n"
        "1. Der Rat beauftragt die Verwaltung, Angebote zu bündeln:\n"
        "· Sprachkurse,\n"
        "• Beratung,\n"
        "– Begegnung,\n"
        "- Die Stadtbibliothek als Lernort.\n"
        "2. Die Verwaltung berichtet jährlich.\n"
    )
    parsed = parse_recommendations_text(text)
    assert [r.number for r in parsed.recommendations] == [1, 2]
    assert [(item.label, item.text) for item in parsed.recommendations[0].items] == [
        ("", "Sprachkurse,"),
        ("", "Beratung,"),
        ("", "Begegnung,"),
        ("", "Die Stadtbibliothek als Lernort."),
    ]
    assert_no_text_lost(text, parsed)


def test_page_number_inside_the_list_is_reported():
    text = "1. Der Kreistag empfiehlt A.\n\n- 2 -\n\n2. Der Kreistag empfiehlt B.\n"
    parsed = parse_recommendations_text(text)
    assert [(part.line, part.text, part.reason) for part in parsed.left_over] == [
        (3, "- 2 -", "Seitenzahl")
    ]
    assert_no_text_lost(text, parsed)


def test_run_in_lower_case_items_on_one_line():
    text = "Der Rat beauftragt die Verwaltung, 1. ein Konzept zu erarbeiten, 2. es vorzulegen.\n"
    parsed = parse_recommendations_text(text)
    assert [(r.number, r.text, r.lead_in) for r in parsed.recommendations] == [
        (
            1,
            "Der Rat beauftragt die Verwaltung, ein Konzept zu erarbeiten,",
            "Der Rat beauftragt die Verwaltung,",
        ),
        (
            2,
            "Der Rat beauftragt die Verwaltung, es vorzulegen.",
            "Der Rat beauftragt die Verwaltung,",
        ),
    ]
    assert parsed.preamble == ""
    assert_no_text_lost(text, parsed)


def test_bullets_only_are_refused_with_the_real_reason_first():
    with pytest.raises(DocumentError) as caught:
        parse_recommendations_text("Empfehlungen\n- Der Kreistag empfiehlt A.\n- B prüfen.\n")
    message = caught.value.message
    assert message.startswith("Das Dokument enthält keine nummerierten Empfehlungen. ")
    assert "2 Aufzählungspunkte ohne Nummer (zuerst Zeile 2" in message


@pytest.mark.parametrize("name", ["koeln_rat_2012", "koeln_integrationsrat_2014", "nottuln_2017"])
def test_pdf_of_a_text_document_reads_like_the_text(name):
    """Typst sets each paragraph of the text (blank lines between) as a PDF paragraph; the
    result is the text's, the lower-case items and the bullets included."""
    typst = pytest.importorskip("typst")
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    body = "\n\n".join(
        block.replace("#", "\\#").replace("*", "\\*").replace("$", "\\$").replace("\n", " ")
        for block in filter(None, (raw.strip() for raw in text.split("\n\n")))
    )
    pdf = typst.compile(("#set page(width: 21cm, height: 29.7cm)\n" + body).encode("utf-8"))
    from_pdf = parse_recommendations(pdf, f"{name}.pdf")
    from_text = parse_recommendations_text(text)
    assert from_pdf.to_json_dict()["recommendations"] == from_text.to_json_dict()["recommendations"]
    # Lines count pages in a PDF: only the left-over texts compare.
    assert [part.text for part in from_pdf.left_over] == [part.text for part in from_text.left_over]
