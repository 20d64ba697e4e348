"""Read a Bilanz (dated progress report of an Integrationsplan) into plain dataclasses.

The layout follows the Bilanz of Landkreis Böblingen (Stand 20. Februar 2017): a title page
with the date ("Böblingen, Stand 20. Februar 2017"), an introduction naming the fields of
action with their mottos ("**1. Aufbrechen und Ankommen** („Hier bin ich“)"), then for each
field a section "Im Handlungsfeld 1. …" with prose, a table "Ziele | Aufgaben/Beschreibung |
Umsetzung" and a list "Beispiele aus dem Landkreis …", and finally "Ausblick – Weiteres
Vorgehen". Text, DOCX and PDF files are first read into the same blocks (see ``blocks``);
everything below works on those blocks and so treats the three formats alike.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from teilhabe.documents.blocks import Block, Paragraph, Row, text_blocks
from teilhabe.documents.docx_blocks import docx_blocks
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.formats import DocumentFormat, decode_text, detect_format
from teilhabe.documents.pdf_blocks import pdf_blocks
from teilhabe.documents.status import ParsedStatus, parse_status
from teilhabe.documents.textutil import (
    clean_text,
    ends_mid_sentence,
    join_broken,
    starts_lowercase,
)


@dataclass(frozen=True)
class BilanzRow:
    """One row of a field's table: a goal or measure, what was done, and its status."""

    title: str
    description: str
    status: ParsedStatus


# "In Sindelfingen wird …", "Die Kreisstadt Böblingen veranstaltete …"; a place name may
# have a lower-case middle ("Weil der Stadt"). A preposition after the noun shows a phrase,
# not a place: "In Zusammenarbeit mit …", "In Form von …".
_PLACE = re.compile(
    r"^(?:In|Die (?:Stadt|Kreisstadt|Gemeinde)|Der Landkreis)\s+"
    r"([A-ZÄÖÜ][\w.-]*+(?:\s+(?:der|im|am|an der|ob der)\s+[A-ZÄÖÜ][\w.-]*+)?)"
    r"(?!\s+(?:mit|von|vom|zu|zum|zur|der|des|auf|an|über|für)\b)"
)
# A closing parenthesis names the provider, unless it gives an example: "(Bsp. PC-Kurse)".
_PROVIDER = re.compile(r"\(([^()]+)\)\.?$")
_NOT_A_PROVIDER = re.compile(r"^(?:bsp\.|z\.\s?b\.|u\.\s?a\.|vgl\.|etwa\b|siehe\b|s\.\s)", re.I)


@dataclass(frozen=True)
class BilanzExample:
    """A good-practice example; ``place`` and ``provider`` are best guesses, often empty."""

    text: str
    place: str = ""
    provider: str = ""

    @classmethod
    def from_text(cls, text: str) -> "BilanzExample":
        """An example whose place is guessed from its start ("In Sindelfingen …") and whose
        provider from a closing parenthesis ("… (Amt für soziale Dienste)")."""
        place = _PLACE.match(text)
        provider = _PROVIDER.search(text)
        if provider and _NOT_A_PROVIDER.match(provider.group(1).strip()):
            provider = None
        return cls(
            text=text,
            place=place.group(1).rstrip(".") if place else "",
            provider=provider.group(1).strip() if provider else "",
        )


@dataclass(frozen=True)
class BilanzField:
    """A field of action with its goals; ``page_range`` gives the pages of the plan itself."""

    number: int
    title: str
    motto: str
    recommendation_count: int | None
    page_range: tuple[int, int] | None
    introduction: str
    goals: list[BilanzRow]
    examples: list[BilanzExample]


@dataclass(frozen=True)
class BilanzDocument:
    """A whole Bilanz; ``introduction`` and ``outlook`` are paragraphs separated by blank lines."""

    title: str
    subtitle: str
    as_of: date
    introduction: str
    outlook: str
    fields: list[BilanzField]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "as_of": self.as_of.isoformat(),
            "introduction": self.introduction,
            "outlook": self.outlook,
            "fields": [_field_json(field) for field in self.fields],
        }


