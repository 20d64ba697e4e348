"""The brochure in three formats from one `brochure_data` dict: HTML (the same template the
back office shows), DOCX (for the office to edit) and a tagged PDF (PDF/UA-1) set by Typst."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.template.loader import render_to_string

from teilhabe.reports.docx import set_language, use_font
from teilhabe.reports.typst_engine import compile_typst

TEMPLATE = Path(__file__).parent / "brochure.typ"


def render_html(data: dict) -> bytes:
    return render_to_string("practices/brochure/document.html", {"brochure": data}).encode()


def render_pdf(data: dict) -> bytes:
    return compile_typst(
        TEMPLATE,
        {"data": json.dumps(data, ensure_ascii=False)},
        format="pdf",
        pdf_standards=["ua-1"],
    )


def render_docx(data: dict) -> bytes:
    # Imported when a document is written, not with the views: a web worker that serves pages
    # does without python-docx (and lxml), ~7 MB.
    from docx import Document
    from docx.shared import Pt

    document = Document()
    use_font(document.styles["Normal"], size=10.5)
    set_language(document.styles["Normal"])
    document.core_properties.title = data["title"]
    document.core_properties.author = data["organization"]
    document.add_paragraph(data["organization"])
    document.add_heading(data["title"], level=0)
    if data["year"]:
        document.add_paragraph(data["year"])
    if data["foreword"]:
        document.add_heading("Vorwort", level=1)
        for text in data["foreword"]:
            document.add_paragraph(text)
        if data["foreword_by"]:
            document.add_paragraph(data["foreword_by"])
    for group in data["groups"]:
        document.add_heading(group["heading"], level=1)
        for practice in group["practices"]:
            _practice_docx(document, practice)
    for style in ("Heading 1", "Heading 2", "Heading 3"):
        document.styles[style].font.size = Pt(
            {"Heading 1": 16, "Heading 2": 14, "Heading 3": 11.5}[style]
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _practice_docx(document, practice: dict) -> None:
    """One practice on its own page."""
    from docx.enum.text import WD_BREAK

    document.add_heading(practice["title"], level=2)
    if practice["summary"]:
        document.add_paragraph().add_run(practice["summary"]).italic = True
    labelled = [(fact["label"], fact["value"]) for fact in practice["facts"]]
    if practice["partners"]:
        labelled.append(("Partner", "; ".join(practice["partners"])))
    for label, value in labelled:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    for section in practice["sections"]:
        document.add_heading(section["heading"], level=3)
        for text in section["paragraphs"]:
            document.add_paragraph(text)
    if practice["contact"]:
        paragraph = document.add_paragraph()
        paragraph.add_run("Kontakt: ").bold = True
        paragraph.add_run(practice["contact"])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


FORMATS = {
    "pdf": ("application/pdf", render_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "html": ("text/html; charset=utf-8", render_html),
}
