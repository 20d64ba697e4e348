"""Turn the free-text status of a measure ("Umsetzung 50%", "Nicht umgesetzt.") into a key."""

import re
from dataclasses import dataclass
from enum import StrEnum

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.textutil import clean_text


class StatusKey(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    IN_COORDINATION = "in_coordination"
    NOT_STARTED = "not_started"
    NOT_POSSIBLE = "not_possible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ParsedStatus:
    key: StatusKey
    percent: int | None
    text: str


# Checked in this order against the lower-cased wording; the first match decides. Negations
# come before the positive words they contain ("nicht umgesetzt" contains "umgesetzt",
# "noch nicht begonnen" contains "begonnen").
_WORDING: tuple[tuple[StatusKey, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        (
            StatusKey.NOT_POSSIBLE,
            r"nicht möglich|nicht umsetzbar|wird nicht umgesetzt|kann nicht umgesetzt|\bentfällt",
        ),
        (StatusKey.IN_COORDINATION, r"abstimmung|\bin planung\b|\bin vorbereitung\b"),
        (
            StatusKey.NOT_STARTED,
            r"nicht umgesetzt|nicht begonnen|keine umsetzung|\bnoch offen\b",
        ),
        (
            StatusKey.IN_PROGRESS,
            (
                r"\bin (?:arbeit|umsetzung|bearbeitung)\b|\bbegonnen\b|\bteilweise\b"
                r"|\bnicht vollständig\b|\bläuft\b"
            ),
        ),
        (StatusKey.DONE, r"\bumgesetzt\b|\babgeschlossen\b|\berledigt\b"),
    )
)

# A status in words implies a percent only where no other reading is possible.
_IMPLIED_PERCENT = {StatusKey.DONE: 100, StatusKey.NOT_STARTED: 0}

_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:%|prozent\b)", re.IGNORECASE)


def parse_status(raw: str) -> ParsedStatus:
    """Read a status cell; raise ``DocumentError`` for a percent above 100."""
    text = clean_text(raw)
    percent = _stated_percent(text)
    wording = _key_from_wording(text.casefold())
    # A stated percent is more precise than words like "in Arbeit", except that a measure
    # which cannot be implemented stays so whatever share was reached.
    if percent is None or wording is StatusKey.NOT_POSSIBLE:
        key = wording
        if percent is None:
            percent = _IMPLIED_PERCENT.get(key)
    else:
        key = _key_from_percent(percent)
    return ParsedStatus(key=key, percent=percent, text=text)


def _stated_percent(text: str) -> int | None:
    match = _PERCENT.search(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", "."))
    if value > 100:
        raise DocumentError(f"Prozentangabe über 100 % im Umsetzungsstand: „{text}“.")
    return int(value + 0.5)


def _key_from_wording(wording: str) -> StatusKey:
    if not wording:
        return StatusKey.UNKNOWN
    for key, pattern in _WORDING:
        if pattern.search(wording):
            return key
    return StatusKey.UNKNOWN


def _key_from_percent(percent: int) -> StatusKey:
    if percent >= 100:
        return StatusKey.DONE
    if percent <= 0:
        return StatusKey.NOT_STARTED
    return StatusKey.IN_PROGRESS
