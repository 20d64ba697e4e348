"""Progress tables of any shape, generated: whatever the columns are called and in whatever
order they stand, with repeated header rows and a legend, every measure is read with its number,
title and status — none lost, none invented. And a damaged table gives a table or a
``DocumentError``, never another exception."""

from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from teilhabe.documents.blocks import text_blocks
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.progress_report import read_table
from teilhabe.documents.progress_table import read_progress_table
from teilhabe.documents.status import StatusKey
from teilhabe.testing.hypothesis import examples

from .test_bilanz_robustness import mutated_lines

SETTINGS = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Header words of each column as plans write them (a synonym is drawn for each table).
HEADERS = {
    "number": ["Nr.", "Nummer", "lfd. Nr.", "Pos."],
    "title": ["Maßnahme", "Maßnahmen", "Ziel", "Handlungsempfehlung", "Vorhaben", "Projekt"],
    "lead": ["Zuständigkeit", "Federführung", "verantwortlich", "Träger"],
    "period": ["Zeitraum", "Zeitrahmen", "Umsetzungszeitraum", "Laufzeit"],
    "description": ["Sachstand", "Beschreibung", "Bemerkung", "Erläuterung"],
    "status": ["Stand", "Status", "Umsetzungsstand", "Bewertung"],
}
# Status words with the status they mean, in the wordings of the corpus.
STATUS_WORDS = [
    ("umgesetzt", StatusKey.DONE),
    ("erledigt", StatusKey.DONE),
    ("in Umsetzung", StatusKey.IN_PROGRESS),
    ("laufend", StatusKey.IN_PROGRESS),
    ("nicht umgesetzt", StatusKey.NOT_STARTED),
    ("offen", StatusKey.NOT_STARTED),
]
WORDS = ["Beratung", "Sprachkurse", "Kita", "Wohnraum", "Ehrenamt", "Lotsen", "Schule", "Vereine"]
LEADS = ["Sozialamt", "Jobcenter", "Amt für Migration", "Schulamt"]
PERIODS = ["2019", "2020–2022", "ab 2021", "laufend"]
NOTES = ["wird fortgesetzt", "Konzept liegt vor", "Mittel beantragt", "Start im Herbst"]


@st.composite
def tables(draw):
    """(text, expected rows) of a table: 1–3 fields, 1–6 measures each, columns in any order."""
    extra = draw(st.lists(st.sampled_from(["lead", "period", "description"]), unique=True))
    columns = draw(st.permutations(["number", "title", "status", *extra]))
    # Tab-separated (from a word processor) or typed with bars, with or without outer bars.
    style = draw(st.sampled_from(["tab", "bars", "outer"]))

    def joined(cells):
        if style == "tab":
            return "\t".join(cells)
        inner = " | ".join(cells)
        return f"| {inner} |" if style == "outer" else inner

    header = joined([draw(st.sampled_from(HEADERS[c])) for c in columns])
    lines = ["Umsetzungsbericht zum Integrationskonzept", "Stand: 31.12.2023", ""]
    expected = []
    for field in range(1, draw(st.integers(1, 3)) + 1):
        lines += [f"Handlungsfeld {field}: {draw(st.sampled_from(WORDS))} und Teilhabe", header]
        for index in range(1, draw(st.integers(1, 6)) + 1):
            number = f"{field}.{index}"
            title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5)))
            title = f"{title} ausbauen"
            word, key = draw(st.sampled_from(STATUS_WORDS))
            cells = {
                "number": number,
                "title": title,
                "status": word,
                "lead": draw(st.sampled_from(LEADS)),
                "period": draw(st.sampled_from(PERIODS)),
                "description": draw(st.sampled_from(NOTES)),
            }
            lines.append(joined([cells[c] for c in columns]))
            if draw(st.integers(0, 9)) == 0:
                lines.append(header)  # a header row repeated after a page break
            expected.append((field, number, title, key))
        lines.append("")
    return "\n".join(lines), expected


@SETTINGS
@given(tables())
def test_every_measure_is_read_whatever_the_columns(table):
    text, expected = table
    read = read_progress_table(text_blocks(text))
    got = [(f.number, row.number, row.title, row.status.key) for f in read.fields for row in f.rows]
    assert got == expected


BERLIN = (
    Path(__file__).parent / "fixtures/progress/berlin_umsetzungsbericht_2018.txt"
).read_bytes()


@SETTINGS
@given(mutated_lines(BERLIN))
def test_a_damaged_table_is_read_or_refused_in_german(data):
    try:
        table = read_table(data, "bericht.txt")
    except DocumentError as error:
        assert error.message  # noqa: PT017 - one of two allowed outcomes
        event("DocumentError")
        return
    event("read")
    source = data.decode()
    # nothing invented: every title read stands in the document
    for row in table.rows:
        assert row.title.split()[0] in source
