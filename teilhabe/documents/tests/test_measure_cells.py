"""Period and priority cells of progress tables, read as the authors write them."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teilhabe.documents.measure_cells import Period, parse_period, parse_priority

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016–2017", Period(D(2016, 1, 1), D(2017, 12, 31))),
        ("2016 - 2019", Period(D(2016, 1, 1), D(2019, 12, 31))),
        ("2018/19", Period(D(2018, 1, 1), D(2019, 12, 31))),
        ("2017 bis 2020", Period(D(2017, 1, 1), D(2020, 12, 31))),
        ("2018", Period(D(2018, 1, 1), D(2018, 12, 31))),
        ("ab 2017", Period(starts_on=D(2017, 1, 1), ongoing=True)),
        ("seit Herbst 2015", Period(starts_on=D(2015, 1, 1), ongoing=True)),
        ("bis 2025", Period(ends_on=D(2025, 12, 31))),
        ("laufend", Period(ongoing=True)),
        ("Daueraufgabe", Period(ongoing=True)),
        ("2019–2017", Period()),  # backwards: not guessed
        ("kurzfristig", Period()),
        ("", Period()),
        ("Maßnahme 6.1.2", Period()),
    ],
)
def test_periods(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoch", "focus"),
        ("Schwerpunkt", "focus"),
        ("A", "focus"),
        ("Prio 1", "focus"),
        ("Quick-Win", "quick_win"),
        ("sofort", "quick_win"),
        ("mittel", "normal"),
        ("niedrig", "normal"),
        ("", "normal"),
        ("wichtig für den Bezirk", None),
    ],
)
def test_priorities(text, expected):
    assert parse_priority(text) == expected


@given(st.text(max_size=40))
def test_any_cell_gives_a_period_that_starts_before_it_ends(text):
    period = parse_period(text)
    if period.starts_on and period.ends_on:
        assert period.starts_on <= period.ends_on
