"""Read a numbered list of recommendations (Empfehlungen) into plain dataclasses.

The layout follows Anlage 2 to KT-Drucks. 234/2014 of Landkreis Böblingen: a preamble (title,
how the Beteiligungsprozess went, the Arbeitsgruppen), then numbered recommendations
("1. Der Kreistag empfiehlt …") with lettered sub-items ("a. im Leitbild …"). That document
exists only as an OCR text, and the OCR damaged it in ways this parser repairs:

- Numbers lost: ". Der Kreistag …" (the digit vanished, the dot stayed). A lost number is
  inferred from the sequence: the first one is 1, one after recommendation n is n + 1.
- Numbers glued to the text: "10.Der Kreistag …".
- Words broken at the end of a line, sometimes with blank lines in between ("Ers-" … "ten"):
  joined without the hyphen when the next line goes on in lower case; a hyphen before an upper
  case word ("Dolmetscher-" "Pool") or before "und"/"oder" ("Aus- und") is a real one and stays.
- Umlauts and ß misread ("Fur", "Malinahme", "fiir", "geftihrt", "anschliel3end"): corrected
  from an explicit list of the confusions seen in the seed documents (``OCR_CORRECTIONS``),
  applied to whole words only. This is not a spell checker: a word not in the list stays as it
  is. Every correction is reported with its line, so a person can check it.
- Opening quotes read as commas (",Integration“") become „, and a closing ” after such an
  opening quote becomes “.

Where the list starts: at the first line that starts a recommendation addressed to a council
or administration — a number mark (digits with a dot, glued or not; a lost number's lone dot)
followed by "Der Kreistag", "Dem Kreistag", "Die Verwaltung", "Der Gemeinderat" and the like.
Requiring the addressee keeps dates ("12.05.2014 erstmals …") and numbered headings in the
preamble ("I. Vorlage an") out of the list. A document whose recommendations do not name an
addressee (or name one only from its second item on) is read from its first line "1. <word>"
instead. Inside the list, a new recommendation starts with an explicit number ("3. Einrichtung
…") or a lost one before an article and a noun (". Die Verwaltung …"), or even without any mark
when the line begins with "Der Kreistag"/"Dem Kreistag" (or Gemeinderat, Stadtrat) right after a
finished sentence; a line starting with a Roman section number ("III. Begründung"), a section
letter alone ("B."), "Anlage", "Begründung" or "Abstimmungsergebnis" ends it.

Lists as councils write them (issue 11, with the corpus in ``tests/fixtures/recommendations``):

- Items that continue an introductory sentence start in lower case ("Um dies zu erreichen,
  beauftragt der Rat die Verwaltung" / "1. verwaltungsintern …" / "2. Handlungsempfehlungen …
  zu prüfen"). Such a list starts at its "1."; the sentence before it (the last paragraph of the
  preamble) is each recommendation's ``lead_in``. A lower-case line is a new item only with the
  next number in sequence, and a number out of sequence after a word that does not end a
  sentence ("am" / "14. Dezember 2006") is no item at all.
- Numbers run on inside a line ("… beschließen: 1. In der Stadtverwaltung … 2. Dafür …") are
  split off; a number alone on its line ("1." / "Der Rat der") is joined to the next line.
- Bullets ("·", "•", "–", "-", "▪") are bullets: sub-items without a label, never lost numbers.
  Sub-items get letters only when the document gives them ("a.", "b)"). A paragraph after the
  bullets that goes on in lower case ("zu ermöglichen,") is the end of the item's own sentence.
- Nothing is dropped silently: a page number inside the list and a paragraph after an item
  that finished the introductory sentence ("Davon ausgenommen …") are reported in
  ``left_over``; what follows the list's end is the ``epilogue``. The tests prove for every
  document that the words of the file and of the result are the same.
- A document without a numbered list is refused with that reason first ("Das Dokument enthält
  keine nummerierten Empfehlungen."), then what was found instead and what is expected.

Text, DOCX and PDF files are read into lines first (DOCX: one line per paragraph, with Word's
own list numbers and bullets written out by ``docx_lists``; PDF: one per paragraph that
``pdf_blocks`` rebuilt), so the three formats are treated alike.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from teilhabe.documents.blocks import TEXT_LINE, Block, Paragraph
from teilhabe.documents.docx_lists import docx_list_blocks
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.formats import DocumentFormat, decode_text, detect_format
from teilhabe.documents.pdf_blocks import pdf_blocks
from teilhabe.documents.textutil import ends_mid_sentence, join_broken, normalize_space

# Known OCR confusions, wrong → right, each seen in the seed documents (Anlage 2 to KT-Drucks.
# 234/2014 and its sister papers). A key starting in lower case also stands for its capitalised
# form ("fur" → "für" covers "Fur" → "Für"). Keys with a space are phrases: there the wrong word
# is a real German word ("fordern", "Auftragen") and only the context shows the misreading.
OCR_CORRECTIONS: dict[str, str] = {
    # für
    "fur": "für",
    "fir": "für",
    "flr": "für",
    "fiir": "für",
    "fjr": "für",
    "daftir": "dafür",
    "dafir": "dafür",
    # ü
    "tGber": "über",
    "tber": "über",
    "Ubersetzen": "übersetzen",
    "geftihrt": "geführt",
    "gefuhrt": "geführt",
    "Fihrungsaufgabe": "Führungsaufgabe",
    "Fuhrungsaufgabe": "Führungsaufgabe",
    "Blrgermeister": "Bürgermeister",
    "Burgermeister": "Bürgermeister",
    "Burger": "Bürger",
    "birgerschaftlich": "bürgerschaftlich",
    "birgerschaftliches": "bürgerschaftliches",
    "birgerschatftliches": "bürgerschaftliches",
    "blrokratischen": "bürokratischen",
    "birokratische": "bürokratische",
    "Schlisselbegegnung": "Schlüsselbegegnung",
    "verwaltungsubergreifende": "verwaltungsübergreifende",
    # ö
    "Boblingen": "Böblingen",
    "Offnung": "Öffnung",
    "gehort": "gehört",
    "angehoren": "angehören",
    "kénnen": "können",
    "Méglichkeiten": "Möglichkeiten",
    "Moglichkeiten": "Möglichkeiten",
    "férdern": "fördern",
    "personlichen": "persönlichen",
    "weiterhin zu fordern": "weiterhin zu fördern",
    # ä
    "Stadte": "Städte",
    "Stadtetag": "Städtetag",
    "Professionalitat": "Professionalität",
    "Haltungsanderung": "Haltungsänderung",
    "Tragern": "Trägern",
    "Trager": "Träger",
    "anfallt": "anfällt",
    "Spitzenverbanden": "Spitzenverbänden",
    "sozialen Auftragen": "sozialen Aufträgen",
    "Auslandern": "Ausländern",
    "Fachkrafte": "Fachkräfte",
    "Amtern": "Ämtern",
    "erganzen": "ergänzen",
    "zun&chst": "zunächst",
    "ausgewabhlt": "ausgewählt",
    "Sozialpadagogische": "Sozialpädagogische",
    # ß
    "Malinahme": "Maßnahme",
    "Mafinahme": "Maßnahme",
    "Mal3nahme": "Maßnahme",
    "MaRnahme": "Maßnahme",
    "anschliel3end": "anschließend",
    "AuRerdem": "Außerdem",
}


def _with_capitalised(corrections: dict[str, str]) -> dict[str, str]:
    extended = dict(corrections)
    for wrong, right in corrections.items():
        if wrong[:1].islower():
            extended.setdefault(wrong[:1].upper() + wrong[1:], right[:1].upper() + right[1:])
    return extended


_CORRECTIONS = _with_capitalised(OCR_CORRECTIONS)
# Longest first, so a phrase wins over a word it contains; whole words only.
_CORRECTION = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(wrong) for wrong in sorted(_CORRECTIONS, key=len, reverse=True))
    + r")(?!\w)"
)
# An opening „ that the OCR read as a comma: a comma glued to the following word after a space.
_COMMA_QUOTE = re.compile(r",(?=[^\W\d_])")
# Control characters never found in text; tab, line feed, carriage return, form feed allowed.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ParsedItem:
    """A sub-item of a recommendation: ``label`` is its letter ("a", "b", …) when the document
    gives one, and empty when the document marks it with a bullet only ("·", "•", "–", "-")."""

    label: str
    text: str
    line: int


@dataclass(frozen=True)
class ParsedRecommendation:
    """A recommendation; ``number_inferred`` when the document had lost its number.

    ``lead_in`` is the introductory sentence that the recommendation continues ("Der Rat
    beauftragt die Verwaltung," before "1. verwaltungsintern …"). It is kept with the item:
    ``text`` starts with it, so that each recommendation reads on its own wherever it is
    stored or shown, and ``own_text`` is what the document wrote after the number."""

    number: int
    text: str
    items: tuple[ParsedItem, ...]
    line: int
    number_inferred: bool = False
    lead_in: str = ""

    @property
    def own_text(self) -> str:
        if self.lead_in and self.text.startswith(f"{self.lead_in} "):
            return self.text[len(self.lead_in) + 1 :]
        return self.text


@dataclass(frozen=True)
class Correction:
    """One OCR repair: ``original`` was replaced by ``corrected`` at ``line``."""

    line: int
    original: str
    corrected: str


@dataclass(frozen=True)
class LeftOver:
    """Text inside the list that belongs to no recommendation (a page number, a paragraph after
    the last recommendation of a sentence list): reported, never dropped."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class RecommendationList:
    """The recommendations of a document, with the preamble before them (paragraphs separated
    by blank lines) and every OCR correction made on the way. ``label`` names what ``line``
    counts ("Zeile", "Absatz", "Seite").

    Nothing read is dropped: every word of the document is in the preamble, a recommendation
    (its ``lead_in``, number, text, items' labels and texts), ``left_over`` (text of the list
    that belongs to no recommendation, with the reason) or ``epilogue`` (what follows the list's
    end, such as "III. Begründung …")."""

    recommendations: tuple[ParsedRecommendation, ...]
    preamble: str
    corrections: tuple[Correction, ...]
    label: str = TEXT_LINE
    left_over: tuple[LeftOver, ...] = ()
    epilogue: str = ""

    def to_json_dict(self) -> dict[str, Any]:
        recommendations = []
        for recommendation in self.recommendations:
            entry: dict[str, Any] = {
                "number": recommendation.number,
                "text": recommendation.text,
                "items": [
                    {"label": item.label, "text": item.text} for item in recommendation.items
                ],
            }
            if recommendation.lead_in:
                entry["lead_in"] = recommendation.lead_in
            recommendations.append(entry)
        data: dict[str, Any] = {"recommendations": recommendations}
        if self.left_over:
            data["left_over"] = [
                {"line": part.line, "text": part.text, "reason": part.reason}
                for part in self.left_over
            ]
        return data


def parse_recommendations(data: bytes, filename: str = "") -> RecommendationList:
    """Read recommendations from a PDF, DOCX or UTF-8 text file, recognised by its content."""
    document_format = detect_format(data, filename)
    if document_format is DocumentFormat.PDF:
        return _parse_blocks(pdf_blocks(data))
    if document_format is DocumentFormat.DOCX:
        return _parse_blocks(docx_list_blocks(data))
    return parse_recommendations_text(decode_text(data, filename))


def parse_recommendations_text(text: str) -> RecommendationList:
    control = _BINARY_CONTROL.search(text)
    if control is not None:
        raise DocumentError(
            "Der Text enthält Binärdaten (Steuerzeichen) und ist daher kein Text.",
            text.count("\n", 0, control.start()) + 1,
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    numbered = [
        (number, piece)
        for number, line in enumerate(lines, start=1)
        for piece in _RUN_IN_NUMBER.split(line)
    ]
    return _parse_lines(numbered, TEXT_LINE)


def _parse_blocks(blocks: Iterable[Block]) -> RecommendationList:
    # Table rows (rare in such a list) are read as their cells' text, one line per row.
    lines: list[tuple[int, str]] = []
    label = TEXT_LINE
    for block in blocks:
        label = block.label
        text = block.text if isinstance(block, Paragraph) else " ".join(block.cells)
        lines.extend((block.line, piece) for piece in _pieces(text.replace("**", "")))
        # A paragraph ends at its block: a blank line keeps the next one from continuing it.
        lines.append((block.line, ""))
    if not any(line.strip() for _, line in lines):
        raise DocumentError("Das Dokument enthält keinen Text.")
    return _parse_lines(lines, label)


# A number in the middle of a line, after a sentence or a colon ("… beschließen: 1. In der
# Stadtverwaltung …", "… geschaffen. 2. Hierfür …"), or after a comma or colon when the item
# continues the sentence ("… die Verwaltung, 1. verwaltungsintern …"): the line is split there.
_RUN_IN_NUMBER = re.compile(
    r"(?<=[.!?:]) (?=\d{1,3}\.\s*[„\"]?[A-ZÄÖÜ])|(?<=[,:]) (?=\d{1,3}\.\s+[a-zäöüß])"
)

# A PDF paragraph is several lines run together: "… Positionierung, b. als …", "… geführt
# wird. . Der Kreistag …", "Koordinierungs- stelle". Splitting it again where a line could have
# ended lets the line rules below apply; where the split was wrong, the piece is a continuation
# and is joined again with a space, so nothing is lost.
_PIECE_BREAK = re.compile(
    r" (?=[a-z][.)] \S)"  # a sub-item
    r"|(?<=[.!?:;,]) (?=[.,] ?[A-ZÄÖÜ])"  # a lost number
    r"|(?<=[.!?:]) (?=\d{1,3}\. ?[A-ZÄÖÜ])"  # an explicit number
    r"|(?<=[,:]) (?=\d{1,3}\. [a-zäöüß])"  # a number continuing the sentence
    r"|(?<=[^\W\d_]-) (?=[a-zäöüß])"  # a word hyphenated at a line's end
    r"| (?=[·•▪◦\uf0b7] )"  # a bullet
)


def _pieces(text: str) -> list[str]:
    return _PIECE_BREAK.split(text)


# --- recognising lines -----------------------------------------------------------------------

# Whom a recommendation addresses: what marks the start of the list.
_ADDRESSEE = re.compile(
    r"(?:Der|Dem|Den|Die|Das)\s+"
    r"(?:Kreistag|Gemeinderat|Stadtrat|Ortschaftsrat|Rat|Ausschuss|Sozialausschuss|"
    r"Verwaltung|Kreisverwaltung|Stadtverwaltung|Landkreis|Landkreisverwaltung|Stadt|Gemeinde)\b"
)
# The council itself, at the start of a line: a recommendation even without any number mark.
_COUNCIL_AT_START = re.compile(r"(?:Der|Dem) (?:Kreistag|Gemeinderat|Stadtrat)\b")
# An article and a noun: enough, inside the list, for a lost number's lone dot.
_ARTICLE_AND_NOUN = re.compile(r"(?:Der|Dem|Den|Die|Das|Des)\s+[A-ZÄÖÜ]")
# "10. Der", "10.Der", "10) Der", "10 Der" (number with the dot lost as well).
_NUMBERED = re.compile(r"^(\d{1,3})(?!\d)\s*([.)]?)\s*(\S.*)$")
# A number mark alone on its line ("1." above "Der Rat der Stadt beschließt …").
_BARE_NUMBER = re.compile(r"^\d{1,3}[.)]$")
# ". Der", ", Der": the OCR lost the number and kept its dot.
_LOST_NUMBER = re.compile(r"^[.,]\s*(\S.*)$")
_CAPITALISED = re.compile(r"^[„\"',‚]?[A-ZÄÖÜ]")
_LOWER_CASE = re.compile(r"^[„\"‚]?[a-zäöüß]")
# "a. im Leitbild", "b) als …"; not an abbreviation like "z. B." or "d. h." at a line's start.
_ITEM = re.compile(r"^([a-z])[.)]\s*(?![A-Za-z]\.)(\S.*)$")
# A bullet: a sub-point without a label. Bullets are never numbers, not even lost ones.
_BULLET = re.compile(r"^(?:[-–•·▪◦‣*]|\uf0b7)\s+(\S.*)$")
_END_OF_LIST = re.compile(
    r"^(?:[IVX]{1,4}\.\s+[A-ZÄÖÜ]|[A-H]\.$|Anlagen?\b|Begründung\b|Abstimmungsergebnis\b)"
)
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^Seite\s+\d+(?:\s+von\s+\d+)?$")
_HYPHEN_AT_END = re.compile(r"[^\W\d_]-$")
# Words after which a sentence goes on: a number on the next line is part of it ("am" /
# "14. Dezember 2006").
_MID_SENTENCE_WORDS = frozenset({"am", "vom", "zum", "ab", "bis", "Nr.", "bzw.", "ca.", "den"})


@dataclass(frozen=True)
class _Start:
    number: int | None
    text: str


def _mid_sentence(text: str) -> bool:
    return ends_mid_sentence(text) or text.rsplit(" ", 1)[-1] in _MID_SENTENCE_WORDS


def _recommendation_start(
    line: str,
    *,
    in_list: bool,
    expected: int = 1,
    before: str = "",
    continued: bool = False,
) -> _Start | None:
    """The number (None when lost) and text of a line that starts a recommendation.

    ``expected`` is the next number in sequence, ``before`` the text the line would continue,
    ``continued`` whether the list's recommendations continue an introductory sentence."""
    numbered = _NUMBERED.match(line)
    if numbered:
        number, dot, rest = int(numbered.group(1)), numbered.group(2), numbered.group(3)
        if _ADDRESSEE.match(rest):
            return _Start(number, rest)
        if not (dot and in_list):
            return None
        if _CAPITALISED.match(rest):
            # "am" / "14. Dezember 2006": a number out of sequence inside a sentence.
            if number != expected and before and _mid_sentence(before):
                return None
            return _Start(number, rest)
        # "2. die von der Verwaltung …" goes on with the sentence the list began.
        if (
            _LOWER_CASE.match(rest)
            and number == expected
            and (continued or not before or before[-1] in ".;:,!?")
        ):
            return _Start(number, rest)
        return None
    lost = _LOST_NUMBER.match(line)
    if lost:
        rest = lost.group(1)
        if _ADDRESSEE.match(rest) or (in_list and _ARTICLE_AND_NOUN.match(rest)):
            return _Start(None, rest)
    return None


def _first_plain_start(lines: list[tuple[int, str]]) -> int | None:
    """Fallback start: the first line "1. <word>", in upper case ("1. Das Integrationskonzept")
    or in lower case, continuing an introductory sentence ("1. verwaltungsintern …")."""
    for index, (_, line) in enumerate(lines):
        numbered = _NUMBERED.match(line)
        if (
            numbered
            and numbered.group(1) == "1"
            and numbered.group(2)
            and (_CAPITALISED.match(numbered.group(3)) or _LOWER_CASE.match(numbered.group(3)))
        ):
            return index
    return None


# --- building the list -----------------------------------------------------------------------


class _Text:
    """Text being collected from several lines, remembering where each line's piece begins."""

    def __init__(self, line: int, first: str):
        self.line = line
        self.text = ""
        self.offsets: list[tuple[int, int]] = []
        self.add(line, first)

    def add(self, line: int, piece: str) -> None:
        piece = normalize_space(piece)
        if not piece:
            return
        joined = _join(self.text, piece)
        self.offsets.append((len(joined) - len(piece), line))
        self.text = joined

    def line_at(self, offset: int) -> int:
        line = self.line
        for start, number in self.offsets:
            if start > offset:
                break
            line = number
        return line


def _join(first: str, second: str) -> str:
    """Join two lines; a word hyphenated at the line's end is joined without its hyphen."""
    if first and _HYPHEN_AT_END.search(first) and second[:1].islower():
        next_word = second.split(" ", 1)[0]
        if next_word not in {"und", "oder", "bzw.", "sowie", "bis"}:
            return first[:-1] + second
    return join_broken(first, second)


@dataclass
class _Recommendation:
    number: int
    inferred: bool
    text: _Text
    items: list[tuple[str, _Text]]

    @property
    def last(self) -> _Text:
        return self.items[-1][1] if self.items else self.text


def _join_bare_numbers(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A number mark alone on its line is joined to the next line with text ("1." / "Der Rat
    der …" → "1. Der Rat der …"); blank lines between them are dropped."""
    joined: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in lines:
        if pending is not None:
            if not line:
                continue
            joined.append((pending[0], f"{pending[1]} {line}"))
            pending = None
        elif _BARE_NUMBER.match(line):
            pending = (number, line)
        else:
            joined.append((number, line))
    if pending is not None:
        joined.append(pending)
    return joined


def _shown(line: str) -> str:
    return line if len(line) <= 60 else line[:59] + "…"


def _no_recommendations(lines: list[tuple[int, str]], label: str) -> DocumentError:
    """The refusal for a document without a numbered list: the reason first, then what was
    found instead and what was expected."""
    reason = "Das Dokument enthält keine nummerierten Empfehlungen."
    bullets = [(number, line) for number, line in lines if _BULLET.match(line)]
    addressed = [(number, line) for number, line in lines if _ADDRESSEE.match(line)]
    if bullets:
        first_line, first = bullets[0]
        detail = (
            f" Gefunden wurden nur {len(bullets)} Aufzählungspunkt"
            f"{'e' if len(bullets) > 1 else ''} ohne Nummer (zuerst {label} {first_line}: "
            f"„{_shown(first)}“); Aufzählungspunkte werden nicht als Empfehlungen gezählt."
        )
    elif addressed:
        first_line, first = addressed[0]
        detail = (
            f" Der Text richtet sich zwar an ein Gremium oder die Verwaltung ({label} "
            f"{first_line}: „{_shown(first)}“), zählt aber keine Punkte mit Nummern auf."
        )
    else:
        detail = ""
    return DocumentError(
        reason
        + detail
        + " Erwartet werden Zeilen wie „1. Der Kreistag empfiehlt …“ oder, nach einem "
        "einleitenden Satz („Der Rat beauftragt die Verwaltung,“), „1. ein Konzept zu "
        "erarbeiten, …“; Unterpunkte als „a. …“ oder mit Aufzählungszeichen."
    )


def _parse_lines(  # noqa: C901 - one pass over the lines, state machine
    raw_lines: list[tuple[int, str]], label: str
) -> RecommendationList:
    lines = _join_bare_numbers([(number, line.strip()) for number, line in raw_lines])
    start = next(
        (
            index
            for index, (_, line) in enumerate(lines)
            if _recommendation_start(line, in_list=False) is not None
        ),
        None,
    )
    plain = _first_plain_start(lines)
    if start is None:
        start = plain
    elif plain is not None and plain < start:
        # "5. Die Verwaltung wird gebeten …" names an addressee, but the list began at an
        # earlier "1. Das Integrationskonzept …".
        numbered = _NUMBERED.match(lines[start][1])
        if numbered is not None and int(numbered.group(1)) > 1:
            start = plain
    if start is None:
        raise _no_recommendations(lines, label)

    corrections: list[Correction] = []
    recommendations: list[_Recommendation] = []
    left_over: list[tuple[str, _Text]] = []
    loose: _Text | None = None  # a paragraph that belongs to no recommendation
    continued = False  # the recommendations continue an introductory sentence
    blank_before = False
    end = len(lines)
    for index in range(start, len(lines)):
        number, line = lines[index]
        if not line:
            blank_before = True
            if loose is not None:
                left_over.append((_LOOSE, loose))
                loose = None
            continue
        if _PAGE_NUMBER.match(line):
            left_over.append((_PAGE, _Text(number, line)))
            continue
        if _END_OF_LIST.match(line):
            end = index
            break
        current = recommendations[-1] if recommendations else None
        before = current.last.text if current is not None else ""
        begins = _recommendation_start(
            line,
            in_list=True,
            expected=current.number + 1 if current is not None else 1,
            before=before,
            continued=continued,
        )
        if begins is None and current is None:
            # The fallback start "1. Wort" in a list without addressee.
            numbered = _NUMBERED.match(line)
            assert numbered is not None  # the line _first_plain_start found
            begins = _Start(int(numbered.group(1)), numbered.group(3))
        if (
            begins is None
            and current is not None
            and _COUNCIL_AT_START.match(line)
            and before.endswith((".", "!", "?"))
        ):
            # The number and its dot both lost: "Der Kreistag beauftragt …" right after a
            # finished sentence starts the next recommendation.
            begins = _Start(None, line)
        if begins is not None:
            if loose is not None:
                left_over.append((_LOOSE, loose))
                loose = None
            recommendations.append(_new_recommendation(begins, recommendations, number, label))
            if current is None:
                continued = bool(_LOWER_CASE.match(begins.text))
            blank_before = False
            continue
        # Past the start line, which always begins one, there is a current recommendation.
        assert current is not None
        if loose is not None:
            loose.add(number, line)
            continue
        item = _item_start(line, current, number, label)
        if item is not None:
            current.items.append((item[0], _Text(number, item[1])))
        elif (
            blank_before
            and current.items
            and not current.items[-1][0]
            and not _HYPHEN_AT_END.search(before)
            and not _CAPITALISED.match(line)
        ):
            # "gezielte Beschlüsse" / "· zu …" / "· zu …" / "zu ermöglichen,": a paragraph
            # after the bullets goes on with the recommendation's own sentence.
            current.text.add(number, line)
        elif (
            continued
            and blank_before
            and _CAPITALISED.match(line)
            and before.endswith((".", "!", "?"))
        ):
            # A paragraph after a recommendation that continued the introductory sentence
            # and finished it: no part of that sentence, so reported rather than attached.
            loose = _Text(number, line)
        else:
            current.last.add(number, line)
        blank_before = False
    if loose is not None:
        left_over.append((_LOOSE, loose))

    preamble_lines = lines[:start]
    lead_in = ""
    if continued:
        preamble_lines, lead_in_lines = _split_last_paragraph(preamble_lines)
        lead_in = _preamble(lead_in_lines, corrections)
    parsed = tuple(
        _finish(recommendation, corrections, lead_in) for recommendation in recommendations
    )
    preamble = _preamble(preamble_lines, corrections)
    reported = tuple(
        LeftOver(text.line, _corrected(text, corrections), reason) for reason, text in left_over
    )
    corrections.sort(key=lambda correction: correction.line)
    return RecommendationList(
        recommendations=parsed,
        preamble=preamble,
        corrections=tuple(corrections),
        label=label,
        left_over=tuple(sorted(reported, key=lambda part: part.line)),
        epilogue=_paragraphs(lines[end:]),
    )


_LOOSE = "Absatz nach einer Empfehlung, die den einleitenden Satz abschließt; keiner zugeordnet"
_PAGE = "Seitenzahl"


def _split_last_paragraph(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The lines before the last paragraph, and the last paragraph (the introductory sentence
    the recommendations continue)."""
    end = len(lines)
    while end and not lines[end - 1][1]:
        end -= 1
    begin = end
    while begin and lines[begin - 1][1]:
        begin -= 1
    return lines[:begin], lines[begin:end]


def _new_recommendation(
    start: _Start, previous: list[_Recommendation], line: int, label: str
) -> _Recommendation:
    last = previous[-1].number if previous else 0
    if start.number is None:
        return _Recommendation(last + 1, True, _Text(line, start.text), [])
    if start.number == last:
        raise DocumentError(
            f"Die Empfehlung Nr. {start.number} kommt doppelt vor.", line, label=label
        )
    if start.number < last:
        raise DocumentError(
            f"Die Nummerierung springt zurück: auf Empfehlung Nr. {last} folgt Nr. {start.number}.",
            line,
            label=label,
        )
    if start.number == 0:
        raise DocumentError("Eine Empfehlung hat die Nummer 0.", line, label=label)
    return _Recommendation(start.number, False, _Text(line, start.text), [])


def _item_start(
    line: str, current: _Recommendation, number: int, label: str
) -> tuple[str, str] | None:
    """(label, text) when ``line`` starts a sub-item of ``current``; the label is empty for a
    bullet: sub-points get letters only when the document gives them."""
    letters = [item_label for item_label, _ in current.items if item_label]
    expected = chr(ord(letters[-1]) + 1) if letters else "a"
    lettered = _ITEM.match(line)
    if lettered:
        letter = lettered.group(1)
        if letter == expected:
            return letter, lettered.group(2)
        if letter < expected:
            raise DocumentError(
                f"Unterpunkt {letter} der Empfehlung Nr. {current.number} kommt doppelt vor "
                f"oder steht nach Unterpunkt {chr(ord(expected) - 1)}.",
                number,
                label=label,
            )
        # Any other letter ("z. B." was excluded already) is text that happens to start so.
        return None
    bullet = _BULLET.match(line)
    if bullet:
        return "", bullet.group(1)
    return None


def _finish(
    recommendation: _Recommendation, corrections: list[Correction], lead_in: str
) -> ParsedRecommendation:
    own_text = _corrected(recommendation.text, corrections)
    return ParsedRecommendation(
        number=recommendation.number,
        text=f"{lead_in} {own_text}" if lead_in else own_text,
        items=tuple(
            ParsedItem(label=label, text=_corrected(text, corrections), line=text.line)
            for label, text in recommendation.items
        ),
        line=recommendation.text.line,
        number_inferred=recommendation.inferred,
        lead_in=lead_in,
    )


def _paragraphs(lines: list[tuple[int, str]]) -> str:
    """Lines as paragraphs (blank lines between them), as they are: the epilogue."""
    paragraphs: list[str] = []
    current: list[str] = []
    for _, line in [*lines, (0, "")]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(normalize_space(" ".join(current)))
            current = []
    return "\n\n".join(paragraphs)


def _preamble(lines: list[tuple[int, str]], corrections: list[Correction]) -> str:
    paragraphs: list[_Text] = []
    paragraph: _Text | None = None
    for number, line in lines:
        if not line:
            # A blank line after a hyphenated word is a page break inside a word, not a paragraph.
            if paragraph is not None and not _HYPHEN_AT_END.search(paragraph.text):
                paragraphs.append(paragraph)
                paragraph = None
            continue
        if paragraph is None:
            paragraph = _Text(number, line)
        else:
            paragraph.add(number, line)
    if paragraph is not None:
        paragraphs.append(paragraph)
    return "\n\n".join(_corrected(paragraph, corrections) for paragraph in paragraphs)


def _corrected(text: _Text, corrections: list[Correction]) -> str:
    """``text`` with the known OCR confusions and comma quotes repaired; each repair is recorded."""

    def word(match: re.Match) -> str:
        corrections.append(
            Correction(text.line_at(match.start()), match.group(1), _CORRECTIONS[match.group(1)])
        )
        return _CORRECTIONS[match.group(1)]

    # Offsets are those of the uncorrected text; the quotes are repaired second, so their
    # offsets shift by the corrections before them — a line number at most one line early.
    result = _CORRECTION.sub(word, text.text)
    return _repair_quotes(result, text, corrections)


def _repair_quotes(result: str, text: _Text, corrections: list[Correction]) -> str:
    pieces = []
    position = 0
    open_quote = False
    for index, character in enumerate(result):
        if (
            character == ","
            and (index == 0 or result[index - 1].isspace())
            and _COMMA_QUOTE.match(result, index)
            and _opens(result, index)
        ):
            pieces.append(result[position:index] + "„")
            position = index + 1
            open_quote = True
            word = re.match(r"\S*", result[index + 1 :])  # matches, if only the empty word
            word_end = word.end() if word else 0
            following = result[index + 1 : index + 1 + word_end]
            corrections.append(Correction(text.line_at(index), f",{following}", f"„{following}"))
        elif character == "„":
            open_quote = True
        elif character in "“”" and open_quote:
            if character == "”":
                pieces.append(result[position:index] + "“")
                position = index + 1
                corrections.append(Correction(text.line_at(index), "”", "“"))
            open_quote = False
    pieces.append(result[position:])
    return "".join(pieces)


def _opens(text: str, index: int) -> bool:
    """Whether the comma at ``index`` is a misread „: a closing quote follows before the next
    opening one or the end of the sentence."""
    rest = text[index + 1 :]
    closing = re.search(r"[“”\"]", rest)
    if closing is None:
        return False
    return not re.search(r"[„.!?]\s", rest[: closing.start()])