def _field_json(field: BilanzField) -> dict[str, Any]:
    return {
        "number": field.number,
        "title": field.title,
        "motto": field.motto,
        "recommendation_count": field.recommendation_count,
        "page_range": list(field.page_range) if field.page_range else None,
        "introduction": field.introduction,
        "goals": [
            {
                "title": goal.title,
                "description": goal.description,
                "status": {
                    "key": goal.status.key.value,
                    "percent": goal.status.percent,
                    "text": goal.status.text,
                },
            }
            for goal in field.goals
        ],
        "examples": [
            {"text": example.text, "place": example.place, "provider": example.provider}
            for example in field.examples
        ],
    }


def parse_bilanz(data: bytes, filename: str = "") -> BilanzDocument:
    """Read a Bilanz from a PDF, DOCX or UTF-8 text file, recognised by its content."""
    document_format = detect_format(data, filename)
    if document_format is DocumentFormat.PDF:
        return parse_bilanz_pdf(data)
    if document_format is DocumentFormat.DOCX:
        return parse_bilanz_docx(data)
    return parse_bilanz_text(decode_text(data, filename))


def parse_bilanz_blocks(blocks: list[Block]) -> BilanzDocument:
    """Read a Bilanz from blocks already read from a file (see ``progress_report``)."""
    return _parse_blocks(blocks)


def parse_bilanz_text(text: str) -> BilanzDocument:
    return _parse_blocks(text_blocks(text))


def parse_bilanz_docx(data: bytes) -> BilanzDocument:
    return _parse_blocks(docx_blocks(data))


def parse_bilanz_pdf(data: bytes) -> BilanzDocument:
    return _parse_blocks(pdf_blocks(data))


# --- the document as a whole -------------------------------------------------------------

_SECTION = re.compile(r"^Im Handlungsfeld\s+(\d{1,3})\s*\.")
_OUTLOOK = re.compile(r"^Ausblick\b")
_ANNEX = re.compile(r"^Anlage\b")


def _parse_blocks(blocks: list[Block]) -> BilanzDocument:
    if not blocks:
        raise DocumentError("Das Dokument enthält keinen Text.")
    date_index, as_of = _find_as_of(blocks)
    title, subtitle = _title_and_subtitle(blocks[:date_index])
    introduction, sections, outlook = _split_body(blocks[date_index + 1 :])
    overview = _field_overview(introduction)
    fields = [_parse_field(section, overview) for section in sections]
    _check_fields_match_overview(fields, overview)
    return BilanzDocument(
        title=title,
        subtitle=subtitle,
        as_of=as_of,
        introduction=_prose(introduction),
        outlook=_prose(outlook),
        fields=fields,
    )


_MONTH_NAMES = "januar februar märz april mai juni juli august september oktober november dezember"
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)} | {
    "jänner": 1,
    "maerz": 3,
}
_AS_OF = re.compile(r"\bStand:?\s+(\d{1,2})\.\s*(?:(\d{1,2})\.|([^\W\d_]+))\s*(\d{4})\b")


def _find_as_of(blocks: list[Block]) -> tuple[int, date]:
    """The index of the "Stand 20. Februar 2017" paragraph, and that date."""
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        text = clean_text(block.text)
        if _SECTION.match(text):
            break
        match = _AS_OF.search(text)
        if match:
            return index, _as_of_date(match, block)
    raise DocumentError(
        "Kein Stand-Datum vor dem ersten Handlungsfeld gefunden "
        "(erwartet z. B. „Böblingen, Stand 20. Februar 2017“)."
    )


def _as_of_date(match: re.Match[str], block: Paragraph) -> date:
    day, month_number, month_name, year = match.groups()
    month = int(month_number) if month_number else _MONTHS.get(month_name.casefold())
    if month is None:
        raise DocumentError(
            f"Unbekannter Monat „{month_name}“ im Stand-Datum.", block.line, label=block.label
        )
    try:
        return date(int(year), month, int(day))
    except ValueError as error:
        raise DocumentError(
            f"Ungültiges Stand-Datum „{match.group(0)}“.", block.line, label=block.label
        ) from error


