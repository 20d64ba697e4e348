"""The cells of a progress table that describe a measure rather than its state — its period and
its priority — read into what a measure stores. Pure: text in, values out.

Plans write them as the authors do: "2016–2017", "2019", "ab 2020", "bis 2025", "seit 2015",
"laufend", "Daueraufgabe", "kurzfristig"; priorities as "hoch", "Schwerpunkt", "A", "1",
"Quick-Win" or "sofort". What cannot be read is left empty (and the importer says so), never
guessed: a wrong date in the plan is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Four-digit years between 1990 and 2099: plans are not older, and "1.2" is no year.
YEAR = r"(?:19[9]\d|20\d\d)"
ONGOING = re.compile(
    r"\b(laufend|fortlaufend|dauerhaft|daueraufgabe|kontinuierlich|stetig|ständig)\b"
)
RANGE = re.compile(rf"({YEAR})\s*(?:[-–—/]|bis)\s*({YEAR}|\d\d)\b")
FROM = re.compile(rf"\b(?:ab|seit|von)\s+(?:\w+\s+)?({YEAR})\b")
UNTIL = re.compile(rf"\b(?:bis|spätestens)\s+(?:\w+\s+)?({YEAR})\b")
SINGLE = re.compile(rf"\b({YEAR})\b")


@dataclass(frozen=True)
class Period:
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    ongoing: bool = False

    @property
    def read(self) -> bool:
        return bool(self.starts_on or self.ends_on or self.ongoing)


def parse_period(text: str) -> Period:
    """ "2016–2017" → 1 Jan 2016 to 31 Dec 2017; "ab 2020" → from 1 Jan 2020, ongoing; "laufend"
    → ongoing; "2019" → that year; anything else → nothing."""
    value = " ".join(text.lower().split())
    if not value:
        return Period()
    ongoing = bool(ONGOING.search(value))
    if match := RANGE.search(value):
        first, last = int(match.group(1)), match.group(2)
        # "2016-17": the century of the first year.
        end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        if end >= first:
            return Period(dt.date(first, 1, 1), dt.date(end, 12, 31), ongoing)
        return Period(ongoing=ongoing)
    if match := FROM.search(value):
        return Period(starts_on=dt.date(int(match.group(1)), 1, 1), ongoing=True)
    if match := UNTIL.search(value):
        return Period(ends_on=dt.date(int(match.group(1)), 12, 31), ongoing=ongoing)
    years = SINGLE.findall(value)
    if len(years) == 1 and not ongoing:
        year = int(years[0])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return Period(ongoing=ongoing)


FOCUS_WORDS = re.compile(
    r"^(hoch|sehr hoch|schwerpunkt\w*|prio(rität)?\s*1|1|a|vorrangig|dringend|high)$"
)
QUICK_WORDS = re.compile(r"^(quick[- ]?win|sofort\w*|kurzfristig)$")
NORMAL_WORDS = re.compile(
    r"^(mittel|normal|niedrig|gering|prio(rität)?\s*[23]|[23]|[bc]|low|medium)$"
)


def parse_priority(text: str) -> str | None:
    """ "focus", "quick_win", "normal" — the values of plans' Priority — or None if the cell says
    something else (then the measure keeps the default and the importer names the word)."""
    value = " ".join(text.lower().strip(" .:").split())
    if not value:
        return "normal"
    if FOCUS_WORDS.match(value):
        return "focus"
    if QUICK_WORDS.match(value):
        return "quick_win"
    if NORMAL_WORDS.match(value):
        return "normal"
    return None
