import io
import re

import pypdf
import pytest

from teilhabe.plans import services
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.render_pdf import render_bilanz_pdf, render_pdf

from .sample import make_boeblingen_plan


def pdf_text(pdf: bytes) -> str:
    """The text of all pages, with Typst's hyphenation undone and whitespace collapsed.

    The font's one hyphen glyph maps back to U+00AD, so a line-end soft hyphen joins the word
    and any other one was a real hyphen."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = text.replace("\u00ad\n", "").replace("\u00ad", "-").replace("-\n", "-")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


@pytest.mark.django_db
def test_pdf_has_the_structure_of_the_seed():
    _plan, report = make_boeblingen_plan()

    pdf = render_bilanz_pdf(report)
    text = pdf_text(pdf)

    assert pdf.startswith(b"%PDF-")
    for expected in (
        "Bilanz",
        "Integrationsplan des Landkreises Böblingen",
        "Landkreis Böblingen",
        "Stand 20. Februar 2017",
        "Entwurf – nicht veröffentlicht",
        "Überblick",
        "Ende 2014 wurde der erste Integrationsplan",
        "Fortschritt des Plans: 45 %",
        "Fortschritt = gewichteter Mittelwert der Maßnahmen",
        "Veränderungen seit der Bilanz vom 1. Februar 2016",
        "1. Aufbrechen und Ankommen",
        "„Hier bin ich“",
        "„Dialog statt Diagnose“",
        "Ziele Aufgaben/Beschreibung Umsetzung",
        "Ausschreibung erfolgt im Februar 2017 – Maßnahme in Arbeit",
        "in Umsetzung (50 %)",
        "Umsetzung nicht möglich",
        "Beispiele aus dem Landkreis zum Handlungsfeld „Aufbrechen und Ankommen“:",
        "Die Caritas Sindelfingen hält einen ehrenamtlichen Dolmetscher-Pool vor.",
        "(Amt für soziale Dienste)",
        "Ausblick – Weiteres Vorgehen",
        "am 29. März 2017 eingeladen",
        "Seite 1 von",
    ):
        assert expected in text, expected
    assert text.index("1. Aufbrechen und Ankommen „Hier bin ich“") < text.index(
        "4. Religion „Dialog"
    )
    assert text.index("4. Religion „Dialog") < text.index("Ausblick – Weiteres Vorgehen")


@pytest.mark.django_db
def test_pdf_is_tagged_german_and_titled():
    _plan, report = make_boeblingen_plan(published=True)

    reader = pypdf.PdfReader(io.BytesIO(render_bilanz_pdf(report)))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert str(root["/Lang"]).startswith("de")
    assert reader.metadata.title == (
        "Bilanz – Integrationsplan des Landkreises Böblingen, Stand 20. Februar 2017"
    )
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    # PDF/UA-1 identifies itself in the XMP metadata.
    assert b"pdfuaid:part" in root["/Metadata"].get_data()


@pytest.mark.django_db
def test_a_published_pdf_is_not_marked_as_draft_and_does_not_change():
    _plan, report = make_boeblingen_plan(published=True)

    first, second = render_bilanz_pdf(report), render_bilanz_pdf(report)

    assert "Entwurf" not in pdf_text(first)
    assert first == second


@pytest.mark.django_db
def test_text_from_the_database_is_never_typst_markup(plan_setup):
    report = plan_setup["report"]
    field = report.plan.fields.get(number=1)
    services.field_update(
        field=field,
        version=field.version,
        title='#panic("nein") *fett* $x$ <label> @ref',
        motto="#sys.inputs",
        by=None,
    )

    text = pdf_text(render_pdf(bilanz_data(report), attachment="Anlage 1"))

    assert '#panic("nein") *fett* $x$ <label> @ref' in text
    assert "„#sys.inputs“" in text
    assert "Anlage 1" in text
