"""Read a table-based progress report (Umsetzungsbericht, Sachstandsbericht, Bilanz) of any shape.

Municipalities report on their plans in tables whose columns differ from town to town:
"Nr. | Maßnahme | Zeitraum | Priorität | Stand | Fortschritt", "Handlungsempfehlung | Zuständigkeit
| Sachstand | Ampel", "Ziele | Aufgaben/Beschreibung | Umsetzung" … This reader finds the table by
its header row, gives every column a role (``Role``), and reads the rows below it as measures,
grouped into fields of action by the headings around the table ("Handlungsfeld 3: Sprache",
"3. Sprache", "Masterplan 6 – …") or by group rows inside it. Status cells are read with the
document's own vocabulary: a legend ("U = umgesetzt, T = teilweise umgesetzt") explains letter
codes, traffic lights and the usual German wordings are known.

What the reader guessed is returned as a ``TableMapping`` (column → role, status word → status);
a coordinator may correct it and read the document again with the corrected mapping. Text that
is neither the table, a heading, the legend nor the date is returned as ``left_over``.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from teilhabe.documents.blocks import Block, Paragraph, Row
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.status import ParsedStatus, StatusKey, parse_status
from teilhabe.documents.textutil import clean_text, ends_mid_sentence, join_broken, starts_lowercase


class Role(StrEnum):
    NUMBER = "number"
    TITLE = "title"
    DESCRIPTION = "description"
    LEAD = "lead"
    PERIOD = "period"
    PRIORITY = "priority"
    STATUS = "status"
    PERCENT = "percent"
    IGNORE = "ignore"


ROLE_LABELS = {
    Role.NUMBER: "Nummer",
    Role.TITLE: "Maßnahme / Ziel / Empfehlung",
    Role.DESCRIPTION: "Beschreibung / Sachstand",
    Role.LEAD: "Zuständigkeit",
    Role.PERIOD: "Zeitraum",
    Role.PRIORITY: "Priorität",
    Role.STATUS: "Umsetzungsstand",
    Role.PERCENT: "Fortschritt in Prozent",
    Role.IGNORE: "nicht übernehmen",
}

STATUS_LABELS = {
    StatusKey.DONE: "umgesetzt",
    StatusKey.IN_PROGRESS: "in Umsetzung",
    StatusKey.IN_COORDINATION: "im Abstimmungsprozess",
    StatusKey.NOT_STARTED: "nicht umgesetzt",
    StatusKey.NOT_POSSIBLE: "Umsetzung nicht möglich",
    StatusKey.UNKNOWN: "keine Angabe",
}

# Checked in this order against the header cell; the first match decides. "Sachstand" is a
# description, "Umsetzungszeitraum" a period, although both contain words of a status.
_HEADER_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        (Role.PRIORITY, r"priorit|^prio\b|dringlichkeit"),
        (
            Role.PERIOD,
            r"zeitraum|zeitrahmen|zeitplan|zeitschiene|^zeit\b|termin|frist|laufzeit|^bis\b",
        ),
        (Role.PERCENT, r"fortschritt|%|prozent|umsetzungsgrad|erfüllungsgrad"),
        (
            Role.DESCRIPTION,
            (
                r"sachstand|beschreibung|aufgabe|erläuterung|bemerkung|kommentar|inhalt|"
                r"aktivitäten|umsetzungsschritte|was wurde|ergebnis|bericht"
            ),
        ),
        (Role.LEAD, r"zuständig|verantwort|federführ|akteur|beteiligt|träger|^amt\b|^lead\b"),
        (Role.STATUS, r"stand\b|status|umsetzung|ampel|bewertung|erledigt"),
        (Role.NUMBER, r"^(?:nr\.?|nummer|lfd\.?(?: nr\.?)?|#|no\.?|ziffer|kennung|id|pos\.?)$"),
        (
            Role.TITLE,
            r"maßnahme|massnahme|^ziele?\b|empfehlung|handlungsansatz|vorhaben|projekt|titel|bezeichnung|leitziel|teilziel",
        ),
    )
)

# "Handlungsfeld 3: Sprache", "Handlungsfeld 3 – Sprache", "Masterplan 6 – Arbeit", "HF 2 Wohnen",
# "Themenfeld B: Bildung".
_NAMED_HEADING = re.compile(
    r"^(?:Handlungsfeld|Handlungsbereich|Themenfeld|Themenbereich|Masterplan|Bereich|Kapitel|"
    r"Schwerpunkt|Baustein|HF)\s+([0-9]{1,2}|[A-Z])\b\.?\s*[:.–—-]?\s*(.{2,120})$"
)
# "3. Sprache", "3 Sprache und Bildung", "B. Wohnen": short, no full stop at the end.
_NUMBERED_HEADING = re.compile(r"^([0-9]{1,2}|[A-Z])\.?\s+([A-ZÄÖÜ][^.!?]{1,100})$")
# A measure number: "2a", "4.12", "6.2.3", "A.1", "A1", "III.2" …
_NUMBER = re.compile(r"^(?:[0-9]{1,3}[a-z]?|[A-Z]{1,4})(?:[.\-/][0-9A-Za-z]{1,3})*\.?$")
_SEPARATOR = re.compile(r"^:?-{3,}:?$")
# "6.2 Sprachförderung": a numbered part of a field, not a field of its own.
_SUBSECTION = re.compile(r"^(?:[0-9]{1,2}|[A-Z])\.[0-9]{1,2}(?:\.[0-9]{1,2})*\.?\s")

_MONTH_NAMES = "januar februar märz april mai juni juli august september oktober november dezember"
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_AS_OF_NUMERIC = re.compile(
    r"\b(?:Stand|Stichtag|Berichtszeitraum bis)\b[:\s]+(\d{1,2})\.(\d{1,2})\.(\d{4})"
)
_AS_OF_WORDS = re.compile(
    r"\b(?:Stand|Stichtag)\b[:\s]+(?:(\d{1,2})\.\s*)?(" + "|".join(_MONTHS) + r")\s+(\d{4})",
    re.IGNORECASE,
)
# "U = umgesetzt", "T: teilweise umgesetzt", "grün – abgeschlossen", "(N) nicht begonnen".
_LEGEND_PAIR = re.compile(
    r"(?:^|[\s,;(])\(?([A-ZÄÖÜ]{1,3}|[A-ZÄÖÜ][a-zäöü]{0,3}\d?|grün|gelb|rot|orange)\)?\s*(?:=|:|–|—|-)\s*"
    r"([^=,;:]{3,80}?)(?=\s*(?:[,;]|$|\s\(?(?:[A-ZÄÖÜ]{1,3}|grün|gelb|rot|orange)\)?\s*(?:=|:|–|—|-)\s))",
)
_TITLE_HINT = re.compile(r"bericht|bilanz|sachstand|umsetzung|fortschreibung|controlling", re.I)
_LEGEND_HINT = re.compile(r"^(?:legende|erläuterung|zeichenerklärung|abkürzungen|status)\b", re.I)

TRAFFIC_LIGHTS = {
    "grün": StatusKey.DONE,
    "gelb": StatusKey.IN_PROGRESS,
    "orange": StatusKey.IN_PROGRESS,
    "rot": StatusKey.NOT_STARTED,
}

# Wordings the general status reader does not know, seen in reports of many towns.
_MORE_WORDINGS: tuple[tuple[StatusKey, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        (
            StatusKey.NOT_POSSIBLE,
            r"nicht weiter verfolgt|nicht weiter zu verfolgen|verworfen|eingestellt",
        ),
        (StatusKey.NOT_STARTED, r"^offen\b|noch nicht|zurückgestellt"),
        (
            StatusKey.IN_PROGRESS,
            r"^laufend\b|\bläuft\b|in bearbeitung|daueraufgabe|fortlaufend|kontinuierlich|teilweise",
        ),
        (
            StatusKey.DONE,
            r"laufende geschäft|regelbetrieb|regelangebot|erfüllt|abgeschlossen|fertig|^ja\b",
        ),
    )
)


@dataclass(frozen=True)
class TableMapping:
    """How a table is read: a role per column, and the status each status word stands for.

    ``statuses`` maps a status word (as written, case-folded) to a status key; it holds every
    word found in the document, so that the coordinator sees and may change each.
    """

    columns: tuple[str, ...]
    roles: tuple[Role, ...]
    statuses: dict[str, StatusKey] = field(default_factory=dict)

    @property
    def signature(self) -> str:
        """The shape of the table: its header cells, case and spacing aside."""
        return shape_signature(self.columns)

    def role_of(self, role: Role) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "columns": [
                {"header": header, "role": role.value}
                for header, role in zip(self.columns, self.roles, strict=True)
            ],
            "statuses": {word: key.value for word, key in self.statuses.items()},
        }

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> "TableMapping":
        try:
            columns = tuple(str(column["header"]) for column in data["columns"])
            roles = tuple(Role(column["role"]) for column in data["columns"])
            statuses = {
                str(word): StatusKey(key) for word, key in (data.get("statuses") or {}).items()
            }
        except (KeyError, TypeError, ValueError) as error:
            raise DocumentError(
                "Die gespeicherte Zuordnung ist unvollständig oder fehlerhaft "
                "(erwartet „columns“ mit „header“ und „role“, und „statuses“)."
            ) from error
        return cls(columns=columns, roles=roles, statuses=statuses)


def row_signatures(blocks: Iterable[Block]) -> list[str]:
    """The shape signature of every distinct table row that could be a header."""
    return list(
        dict.fromkeys(
            shape_signature(_trimmed(block.cells))
            for block in blocks
            if isinstance(block, Row) and len(block.cells) > 1
        )
    )


def shape_signature(columns: Iterable[str]) -> str:
    text = "|".join(clean_text(column).casefold() for column in columns)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class ProgressRow:
    """One measure of the table, with the cells of every role it has (empty when missing)."""

    number: str
    title: str
    description: str
    lead: str
    period: str
    priority: str
    status: ParsedStatus
    status_word: str
    group: str
    line: int
    label: str


@dataclass(frozen=True)
class ProgressField:
    number: int
    code: str
    title: str
    rows: list[ProgressRow]


@dataclass(frozen=True)
class ProgressTable:
    title: str
    as_of: date | None
    mapping: TableMapping
    fields: list[ProgressField]
    legend: dict[str, str]
    subheadings: list[str]
    left_over: list[str]
    repeated_headers: int = 0
    joined_rows: int = 0

    @property
    def rows(self) -> list[ProgressRow]:
        return [row for progress_field in self.fields for row in progress_field.rows]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "mapping": self.mapping.to_json_dict(),
            "legend": self.legend,
            "fields": [
                {
                    "number": f.number,
                    "code": f.code,
                    "title": f.title,
                    "rows": [_row_json(row) for row in f.rows],
                }
                for f in self.fields
            ],
            "subheadings": self.subheadings,
            "left_over": self.left_over,
            "repeated_headers": self.repeated_headers,
            "joined_rows": self.joined_rows,
        }


def _row_json(row: ProgressRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "title": row.title,
        "description": row.description,
        "lead": row.lead,
        "period": row.period,
        "priority": row.priority,
        "group": row.group,
        "status": {
            "key": row.status.key.value,
            "percent": row.status.percent,
            "text": row.status.text,
        },
    }


# --- finding the table -----------------------------------------------------------------------


def header_roles(cells: Iterable[str]) -> tuple[Role, ...]:
    """The role each header cell names; a role named twice counts once (description excepted)."""
    roles: list[Role] = []
    for cell in cells:
        text = clean_text(cell).casefold()
        role = next(
            (r for r, pattern in _HEADER_ROLES if text and pattern.search(text)), Role.IGNORE
        )
        if role in roles and role is not Role.DESCRIPTION:
            role = Role.DESCRIPTION if role is Role.STATUS else Role.IGNORE
        roles.append(role)
    return tuple(roles)


def _is_header(roles: tuple[Role, ...]) -> bool:
    """A header names what a measure is and how far it has come."""
    return Role.TITLE in roles and (Role.STATUS in roles or Role.PERCENT in roles)


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    cells_list = [clean_text(cell) for cell in cells]
    while cells_list and not cells_list[-1]:
        cells_list.pop()
    return tuple(cells_list)


@dataclass
class _Field:
    code: str
    title: str
    rows: list[dict[Role, str]] = field(default_factory=list)
    lines: list[tuple[int, str, str]] = field(default_factory=list)  # line, label, group
    subheadings: list[str] = field(default_factory=list)


def read_progress_table(blocks: list[Block], mapping: TableMapping | None = None) -> ProgressTable:
    """Read the blocks of a document as a progress table; ``mapping`` overrides the guess."""
    if not blocks:
        raise DocumentError(
            "Keine Tabelle mit Maßnahmen gefunden: das Dokument enthält keinen Text."
        )
    header_index, header = _find_header(blocks, mapping)
    columns = _trimmed(header.cells)
    roles = mapping.roles if mapping is not None else header_roles(columns)
    roles = (roles + (Role.IGNORE,) * len(columns))[: len(columns)]
    if Role.TITLE not in roles:
        raise DocumentError(
            "Keine Spalte für die Maßnahme: bitte einer Spalte die Rolle "
            f"„{ROLE_LABELS[Role.TITLE]}“ geben."
        )
    reader = _Reader(columns=columns, roles=roles, header_index=header_index)
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            reader.paragraph(index, block)
        else:
            reader.row(index, block)
    return reader.result(mapping)


@dataclass
class _Reader:
    """The state of reading a document block by block, around and inside its table."""

    columns: tuple[str, ...]
    roles: tuple[Role, ...]
    header_index: int
    as_of: date | None = None
    legend: dict[str, str] = field(default_factory=dict)
    left_over: list[str] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)
    title_candidates: list[str] = field(default_factory=list)
    # The last heading seen, waiting for the rows of its field.
    pending: tuple[str, str] | None = None
    pending_text: str = ""
    from_paragraphs: bool = False
    repeated: int = 0
    joined: int = 0
    group: str = ""
    previous: dict[Role, str] | None = None
    # A header repeated at the top of a page stands between a row and its rest.
    after_break: bool = False

    def paragraph(self, index: int, block: Paragraph) -> None:
        text = clean_text(block.text)
        if not text:
            return
        if self.as_of is None and (found := _as_of(text)):
            self.as_of = found
        elif pairs := _legend_pairs(text):
            self.legend.update(pairs)
        elif _LEGEND_HINT.match(text) and len(text) < 40:
            return
        elif (heading := _heading(text)) is not None:
            if self.pending_text:
                self.left_over.append(self.pending_text)
            self.pending, self.pending_text = heading, text
        elif index < self.header_index and len(text) < 160 and not text.endswith("."):
            self.title_candidates.append(text)
        else:
            self.left_over.append(text)

    def row(self, index: int, block: Row) -> None:
        cells = _trimmed(block.cells)
        self.after_break = self.after_break or block.after_break
        if not any(cells) or all(_SEPARATOR.match(cell) for cell in cells if cell):
            return
        if index < self.header_index:
            if len(cells) == 2 and (pair := _legend_row(cells)):
                self.legend[pair[0]] = pair[1]
            else:
                self.left_over.append(" | ".join(cell for cell in cells if cell))
            return
        if tuple(cell.casefold() for cell in cells) == tuple(c.casefold() for c in self.columns):
            self.repeated += index != self.header_index
            return
        broken, self.after_break = self.after_break, False
        if len(cells) == 2 and len(self.columns) > 3 and (pair := _legend_row(cells)):
            self.legend[pair[0]] = pair[1]
            return
        values = _by_role(cells, self.roles)
        if self.previous is not None and _continues(self.previous, values, broken):
            _join(self.previous, values)
            self.joined += 1
            return
        distinct = {cell for cell in cells if cell}
        if len(distinct) == 1 and len(self.columns) > 2:
            self.group_row(next(iter(distinct)))
            return
        if self.pending is not None or not self.fields:
            self.fields.append(_Field(*(self.pending or ("", ""))))
            self.from_paragraphs = self.from_paragraphs or self.pending is not None
            self.pending, self.pending_text = None, ""
            self.group = ""
        self.fields[-1].rows.append(values)
        self.fields[-1].lines.append((block.line, block.label, self.group))
        self.previous = values

    def group_row(self, text: str) -> None:
        """A row with one text across the table: a field, or a sub-heading inside one."""
        heading = _heading(text)
        if heading is None and not self.from_paragraphs:
            heading = ("", text)
        if heading is not None and not _SUBSECTION.match(text):
            self.fields.append(_Field(*heading))
            self.pending, self.pending_text = None, ""
            self.group = ""
        else:
            self.group = text
            if not self.fields:
                self.fields.append(_Field("", ""))
            self.fields[-1].subheadings.append(text)
        self.previous = None

    def result(self, mapping: TableMapping | None) -> ProgressTable:
        if self.pending_text:
            self.left_over.append(self.pending_text)
        candidates = self.title_candidates
        title = next((text for text in candidates if _TITLE_HINT.search(text)), "")
        title = title or (candidates[0] if candidates else "")
        left_over = [text for text in candidates if text != title] + self.left_over
        rows_read = [f for f in self.fields if f.rows]
        left_over.extend(text for f in self.fields if not f.rows for text in f.subheadings)
        if not rows_read:
            raise DocumentError(
                "Keine Tabelle mit Maßnahmen gefunden: unter der Kopfzeile "
                f"„{' | '.join(self.columns)}“ steht keine Zeile."
            )
        statuses = _status_mapping(rows_read, self.legend, mapping)
        fields, subheadings = _fields(rows_read, statuses, self.legend)
        return ProgressTable(
            title=title,
            as_of=self.as_of,
            mapping=TableMapping(columns=self.columns, roles=self.roles, statuses=statuses),
            fields=fields,
            legend=self.legend,
            subheadings=[text for f in rows_read for text in f.subheadings] + subheadings,
            left_over=left_over,
            repeated_headers=self.repeated,
            joined_rows=self.joined,
        )


def _find_header(blocks: list[Block], mapping: TableMapping | None) -> tuple[int, Row]:
    rows = [(index, block) for index, block in enumerate(blocks) if isinstance(block, Row)]
    if mapping is not None:
        wanted = mapping.signature
        for index, row in rows:
            if shape_signature(_trimmed(row.cells)) == wanted:
                return index, row
        raise DocumentError(
            "Keine Tabelle mit Maßnahmen gefunden: die gespeicherte Zuordnung passt zu keiner "
            f"Kopfzeile des Dokuments (erwartet „{' | '.join(mapping.columns)}“)."
        )
    for index, row in rows:
        if _is_header(header_roles(_trimmed(row.cells))):
            return index, row
    if not rows:
        detail = "das Dokument enthält keine Tabelle (auch keine Zeilen mit Tabulatoren oder senkrechten Strichen)."
    else:
        seen = list(dict.fromkeys(" | ".join(_trimmed(row.cells)) for _, row in rows[:200]))[:3]
        detail = (
            f"{len(rows)} Tabellenzeilen gelesen, aber keine Kopfzeile mit einer Spalte für die "
            "Maßnahme (z. B. „Maßnahme“, „Ziel“, „Empfehlung“) und einer für den Stand "
            "(z. B. „Stand“, „Status“, „Umsetzung“, „Fortschritt“); erste Zeilen: "
            + "; ".join(f"„{line[:80]}“" for line in seen)
        )
    raise DocumentError(f"Keine Tabelle mit Maßnahmen gefunden: {detail}")


def _by_role(cells: tuple[str, ...], roles: tuple[Role, ...]) -> dict[Role, str]:
    values: dict[Role, str] = {}
    for cell, role in zip(cells, roles, strict=False):
        if role is Role.IGNORE or not cell:
            continue
        values[role] = f"{values[role]} {cell}" if role in values else cell
    # A cell beyond the header's columns is kept with the description rather than lost.
    for cell in cells[len(roles) :]:
        if cell:
            values[Role.DESCRIPTION] = join_broken(values.get(Role.DESCRIPTION, ""), cell)
    return values


def _continues(previous: dict[Role, str], values: dict[Role, str], after_break: bool) -> bool:
    """Whether ``values`` are the rest of the row before, cut by a page or line break."""
    if not values.get(Role.TITLE) and not values.get(Role.NUMBER):
        return True
    if not after_break or values.get(Role.NUMBER):
        return False
    title = values.get(Role.TITLE, "")
    return starts_lowercase(title) or ends_mid_sentence(previous.get(Role.TITLE, ""))


def _join(previous: dict[Role, str], values: dict[Role, str]) -> None:
    for role, text in values.items():
        if role is Role.STATUS and previous.get(role) == text:
            continue
        previous[role] = join_broken(previous.get(role, ""), text)


def _heading(text: str) -> tuple[str, str] | None:
    if match := _NAMED_HEADING.match(text):
        return match.group(1), match.group(2).strip(" :–-")
    if len(text) <= 90 and (match := _NUMBERED_HEADING.match(text)):
        return match.group(1), match.group(2).strip()
    return None


def _as_of(text: str) -> date | None:
    if match := _AS_OF_NUMERIC.search(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _AS_OF_WORDS.search(text):
        day = int(match.group(1) or 1)
        month = _MONTHS[match.group(2).casefold()]
        year = int(match.group(3))
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _legend_pairs(text: str) -> dict[str, str]:
    """Codes a paragraph explains; a paragraph counts as a legend only if it explains two or
    more, or says it is one ("Legende: …")."""
    body = re.sub(
        r"^(?:legende|erläuterung(?:en)?|zeichenerklärung|status)\s*[:\-–]?\s*",
        "",
        text,
        flags=re.I,
    )
    pairs = {code.casefold(): meaning.strip() for code, meaning in _LEGEND_PAIR.findall(" " + body)}
    pairs = {
        code: meaning
        for code, meaning in pairs.items()
        if _wording_key(meaning) is not StatusKey.UNKNOWN
    }
    if len(pairs) >= 2 or (pairs and body != text):
        return pairs
    return {}


def _legend_row(cells: tuple[str, ...]) -> tuple[str, str] | None:
    code, meaning = cells
    if 0 < len(code) <= 6 and _wording_key(meaning) is not StatusKey.UNKNOWN:
        return code.casefold(), meaning
    return None


# --- statuses --------------------------------------------------------------------------------


def _wording_key(text: str) -> StatusKey:
    lowered = clean_text(text).casefold()
    if lowered in TRAFFIC_LIGHTS:
        return TRAFFIC_LIGHTS[lowered]
    try:
        key = parse_status(lowered).key
    except DocumentError:
        key = StatusKey.UNKNOWN
    if key is StatusKey.UNKNOWN:
        for candidate, pattern in _MORE_WORDINGS:
            if pattern.search(lowered):
                return candidate
    return key


def status_word(text: str, legend: dict[str, str]) -> str:
    """The word of a status cell that decides its status: a legend code, a traffic light, or
    the whole cell ("U wird seit 2007 so berücksichtigt" → "u")."""
    lowered = clean_text(text).casefold()
    if not lowered:
        return ""
    first = re.split(r"[\s,;:()/]+", lowered, maxsplit=1)[0].strip(".")
    if first in legend or first in TRAFFIC_LIGHTS:
        return first
    return lowered


def _status_mapping(
    fields: list[_Field], legend: dict[str, str], mapping: TableMapping | None
) -> dict[str, StatusKey]:
    words: dict[str, StatusKey] = {}
    for progress_field in fields:
        for values in progress_field.rows:
            word = status_word(values.get(Role.STATUS, ""), legend)
            if not word or word in words:
                continue
            if mapping is not None and word in mapping.statuses:
                words[word] = mapping.statuses[word]
            elif word in legend:
                words[word] = _wording_key(legend[word])
            else:
                words[word] = _wording_key(word)
    return words


def _status(
    values: dict[Role, str], statuses: dict[str, StatusKey], legend: dict[str, str]
) -> tuple[ParsedStatus, str]:
    text = values.get(Role.STATUS, "")
    percent_text = values.get(Role.PERCENT, "")
    word = status_word(text, legend)
    percent = _percent(percent_text) if percent_text else None
    if percent is None and text:
        try:
            percent = parse_status(text).percent
        except DocumentError as error:
            raise DocumentError(error.message) from error
    if word:
        key = statuses.get(word, StatusKey.UNKNOWN)
        if key is StatusKey.UNKNOWN and percent is not None:
            key = _key_from_percent(percent)
    elif percent is not None:
        key = _key_from_percent(percent)
    else:
        key = StatusKey.UNKNOWN
    if percent is None and key is StatusKey.DONE:
        percent = 100
    shown = " · ".join(part for part in (text, percent_text) if part)
    return ParsedStatus(key=key, percent=percent, text=shown), word


_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%?")


def _percent(text: str) -> int | None:
    match = _PERCENT.search(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", "."))
    if value > 100:
        raise DocumentError(f"Prozentangabe über 100 % im Fortschritt: „{text}“.")
    return int(value + 0.5)


def _key_from_percent(percent: int) -> StatusKey:
    if percent >= 100:
        return StatusKey.DONE
    if percent <= 0:
        return StatusKey.NOT_STARTED
    return StatusKey.IN_PROGRESS


# --- fields ----------------------------------------------------------------------------------


def _fields(
    fields: list[_Field], statuses: dict[str, StatusKey], legend: dict[str, str]
) -> tuple[list[ProgressField], list[str]]:
    if len(fields) == 1 and not fields[0].code and not fields[0].title:
        fields = _fields_from_numbers(fields[0])
    result: list[ProgressField] = []
    subheadings: list[str] = []
    used: set[int] = set()
    codes = legend | dict.fromkeys(statuses, "")
    for position, progress_field in enumerate(fields, start=1):
        number = _field_number(progress_field.code, position, used)
        used.add(number)
        rows = []
        group = ""
        entries = list(zip(progress_field.rows, progress_field.lines, strict=True))
        for index, (values, (line, label, row_group)) in enumerate(entries):
            following = entries[index + 1][0] if index + 1 < len(entries) else {}
            if _is_subheading(values, following):
                group = f"{values.get(Role.NUMBER, '')} {values.get(Role.TITLE, '')}".strip()
                subheadings.append(group)
                continue
            try:
                status, word = _status(values, statuses, codes)
            except DocumentError as error:
                raise DocumentError(error.message, line, label=label) from error
            rows.append(
                ProgressRow(
                    number=values.get(Role.NUMBER, "").rstrip(".")[:20],
                    title=values.get(Role.TITLE, ""),
                    description=values.get(Role.DESCRIPTION, ""),
                    lead=values.get(Role.LEAD, ""),
                    period=values.get(Role.PERIOD, ""),
                    priority=values.get(Role.PRIORITY, ""),
                    status=status,
                    status_word=word,
                    group=row_group or group,
                    line=line,
                    label=label,
                )
            )
        if len(fields) == 1 and not progress_field.title:
            title = "Maßnahmen"
        else:
            title = progress_field.title or f"Handlungsfeld {number}"
        result.append(
            ProgressField(number=number, code=progress_field.code, title=title, rows=rows)
        )
    return result, subheadings


def _is_subheading(values: dict[Role, str], following: dict[Role, str]) -> bool:
    """ "6.2 | Sprachförderung | | |" followed by "6.2.1 …": a heading, not a measure."""
    number = values.get(Role.NUMBER, "").rstrip(".")
    if not number or set(values) - {Role.NUMBER, Role.TITLE}:
        return False
    return following.get(Role.NUMBER, "").startswith(number + ".")


def _fields_from_numbers(only: _Field) -> list[_Field]:
    """Without headings, measures numbered "3.1", "3.2", "4.1" fall into fields 3 and 4."""
    prefixes = [
        re.split(r"[.\-/]", values.get(Role.NUMBER, ""), maxsplit=1) for values in only.rows
    ]
    if not all(len(parts) == 2 and parts[0] and parts[1] for parts in prefixes):
        return [only]
    grouped: dict[str, _Field] = {}
    for parts, values, line in zip(prefixes, only.rows, only.lines, strict=True):
        target = grouped.setdefault(parts[0], _Field(parts[0], ""))
        target.rows.append(values)
        target.lines.append(line)
    return list(grouped.values()) if len(grouped) > 1 else [only]


def _field_number(code: str, position: int, used: set[int]) -> int:
    if code.isdigit():
        number = int(code)
    elif len(code) == 1 and code.isalpha():
        number = ord(code.upper()) - ord("A") + 1
    else:
        number = position
    while number in used or number < 1:
        number += 1
    return number


def with_mapping(table: ProgressTable, mapping: TableMapping) -> TableMapping:
    """``mapping`` completed with the status words of ``table`` it does not name yet."""
    return replace(mapping, statuses=table.mapping.statuses | mapping.statuses)
