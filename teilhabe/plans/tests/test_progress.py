"""The progress rule (plans/progress.py) as one table: counts in, figure, basis and bar out."""

import pytest
from django.utils import translation

from teilhabe.plans.progress import MIN_BASIS_SHARE, progress_figure


def counts(**given):
    keys = ("done", "in_progress", "in_coordination", "not_started", "not_possible", "unknown")
    return {key: given.get(key, 0) for key in keys}


# counts, mean, → figure text, basis text, too few, (achieved, open, unknown share of the bar)
TABLE = [
    pytest.param(counts(), None, "–", "aus 0 von 0 Maßnahmen", False, (0, 0, 0), id="no measures"),
    pytest.param(
        counts(unknown=3),
        None,
        "zu wenige Angaben",
        "aus 0 von 3 Maßnahmen",
        True,
        (0, 0, 100),
        id="all unknown",
    ),
    pytest.param(
        counts(not_possible=2),
        None,
        "zu wenige Angaben",
        "aus 0 von 2 Maßnahmen",
        True,
        (0, 0, 100),
        id="all not possible",
    ),
    pytest.param(
        counts(done=1, unknown=2),
        100.0,
        "zu wenige Angaben",
        "aus 1 von 3 Maßnahmen",
        True,
        (0, 33.3, 66.7),
        id="the issue's case: 1 of 3 done",
    ),
    pytest.param(
        counts(done=1, unknown=1),
        100.0,
        "100 %",
        "aus 1 von 2 Maßnahmen",
        False,
        (50, 0, 50),
        id="exactly half is enough",
    ),
    pytest.param(
        counts(done=1),
        100.0,
        "100 %",
        "aus 1 von 1 Maßnahme",
        False,
        (100, 0, 0),
        id="a single measure, fully known",
    ),
    pytest.param(
        counts(done=2, not_started=2),
        50.0,
        "50 %",
        "aus 4 von 4 Maßnahmen",
        False,
        (50, 50, 0),
        id="all known",
    ),
    pytest.param(
        counts(done=2, in_progress=1, unknown=1),
        83.3,
        "83,3 %",
        "aus 3 von 4 Maßnahmen",
        False,
        (62.5, 12.5, 25),
        id="three quarters known",
    ),
    pytest.param(
        counts(done=2, in_progress=2, not_possible=3),
        75.0,
        "75 %",
        "aus 4 von 7 Maßnahmen",
        False,
        (42.9, 14.2, 42.9),
        id="not possible is outside the basis",
    ),
    pytest.param(
        counts(in_coordination=2, unknown=3),
        10.0,
        "zu wenige Angaben",
        "aus 2 von 5 Maßnahmen",
        True,
        (0, 40, 60),
        id="below half",
    ),
    pytest.param(
        counts(not_started=3),
        None,
        "–",
        "aus 3 von 3 Maßnahmen",
        False,
        (0, 100, 0),
        id="known but no weight counts",
    ),
]


@pytest.mark.parametrize(("given", "mean", "figure", "basis", "too_few", "bar"), TABLE)
def test_the_progress_rule(given, mean, figure, basis, too_few, bar):
    total = sum(given.values())
    with translation.override("de"):
        result = progress_figure(counts=given, total=total, mean=mean)
        assert result.figure_text.replace("\u00a0", " ") == figure
        assert result.basis_text == basis
    assert result.too_few is too_few
    assert (result.achieved_share, result.open_share, result.unknown_share) == pytest.approx(bar)
    assert result.achieved_share + result.open_share + result.unknown_share == pytest.approx(
        100 if total else 0, abs=0.11
    )
    if too_few:
        assert result.percent is None
        assert result.basis < MIN_BASIS_SHARE * total or result.basis == 0


def test_text_puts_the_basis_next_to_the_figure():
    with translation.override("de"):
        shown = progress_figure(counts=counts(done=3, unknown=1), total=4, mean=100.0)
        thin = progress_figure(counts=counts(done=1, unknown=2), total=3, mean=100.0)
        empty = progress_figure(counts=counts(), total=0, mean=None)
        assert shown.text.replace("\u00a0", " ") == "100 % (aus 3 von 4 Maßnahmen)"
        assert thin.text == "zu wenige Angaben (aus 1 von 3 Maßnahmen)"
        assert thin.unknown_text == "ohne Angabe: 2 von 3 Maßnahmen"
        assert empty.text == "keine Maßnahmen"


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "too little information"), ("tr", "yeterli bilgi yok"), ("uk", "замало даних")],
)
def test_the_words_are_translated(language, words):
    with translation.override(language):
        thin = progress_figure(counts=counts(done=1, unknown=2), total=3, mean=100.0)
        assert thin.figure_text == words
        assert "3" in thin.basis_text and "Maßnahmen" not in thin.basis_text