def _title_and_subtitle(front_matter: list[Block]) -> tuple[str, str]:
    """The first heading of the title page ("Bilanz") and the line after it.

    Labels like "Anlage 1" are skipped; names of the authors further down are not kept.
    """
    lines = [
        text
        for block in front_matter
        if isinstance(block, Paragraph)
        and (text := clean_text(block.text))
        and not _ANNEX.match(text)
    ]
    return (lines[0] if lines else "", lines[1] if len(lines) > 1 else "")


@dataclass(frozen=True)
class _Section:
    number: int
    heading: Paragraph
    blocks: list[Block]


def _split_body(blocks: list[Block]) -> tuple[list[Paragraph], list[_Section], list[Paragraph]]:
    """Cut the body into the introduction, one section per field, and the outlook."""
    introduction: list[Paragraph] = []
    sections: list[_Section] = []
    outlook: list[Paragraph] | None = None
    for block in blocks:
        text = clean_text(block.text) if isinstance(block, Paragraph) else ""
        if outlook is None and isinstance(block, Paragraph):
            if match := _SECTION.match(text):
                number = int(match.group(1))
                if any(section.number == number for section in sections):
                    raise _error(block, f"Handlungsfeld {number} kommt zweimal vor.")
                sections.append(_Section(number, block, [block]))
                continue
            if _OUTLOOK.match(text):
                outlook = []
                continue
        if outlook is not None:
            if isinstance(block, Row):
                raise _error(block, "Tabellenzeile im Ausblick, erwartet nur Text.")
            outlook.append(block)
        elif sections:
            sections[-1].blocks.append(block)
        elif isinstance(block, Row):
            raise _error(block, "Tabellenzeile vor dem ersten Handlungsfeld.")
        else:
            introduction.append(block)
    if not sections:
        raise DocumentError(
            "Keine Handlungsfelder gefunden (erwartet Abschnitte wie „Im Handlungsfeld 1. …“)."
        )
    return introduction, sections, outlook or []


# "**1. Aufbrechen und Ankommen** („Hier bin ich“)": number, title, motto in quotes.
_OVERVIEW_ENTRY = re.compile(
    r"(?<![\w.])(\d{1,3})\.\s+([^()„“”\"\d]+?)\s*\(\s*[„“”\"]([^„“”\"]+)[“”\"]\s*\)"
)


@dataclass(frozen=True)
class _OverviewEntry:
    title: str
    motto: str
    paragraph: Paragraph


def _field_overview(introduction: list[Paragraph]) -> dict[int, _OverviewEntry]:
    """Fields named in the introduction, by number; an introduction may name none."""
    overview: dict[int, _OverviewEntry] = {}
    for paragraph in introduction:
        for match in _OVERVIEW_ENTRY.finditer(clean_text(paragraph.text)):
            number = int(match.group(1))
            if number in overview:
                raise _error(
                    paragraph, f"Handlungsfeld {number} wird in der Übersicht zweimal genannt."
                )
            overview[number] = _OverviewEntry(match.group(2), match.group(3), paragraph)
    return overview


def _check_fields_match_overview(
    fields: list[BilanzField], overview: dict[int, _OverviewEntry]
) -> None:
    reported = {field.number for field in fields}
    for number, entry in overview.items():
        if number not in reported:
            raise _error(
                entry.paragraph,
                f"Handlungsfeld {number} „{entry.title}“ steht in der Übersicht, "
                "fehlt aber im Bericht.",
            )


# --- one field of action ----------------------------------------------------------------

# The title in bold right after the number, when the introduction does not list the fields:
# "Im Handlungsfeld 1. **Aufbrechen und Ankommen** …", "Im Handlungsfeld **5. Gesundheit** …".
_BOLD_TITLE = re.compile(r"^Im Handlungsfeld\s+(?:\*\*)?\s*\d+\s*\.\s*(?:\*\*)?\s*(.+?)\s*\*\*")
_EXAMPLES_HEADING = re.compile(r"^Beispiele aus\b")
_LIST_ITEM = re.compile(r"^[-–•]\s+")
_NUMBERS_IN_WORDS = "eine zwei drei vier fünf sechs sieben acht neun zehn elf zwölf"
_NUMBER_WORDS = {"ein": 1} | {
    word: number for number, word in enumerate(_NUMBERS_IN_WORDS.split(), start=1)
}
_COUNT = rf"\b(\d{{1,4}}|{'|'.join(_NUMBER_WORDS)})\s+"
_RECOMMENDATIONS = re.compile(_COUNT + r"(?:Handlungs)?empfehlungen\b", re.IGNORECASE)
_MEASURES = re.compile(_COUNT + r"Maßnahmen\b", re.IGNORECASE)
_PAGES = re.compile(r"\b(?:Seiten?|S\.)\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?\b")


