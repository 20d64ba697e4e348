"""Matching as a pure function: who fits, and fair rotation — over many requests the load stays
balanced (a property test over generated pools)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.interpreters.matching import Candidate, Need, fits, rank, working_days_between

MONDAY = dt.date(2030, 3, 4)


def _candidate(id, **changes):
    values = {
        "id": id,
        "languages": frozenset({("arabisch", "syrisch"), ("französisch", "")}),
        "areas": frozenset({"böblingen"}),
        "weekdays": frozenset(range(5)),
        "modes": frozenset({"in_person", "phone"}),
        "available_from": dt.time(8),
        "available_until": dt.time(17),
    }
    return Candidate(**(values | changes))


def _need(**changes):
    values = {
        "language": "Arabisch",
        "dialect": "",
        "date": MONDAY,
        "start": dt.time(10),
        "minutes": 60,
        "mode": "in_person",
        "municipality": "Böblingen",
    }
    return Need(**(values | changes))


def test_what_fits():
    candidate = _candidate(1)
    assert fits(_need(), candidate)
    assert fits(_need(dialect=" syrisch "), candidate)
    assert not fits(_need(dialect="Irakisch"), candidate)
    assert not fits(_need(language="Farsi"), candidate)
    assert not fits(_need(municipality="Sindelfingen"), candidate)
    assert fits(_need(municipality="Sindelfingen", mode="phone"), candidate)
    assert not fits(_need(mode="video"), candidate)
    assert not fits(_need(date=MONDAY + dt.timedelta(days=5)), candidate)  # Saturday
    assert not fits(_need(start=dt.time(16, 30)), candidate)  # ends after 17:00
    assert not fits(_need(start=dt.time(7, 30)), candidate)
    busy = _candidate(2, busy=[(MONDAY, 10 * 60 + 30, 11 * 60 + 30)])
    assert not fits(_need(), busy)
    assert fits(_need(start=dt.time(11, 30)), busy)


def test_rank_prefers_least_recent_load_relative_to_wished_workload():
    light = _candidate(1, recent_minutes=120, preferred_minutes=480)  # 0.25
    heavy = _candidate(2, recent_minutes=120, preferred_minutes=240)  # 0.5
    idle = _candidate(3, recent_minutes=0)
    waited = _candidate(4, recent_minutes=0, last_assignment=dt.date(2029, 1, 1))
    other_language = _candidate(5, languages=frozenset({("farsi", "")}))
    ranked = [c.id for c in rank(_need(), [heavy, light, idle, waited, other_language])]
    assert ranked == [3, 4, 1, 2]


def test_working_days():
    assert working_days_between(MONDAY, MONDAY) == 0
    assert working_days_between(MONDAY, MONDAY + dt.timedelta(days=7)) == 5
    assert working_days_between(MONDAY + dt.timedelta(days=4), MONDAY + dt.timedelta(days=7)) == 1
    assert working_days_between(MONDAY, MONDAY + dt.timedelta(days=14)) == 10


@settings(max_examples=40, deadline=None)
@given(
    mediators=st.integers(min_value=2, max_value=12),
    lengths=st.lists(st.sampled_from([30, 60, 90, 120, 180]), min_size=20, max_size=120),
)
def test_rotation_keeps_load_balanced(mediators, lengths):
    """Each request goes to the first-ranked candidate; afterwards nobody has more minutes than
    anybody else plus the longest single assignment — the load never drifts apart."""
    candidates = [_candidate(i, preferred_minutes=240) for i in range(mediators)]
    for day, minutes in enumerate(lengths):
        need = _need(date=MONDAY + dt.timedelta(weeks=day), minutes=minutes)
        chosen = rank(need, candidates)[0]
        chosen.recent_minutes += minutes
        chosen.last_assignment = need.date
    loads = [c.recent_minutes for c in candidates]
    assert max(loads) - min(loads) <= max(lengths)
    assert sum(loads) == sum(lengths)
