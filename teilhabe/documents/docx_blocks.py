"""Read a Word document (DOCX) into blocks: its body's paragraphs and table rows, in order."""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from teilhabe.documents.blocks import Block, Paragraph, Row
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.limits import check_zip_bytes

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph as DocxParagraph


def docx_blocks(data: bytes) -> list[Block]:
    """Paragraphs (list items marked "- ", bold as "**…**") and table rows of a DOCX file."""
    # Imported when a Word document is read, not with the views: a web worker that serves pages
    # does without python-docx (and lxml), ~7 MB.
    import docx

    check_zip_bytes(data, what="Die Word-Datei (DOCX)")
    try:
        return list(_body_blocks(docx.Document(io.BytesIO(data))))
    # python-docx, zipfile and lxml raise many unrelated exception types for damaged files;
    # to the user each of them means the same: this file cannot be read.
    except Exception as error:
        # The library's own words are English and technical; they stay in the chained exception.
        raise DocumentError(
            "Die Word-Datei (DOCX) kann nicht gelesen werden: sie ist beschädigt, unvollständig oder "
            "keine echte DOCX-Datei. Bitte speichern Sie sie in Word oder LibreOffice neu."
        ) from error


def _body_blocks(document) -> Iterator[Block]:
    from docx.table import Table

    paragraph_number = 0
    table_number = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_number += 1
            label = f"Tabelle {table_number}, Zeile"
            for row_number, row in enumerate(item.rows, start=1):
                yield Row(tuple(cell.text for cell in row.cells), row_number, label=label)
        else:
            paragraph_number += 1
            text = _paragraph_text(item)
            if text.strip():
                yield Paragraph(text, paragraph_number, label="Absatz")


def _paragraph_text(paragraph: DocxParagraph) -> str:
    from docx.text.run import Run

    # Bold is kept as "**…**", as in text exports: it marks a field's title when the
    # introduction does not list the fields.
    pieces = [
        (item.text, isinstance(item, Run) and bool(item.bold))
        for item in paragraph.iter_inner_content()
    ]
    text = ""
    for bold, group in groupby(pieces, key=itemgetter(1)):
        run_text = "".join(piece_text for piece_text, _ in group)
        text += f"**{run_text}**" if bold and run_text.strip() else run_text
    return f"- {text}" if _is_list_item(paragraph) else text


def _is_list_item(paragraph: DocxParagraph) -> bool:
    # python-docx has no public API for numbering; a list item either uses a list style or
    # carries numbering properties of its own.
    properties = paragraph._p.pPr
    has_numbering = properties is not None and properties.numPr is not None
    style_name = paragraph.style.name if paragraph.style is not None else None
    return has_numbering or "List" in (style_name or "")