def _parse_field(section: _Section, overview: dict[int, _OverviewEntry]) -> BilanzField:
    title, motto = _field_title_and_motto(section, overview)
    introduction, rows, examples = _split_section(section)
    prose = _prose(introduction)
    return BilanzField(
        number=section.number,
        title=title,
        motto=motto,
        recommendation_count=_recommendation_count(prose),
        page_range=_page_range(prose),
        introduction=prose,
        goals=_table_rows(rows),
        examples=_examples(examples),
    )


def _field_title_and_motto(
    section: _Section, overview: dict[int, _OverviewEntry]
) -> tuple[str, str]:
    if entry := overview.get(section.number):
        return entry.title, entry.motto
    if match := _BOLD_TITLE.match(section.heading.text):
        title = clean_text(match.group(1)).rstrip(".")
        if title:
            return title, ""
    raise _error(
        section.heading,
        f"Titel von Handlungsfeld {section.number} nicht gefunden: er steht weder in der "
        "Übersicht der Einleitung noch fett gedruckt nach der Nummer.",
    )


def _split_section(section: _Section) -> tuple[list[Paragraph], list[Row], list[Paragraph]]:
    """The prose before the table, the table's rows, and the paragraphs of the examples."""
    introduction: list[Paragraph] = []
    rows: list[Row] = []
    examples: list[Paragraph] | None = None
    for block in section.blocks:
        if isinstance(block, Row):
            if examples is not None:
                raise _error(block, "Tabellenzeile nach den Beispielen.")
            _check_cell_count(block)
            if not rows and not _is_header(block):
                raise _error(
                    block,
                    "Tabellenzeile ohne Kopfzeile „Ziele | Aufgaben/Beschreibung | Umsetzung“.",
                )
            rows.append(block)
        elif _EXAMPLES_HEADING.match(clean_text(block.text)) and examples is None:
            examples = []
        elif examples is not None:
            examples.append(block)
        elif rows:
            raise _error(
                block,
                "Unerwarteter Text nach der Tabelle; erwartet „Beispiele aus dem Landkreis …“, "
                "das nächste Handlungsfeld oder den Ausblick.",
            )
        elif _HEADER_AS_TEXT.match(clean_text(block.text)):
            # Without this the goals would silently go missing, read as introduction.
            raise _error(
                block,
                "Die Tabellenköpfe stehen als Text da, nicht als Tabelle: Spalten nicht "
                "erkennbar (fehlen Tabulatoren oder Tabellenlinien?).",
            )
        else:
            introduction.append(block)
    return introduction, rows, examples or []


def _recommendation_count(prose: str) -> int | None:
    """ "(20 Empfehlungen)"; failing that "sechs Zielen und 27 Maßnahmen"."""
    match = _RECOMMENDATIONS.search(prose) or _MEASURES.search(prose)
    if match is None:
        return None
    count = match.group(1)
    return int(count) if count.isdigit() else _NUMBER_WORDS[count.casefold()]


def _page_range(prose: str) -> tuple[int, int] | None:
    """ "(Integrationsplan Seiten 13-15)", "S. 36-42": the pages of the plan on this field."""
    match = _PAGES.search(prose)
    if match is None:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return (first, last) if first <= last else None


# --- the table ----------------------------------------------------------------------------

COLUMNS = ("Ziele", "Aufgaben/Beschreibung", "Umsetzung")
_HEADER = (re.compile(r"^ziele?\b"), re.compile(r"^aufgaben?\b"), re.compile(r"^umsetzung\b"))
_SEPARATOR = re.compile(r"^:?-{3,}:?$")
_HEADER_AS_TEXT = re.compile(r"^ziele?\s+aufgaben\s*/\s*beschreibung\s+umsetzung$", re.I)


