"""Matching a request against the pool's mediators: a pure function over plain data, so that it
can be tested with many generated pools and measured against 2,000 mediators without a database.

Who fits: speaks the language (and the dialect, when the request names one), works in the
request's municipality (for talks on site), is available on that weekday for the whole talk,
offers the mode (on site, phone, video) and has no other assignment overlapping it.

Who comes first: fair rotation — the fewest minutes of assignments in the recent period, so that
a long assignment counts more than a short one; relative to the workload the person wishes, so
that somebody who offered eight hours a month is asked twice as often as somebody who offered
four. Ties go to the mediator who has waited longest since their last assignment, then by number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Need:
    language: str
    dialect: str
    date: dt.date
    start: dt.time
    minutes: int
    mode: str
    municipality: str

    @property
    def window(self) -> tuple[int, int]:
        begin = self.start.hour * 60 + self.start.minute
        return begin, begin + self.minutes


@dataclass
class Candidate:
    id: int
    languages: frozenset[tuple[str, str]]
    areas: frozenset[str]
    weekdays: frozenset[int]
    modes: frozenset[str]
    available_from: dt.time | None = None
    available_until: dt.time | None = None
    preferred_minutes: int = 240
    recent_minutes: int = 0
    last_assignment: dt.date | None = None
    # (date, begin minute, end minute) of the mediator's assignments.
    busy: list[tuple[dt.date, int, int]] = field(default_factory=list)


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _minutes(time: dt.time | None, default: int) -> int:
    return default if time is None else time.hour * 60 + time.minute


def _check(need: Need):
    """The test whether a candidate fits `need`, with what depends on the need worked out once
    (ranking 2,000 mediators calls it 2,000 times)."""
    language, dialect = normalise(need.language), normalise(need.dialect)
    wanted = (language, dialect)
    begin, end = need.window
    weekday = need.date.weekday()
    municipality = normalise(need.municipality) if need.mode == "in_person" else ""

    def check(candidate: Candidate) -> bool:
        if dialect:
            if wanted not in candidate.languages:
                return False
        elif all(spoken != language for spoken, _dialect in candidate.languages):
            return False
        if candidate.modes and need.mode not in candidate.modes:
            return False
        if municipality and candidate.areas and municipality not in candidate.areas:
            return False
        if candidate.weekdays and weekday not in candidate.weekdays:
            return False
        if begin < _minutes(candidate.available_from, 0):
            return False
        if end > _minutes(candidate.available_until, 24 * 60):
            return False
        return not any(
            day == need.date and begin < busy_end and busy_begin < end
            for day, busy_begin, busy_end in candidate.busy
        )

    return check


def fits(need: Need, candidate: Candidate) -> bool:
    return _check(need)(candidate)


def rank(need: Need, candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates who fit, fairest first (see the module)."""
    check = _check(need)
    fitting = [candidate for candidate in candidates if check(candidate)]
    fitting.sort(
        key=lambda c: (
            c.recent_minutes / max(c.preferred_minutes, 1),
            c.last_assignment or dt.date.min,
            c.id,
        )
    )
    return fitting


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days (Monday to Friday) after `start` up to and including `end`. Public holidays
    differ by Land and are not counted out; the pool's lead time is a minimum, so a holiday in
    between only makes the rule slightly milder."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count
