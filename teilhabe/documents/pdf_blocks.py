"""Read a PDF into blocks: paragraphs rebuilt from text lines, tables from their ruling lines.

pdfplumber finds each page's part of a table from the lines drawn around its cells; a row
that a page break cut in two arrives as two rows, the second marked ``after_break``, and is
joined again by the Bilanz parser. Paragraphs are rebuilt from the gaps between lines; a
paragraph that runs on to the next page is joined here, where the layout shows it: the
first word of the new page would have fitted on the last line of the old one otherwise.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import reduce
from itertools import pairwise
from typing import TYPE_CHECKING

from teilhabe.documents.blocks import Block, Paragraph, Row
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.limits import check_pdf
from teilhabe.documents.textutil import join_broken, normalize_space

if TYPE_CHECKING:
    from pdfplumber.page import Page

PAGE = "Seite"
# Bullets as Word and LibreOffice draw them: the Symbol font's private-use bullet and
# ordinary ones. Dashes are left out: a wrapped line may start with one ("– Maßnahme").
_BULLET = re.compile(r"^[\uf0b7•▪◦‣]\s*")
# Lines further apart than this many font sizes belong to different paragraphs: wrapped
# lines sit about 1.3 sizes apart, paragraphs with spacing after them about 1.9.
_PARAGRAPH_GAP = 1.6
# A page number sits in the outermost tenth of the page.
_MARGIN_SHARE = 0.1
# The width of a space in font sizes, in the sans-serif fonts reports use.
_SPACE_WIDTH = 0.28


@dataclass(frozen=True)
class _Line:
    text: str
    x1: float
    top: float
    size: float
    first_word_width: float

    @property
    def is_bullet(self) -> bool:
        return bool(_BULLET.match(self.text))


@dataclass(frozen=True)
class _TableRow:
    top: float
    cells: tuple[str, ...]


@dataclass(frozen=True)
class _Page:
    number: int
    right_edge: float
    items: list[_Line | _TableRow]


@dataclass
class _Text:
    """The lines of one paragraph, from the page where it starts."""

    page: int
    lines: list[_Line]


def pdf_blocks(data: bytes) -> list[Block]:
    """Paragraphs (list items marked "- ") and table rows of a PDF, page after page."""
    items: list[_Text | Row] = []
    previous_page: _Page | None = None
    for page in _read_pages(data):
        page_items = _page_items(page)
        last = items[-1] if items else None
        first = page_items[0] if page_items else None
        if (
            previous_page
            and isinstance(last, _Text)
            and isinstance(first, _Text)
            and _runs_on(last, first, previous_page.right_edge)
        ):
            last.lines.extend(first.lines)
            page_items.pop(0)
        items.extend(page_items)
        previous_page = page
    return [_block(item) for item in items]


def _read_pages(data: bytes) -> list[_Page]:
    # Imported when a PDF is read, not with the views: pdfplumber and pdfminer are ~20 MB
    # that a web worker serving pages never needs.
    import pdfplumber

    check_pdf(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    # pdfminer raises a wide range of exception types for damaged or truncated files (its
    # own syntax errors, but also KeyError, TypeError, zlib errors …); for the user each of
    # them means the same: this PDF cannot be read.
    except Exception as error:
        # The library's own words are English and technical; they stay in the chained exception.
        raise DocumentError(
            "Die PDF-Datei kann nicht gelesen werden: sie ist beschädigt, unvollständig oder keine "
            "echte PDF-Datei. Bitte speichern Sie sie neu als PDF oder laden Sie die Word-Fassung hoch."
        ) from error


def _read_page(page: Page, number: int) -> _Page:
    tables = page.find_tables()
    items: list[_Line | _TableRow] = []
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=True):
            texts = (_cell_text(cell) for cell in cells if cell is not None)
            items.append(_TableRow(row.bbox[1], tuple(texts)))
    outside_tables = page
    for table in tables:
        outside_tables = outside_tables.outside_bbox(table.bbox)
    lines = [
        line
        for raw in outside_tables.extract_text_lines(return_chars=True)
        if (line := _line(raw)) and not _is_page_number(line, page.height)
    ]
    items.extend(lines)
    items.sort(key=lambda item: item.top)
    right_edge = max((line.x1 for line in lines), default=page.width)
    return _Page(number, right_edge, items)


def _cell_text(cell: str) -> str:
    """A cell's lines as one text; a word broken at its hyphen is joined again."""
    return reduce(join_broken, (normalize_space(line) for line in cell.split("\n")), "")


def _line(raw: dict) -> _Line | None:
    text = normalize_space(raw["text"])
    chars = raw["chars"]
    if not text or not chars:
        return None
    return _Line(
        text=text,
        x1=raw["x1"],
        top=raw["top"],
        size=chars[0]["size"],
        first_word_width=_first_word_end(chars) - raw["x0"],
    )


def _first_word_end(chars: list[dict]) -> float:
    # Many PDFs position words without drawing spaces, so a word ends at a space character
    # or at a gap between two characters.
    for previous, char in pairwise(chars):
        gap = char["x0"] - previous["x1"]
        if char["text"].isspace() or gap > _SPACE_WIDTH * char["size"] / 2:
            return previous["x1"]
    return chars[-1]["x1"]


def _is_page_number(line: _Line, page_height: float) -> bool:
    in_margin = not (page_height * _MARGIN_SHARE < line.top < page_height * (1 - _MARGIN_SHARE))
    return in_margin and line.text.removeprefix("Seite ").isdigit()


def _page_items(page: _Page) -> list[_Text | Row]:
    """The page's table rows, and its lines grouped into paragraphs."""
    items: list[_Text | Row] = []
    for index, item in enumerate(page.items):
        if isinstance(item, _TableRow):
            items.append(Row(item.cells, page.number, label=PAGE, after_break=index == 0))
        elif items and isinstance(items[-1], _Text) and not _starts_paragraph(item, items[-1]):
            items[-1].lines.append(item)
        else:
            items.append(_Text(page.number, [item]))
    return items


def _starts_paragraph(line: _Line, text: _Text) -> bool:
    previous = text.lines[-1]
    return (
        line.is_bullet
        or abs(line.size - previous.size) > 0.5
        or line.top - previous.top > _PARAGRAPH_GAP * previous.size
    )


def _runs_on(previous: _Text, following: _Text, right_edge: float) -> bool:
    """Whether the paragraph ending one page goes on at the top of the next.

    It does if the next page's first word would not have fitted on the last line.
    """
    last, first = previous.lines[-1], following.lines[0]
    if first.is_bullet or abs(first.size - last.size) > 0.5:
        return False
    space = last.size * _SPACE_WIDTH
    return last.x1 + space + first.first_word_width > right_edge


def _block(item: _Text | Row) -> Block:
    if isinstance(item, Row):
        return item
    text = reduce(join_broken, (line.text for line in item.lines), "")
    if _BULLET.match(text):
        text = _BULLET.sub("- ", text, count=1)
    return Paragraph(text, item.page, label=PAGE)