def _check_cell_count(row: Row) -> None:
    cells = _trimmed_cells(row)
    if len(cells) != len(COLUMNS):
        raise _error(
            row,
            f"Tabellenzeile mit {len(COLUMNS)} Spalten erwartet ({' | '.join(COLUMNS)}), "
            f"gefunden: {len(cells)}.",
        )


def _trimmed_cells(row: Row) -> list[str]:
    """The row's cells without empty ones beyond the last column (left by some exports)."""
    cells = list(row.cells)
    while len(cells) > len(COLUMNS) and not cells[-1].strip():
        cells.pop()
    return cells


def _is_header(row: Row) -> bool:
    cells = [clean_text(cell).casefold() for cell in _trimmed_cells(row)]
    return all(pattern.match(cell) for pattern, cell in zip(_HEADER, cells, strict=True))


def _is_separator(cells: list[str]) -> bool:
    return all(_SEPARATOR.match(cell) for cell in cells)


def _table_rows(rows: list[Row]) -> list[BilanzRow]:
    """Table rows as goals, with rows that a page break cut in two joined again."""
    joined: list[tuple[Row, list[str]]] = []
    # A header repeated at the top of a page stands between a row and its rest.
    after_break = False
    for row in rows:
        cells = [clean_text(cell) for cell in _trimmed_cells(row)]
        after_break = after_break or row.after_break
        if _is_header(row) or _is_separator(cells) or not any(cells):
            continue
        if joined and _continues_previous(joined[-1][1], cells, after_break):
            previous = joined[-1][1]
            previous[:] = [join_broken(a, b) for a, b in zip(previous, cells, strict=True)]
        elif not cells[0]:
            raise _error(row, "Tabellenzeile ohne Ziel (erste Spalte leer).")
        else:
            joined.append((row, cells))
        after_break = False
    return [_goal(row, cells) for row, cells in joined]


def _continues_previous(previous: list[str], cells: list[str], after_break: bool) -> bool:
    """Whether ``cells`` are the rest of the ``previous`` row, cut off by a page break.

    A row without a goal always is. After a page break, so is a row whose goal or description
    starts in lower case ("am Mitwirken zu wecken."), or that follows a goal or description
    ending mid-sentence ("Umsetzung nicht möglich,"). Status cells are not looked at: a new
    row may well say "umgesetzt", and many statuses end without a full stop.
    """
    if not cells[0]:
        return True
    if not after_break:
        return False
    return any(starts_lowercase(cell) for cell in cells[:2]) or any(
        ends_mid_sentence(cell) for cell in previous[:2]
    )


def _goal(row: Row, cells: list[str]) -> BilanzRow:
    title, description, status = cells
    try:
        parsed = parse_status(status)
    except DocumentError as error:
        raise _error(row, error.message) from error
    return BilanzRow(title=title, description=description, status=parsed)


# --- examples and prose -------------------------------------------------------------------


def _examples(paragraphs: list[Paragraph]) -> list[BilanzExample]:
    """List items; a paragraph that is not an item continues the item a page break cut."""
    texts: list[str] = []
    for paragraph in paragraphs:
        text = clean_text(paragraph.text)
        item = _LIST_ITEM.sub("", text)
        if texts and item == text:
            texts[-1] = join_broken(texts[-1], text)
        elif item:
            texts.append(item)
    return [BilanzExample.from_text(text) for text in texts]


def _prose(paragraphs: list[Paragraph]) -> str:
    """Paragraphs separated by blank lines, with paragraphs cut by a page break joined again.

    A paragraph is the rest of the one before when it starts in lower case ("dass die
    Einrichtungen …") or the one before ends mid-sentence ("… darauf geachtet,").
    """
    merged: list[str] = []
    for paragraph in paragraphs:
        text = clean_text(paragraph.text)
        if not text:
            continue
        if merged and (starts_lowercase(text) or ends_mid_sentence(merged[-1])):
            merged[-1] = join_broken(merged[-1], text)
        else:
            merged.append(text)
    return "\n\n".join(merged)


def _error(block: Block, message: str) -> DocumentError:
    return DocumentError(message, block.line, label=block.label)
