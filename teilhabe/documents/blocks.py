"""The common shape every document format is read into before a Bilanz is recognised in it.

Text, DOCX and PDF files differ in how they store paragraphs and tables, but once read they
are the same sequence of paragraphs and table rows. Each block remembers where it came from
(``label`` and ``line``) for error messages; a row also knows whether a page break came
right before it, because such a row may be the rest of the row before it.
"""

import re
from dataclasses import dataclass

TEXT_LINE = "Zeile"


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    label: str = TEXT_LINE


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    line: int
    label: str = TEXT_LINE
    after_break: bool = False


Block = Paragraph | Row


# A line of a plain-text table written with bars ("Nr. | Maßnahme | Stand", "| 1 | … |"): at
# least two bars, so that a single "|" in prose stays prose.
MIN_BARS = 2
# The rule under such a header ("---|---", "|:---|---:|"): no content, only drawn.
RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _bar_cells(line: str, outer: bool) -> tuple[str, ...]:
    """The cells of a bar row. With `outer` bars ("| a | b |") the text before the first and
    after the last bar is no cell; without them, " | b" is an empty first cell. Whether a
    table has outer bars is decided by its first row (a header is never empty at its ends)."""
    cells = [cell.strip() for cell in line.split("|")]
    if outer:
        cells = cells[1:] if line.lstrip().startswith("|") else cells
        cells = cells[:-1] if line.rstrip().endswith("|") else cells
    return tuple(cells)


def text_blocks(text: str) -> list[Block]:
    """Blocks of a text export: tab-separated lines are table rows, and so are lines with
    cells between bars (a table typed or exported as plain text); other lines are paragraphs.

    Blank lines separate paragraphs and, inside a table, mark a page break, as does a form
    feed (what ``pdftotext`` writes between pages). A line without tabs that directly follows
    a table row is read as a row with a single cell, so that a row which lost its tabs is
    reported instead of silently ending the table.
    """
    blocks: list[Block] = []
    after_break = False
    outer_bars = False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw
        if "\f" in line:
            after_break = True
            line = line.replace("\f", "")
        if not line.strip():
            after_break = True
            continue
        in_table = bool(blocks) and isinstance(blocks[-1], Row) and not after_break
        if "\t" not in line and RULE.match(line):
            continue  # the drawn rule under a header row carries nothing
        if "\t" not in line and line.count("|") >= MIN_BARS:
            if not in_table:
                outer_bars = line.lstrip().startswith("|")
            blocks.append(Row(_bar_cells(line, outer_bars), number, after_break=after_break))
        elif "\t" in line or in_table:
            blocks.append(Row(tuple(line.split("\t")), number, after_break=after_break))
        else:
            blocks.append(Paragraph(line.strip(), number))
        after_break = False
    return blocks
