import io

import docx
import pytest
from docx.oxml.ns import qn

from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.render_docx import render_docx

from .sample import make_boeblingen_plan


def read(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.mark.django_db
def test_docx_has_the_structure_of_the_seed():
    _plan, report = make_boeblingen_plan()

    document = read(render_docx(bilanz_data(report), attachment="Anlage 1"))
    text = all_text(document)

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Überblick"
    assert "1. Aufbrechen und Ankommen" in headings
    assert "Beispiele aus dem Landkreis zum Handlungsfeld „Sprache“:" in headings
    assert headings[-1] == "Ausblick – Weiteres Vorgehen"
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["Bilanz"]
    for expected in (
        "Anlage 1",
        "Integrationsplan des Landkreises Böblingen",
        "Stand 20. Februar 2017",
        "Entwurf – nicht veröffentlicht",
        "„Hier bin ich“",
        "„Vielsprachigkeit als Ressource“",
        "Ausschreibung erfolgt im Februar 2017 – Maßnahme in Arbeit",
        "in Umsetzung (50\u00a0%)",
        "Die Caritas Sindelfingen hält einen ehrenamtlichen Dolmetscher-Pool vor.",
        "am 29. März 2017 eingeladen",
    ):
        assert expected in text, expected
    examples = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(examples) == 3


@pytest.mark.django_db
def test_docx_tables_repeat_their_header_and_charts_have_alt_text():
    _plan, report = make_boeblingen_plan()

    document = read(render_docx(bilanz_data(report)))

    field_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Ziele"]
    assert len(field_tables) == 4
    for table in field_tables:
        assert [c.text for c in table.rows[0].cells] == [
            "Ziele",
            "Aufgaben/Beschreibung",
            "Umsetzung",
        ]
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None
    pictures = document.inline_shapes
    assert len(pictures) == 2
    descriptions = [shape._inline.docPr.get("descr") for shape in pictures]
    assert descriptions[0].startswith("Umsetzungsstand der Maßnahmen je Handlungsfeld.")
    assert "01.02.2016 (Zwischenbericht): 0 %" in descriptions[1].replace("\u00a0", " ")


@pytest.mark.django_db
def test_docx_footer_counts_pages_and_document_is_german():
    _plan, report = make_boeblingen_plan()

    document = read(render_docx(bilanz_data(report)))

    section = document.sections[0]
    assert section.different_first_page_header_footer
    footer_xml = section.footer._element.xml
    assert "Seite " in section.footer.paragraphs[0].text
    assert " von " in section.footer.paragraphs[0].text
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert document.core_properties.title.startswith("Bilanz – Integrationsplan")
    assert document.core_properties.language == "de-DE"
    normal = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "de-DE"
