"""Read a Word document (DOCX) into blocks with Word's list numbers and bullets written out.

``docx_blocks`` marks every list paragraph alike ("- "), because a Bilanz needs no more. A
recommendation list does: Word's automatic numbering ("1.", "2.", "a)") is what makes a
paragraph a recommendation or a lettered sub-item, and a bullet is a bullet. Here each list
paragraph starts with the label Word would show — its number or letter in the level's format
("1.", "a)", "II.") or "•" for a bullet — counted per list as Word counts it.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from teilhabe.documents.blocks import Block, Paragraph, Row
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.limits import check_zip_bytes

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]
_MAX_LEVELS = 9


def docx_list_blocks(data: bytes) -> list[Block]:
    """Paragraphs (list paragraphs with their Word label) and table rows of a DOCX file."""
    # Imported when a Word document is read, not with the views: a web worker that serves pages
    # does without python-docx (and lxml), ~7 MB.
    import docx

    check_zip_bytes(data, what="Die Word-Datei (DOCX)")
    try:
        document = docx.Document(io.BytesIO(data))
        return list(_blocks(document, _Numbering(document)))
    # python-docx, zipfile and lxml raise many unrelated exception types for damaged files;
    # to the user each of them means the same: this file cannot be read.
    except Exception as error:
        raise DocumentError(
            "Die Word-Datei (DOCX) kann nicht gelesen werden: sie ist beschädigt, unvollständig oder "
            "keine echte DOCX-Datei. Bitte speichern Sie sie in Word oder LibreOffice neu."
        ) from error


def _blocks(document: Any, numbering: "_Numbering") -> Iterator[Block]:
    from docx.table import Table

    paragraph_number = 0
    table_number = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_number += 1
            label = f"Tabelle {table_number}, Zeile"
            for row_number, row in enumerate(item.rows, start=1):
                yield Row(tuple(cell.text for cell in row.cells), row_number, label=label)
            continue
        paragraph_number += 1
        mark = numbering.label(item)
        text = item.text
        if not text.strip():
            continue
        yield Paragraph(f"{mark} {text}" if mark else text, paragraph_number, label="Absatz")


@dataclass
class _Level:
    number_format: str
    text: str
    start: int


@dataclass
class _Numbering:
    """Word's list definitions of one document and the counters of its lists."""

    document: Any
    counters: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            self.root = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            self.root = None

    def label(self, paragraph: Any) -> str:
        """The label Word shows before ``paragraph``; empty for a paragraph outside a list."""
        if self.root is None:
            return ""
        found = _list_of(paragraph)
        if found is None:
            return ""
        num_id, level_index, style_id = found
        levels = self._levels(num_id)
        if levels is None:
            return ""
        if level_index is None:
            level_index = next(
                (index for index, level in levels.items() if level[1] == style_id), 0
            )
        if level_index not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * _MAX_LEVELS)
        definitions = {index: level for index, (level, _) in levels.items()}
        if not 0 <= level_index < _MAX_LEVELS:
            return ""
        for index in range(level_index + 1, _MAX_LEVELS):
            counters[index] = 0
        current = definitions[level_index]
        counters[level_index] = (counters[level_index] or current.start - 1) + 1
        if current.number_format == "bullet":
            return "•"
        if current.number_format == "none":
            return ""
        text = current.text
        for index in range(level_index + 1):
            level = definitions.get(index)
            value = counters[index] or (level.start if level else 1)
            number_format = level.number_format if level else "decimal"
            text = text.replace(f"%{index + 1}", _formatted(value, number_format))
        return text.strip()

    def _levels(self, num_id: str) -> dict[int, tuple[_Level, str]] | None:
        nums = self.root.findall(f"{_W}num")
        num = next((n for n in nums if n.get(f"{_W}numId") == num_id), None)
        if num is None:
            return None
        abstract_ref = num.find(f"{_W}abstractNumId")
        if abstract_ref is None:
            return None
        abstract_id = abstract_ref.get(f"{_W}val")
        abstract = next(
            (
                element
                for element in self.root.findall(f"{_W}abstractNum")
                if element.get(f"{_W}abstractNumId") == abstract_id
            ),
            None,
        )
        if abstract is None:
            return None
        overrides = {
            override.get(f"{_W}ilvl"): override.find(f"{_W}startOverride")
            for override in num.findall(f"{_W}lvlOverride")
        }
        levels: dict[int, tuple[_Level, str]] = {}
        for lvl in abstract.findall(f"{_W}lvl"):
            index = _int(lvl.get(f"{_W}ilvl"), 0)
            start_override = overrides.get(lvl.get(f"{_W}ilvl"))
            start_element = start_override if start_override is not None else lvl.find(f"{_W}start")
            levels[index] = (
                _Level(
                    number_format=_value(lvl, "numFmt") or "decimal",
                    text=_value(lvl, "lvlText") or "",
                    start=_int(
                        start_element.get(f"{_W}val") if start_element is not None else None, 1
                    ),
                ),
                _value(lvl, "pStyle") or "",
            )
        return levels


def _list_of(paragraph: Any) -> tuple[str, int | None, str] | None:
    """(numId, level or None when the style decides it, style id) of a list paragraph."""
    style = paragraph.style
    style_id = style.style_id if style is not None else ""
    properties = paragraph._p.pPr
    num_pr = properties.numPr if properties is not None else None
    while num_pr is None and style is not None:
        style_properties = style.element.pPr
        num_pr = style_properties.numPr if style_properties is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    num_id = str(num_pr.numId.val)
    if num_id == "0":  # numbering switched off
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else None
    return num_id, level, style_id


def _value(element: Any, name: str) -> str | None:
    child = element.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _formatted(value: int, number_format: str) -> str:
    if number_format in {"lowerLetter", "upperLetter"}:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in {"lowerRoman", "upperRoman"}:
        roman = ""
        rest = value
        for amount, digits in _ROMAN:
            while rest >= amount:
                roman += digits
                rest -= amount
        return roman.upper() if number_format == "upperRoman" else roman
    return str(value)
