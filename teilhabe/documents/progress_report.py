"""Read any progress report: the Böblingen Bilanz layout, or a progress table of any shape.

A document with sections "Im Handlungsfeld 1. …" is read by ``bilanz`` (seed 002's layout, with
its examples and prose); every other document by ``progress_table``, which finds the table of
measures by its header row.
"""

import re

from teilhabe.documents.bilanz import BilanzDocument, parse_bilanz_blocks
from teilhabe.documents.blocks import Block, Paragraph, text_blocks
from teilhabe.documents.docx_blocks import docx_blocks
from teilhabe.documents.formats import DocumentFormat, decode_text, detect_format
from teilhabe.documents.pdf_blocks import pdf_blocks
from teilhabe.documents.progress_table import ProgressTable, TableMapping, read_progress_table
from teilhabe.documents.textutil import clean_text

_BILANZ_SECTION = re.compile(r"^Im Handlungsfeld\s+(?:\*\*)?\s*\d{1,3}\s*\.")


def document_blocks(data: bytes, filename: str = "") -> list[Block]:
    """The paragraphs and table rows of a PDF, DOCX or UTF-8 text file."""
    document_format = detect_format(data, filename)
    if document_format is DocumentFormat.PDF:
        return pdf_blocks(data)
    if document_format is DocumentFormat.DOCX:
        return docx_blocks(data)
    return text_blocks(decode_text(data, filename))


def is_bilanz_layout(blocks: list[Block]) -> bool:
    return any(
        isinstance(block, Paragraph) and _BILANZ_SECTION.match(clean_text(block.text))
        for block in blocks
    )


def read_progress_report(
    data: bytes, filename: str = "", mapping: TableMapping | None = None
) -> BilanzDocument | ProgressTable:
    """The report in ``data``; a saved ``mapping`` makes it a table read with that mapping."""
    blocks = document_blocks(data, filename)
    if mapping is None and is_bilanz_layout(blocks):
        return parse_bilanz_blocks(blocks)
    return read_progress_table(blocks, mapping)


def read_table(
    data: bytes, filename: str = "", mapping: TableMapping | None = None
) -> ProgressTable:
    """The progress table in ``data``, whatever the layout around it."""
    return read_progress_table(document_blocks(data, filename), mapping)
