"""The corpus of progress reports modelled on those of other municipalities (see
fixtures/progress/README.md): each reads as its hand-checked expected result, or is refused
with the real reason first."""

import json
import time
from pathlib import Path

import pytest

from teilhabe.documents.bilanz import BilanzDocument
from teilhabe.documents.blocks import text_blocks
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.progress_report import read_progress_report, read_table
from teilhabe.documents.progress_table import (
    ProgressTable,
    Role,
    TableMapping,
    read_progress_table,
)
from teilhabe.documents.status import StatusKey

from .progress_docx import build_frankfurt_docx

CORPUS = Path(__file__).parent / "fixtures" / "progress"
FIXTURES = Path(__file__).parent / "fixtures"


def summary(table: ProgressTable) -> dict:
    """What a coordinator checks: the mapping, the fields and rows, and what was left over."""
    return {
        "title": table.title,
        "as_of": table.as_of.isoformat() if table.as_of else None,
        "columns": [
            f"{header} → {role.value}"
            for header, role in zip(table.mapping.columns, table.mapping.roles, strict=True)
        ],
        "statuses": {word: key.value for word, key in table.mapping.statuses.items()},
        "fields": [
            {
                "number": f.number,
                "title": f.title,
                "rows": [
                    [row.number, row.title, row.status.key.value, row.status.percent, row.group]
                    for row in f.rows
                ],
            }
            for f in table.fields
        ],
        "subheadings": table.subheadings,
        "left_over": table.left_over,
        "repeated_headers": table.repeated_headers,
        "joined_rows": table.joined_rows,
    }


def _document(name: str) -> tuple[bytes, str]:
    if name.endswith(".docx"):
        return build_frankfurt_docx(), name
    return (CORPUS / name).read_bytes(), name


@pytest.mark.parametrize(
    "name",
    [
        "berlin_umsetzungsbericht_2018.txt",
        "hannover_controlling_2013.txt",
        "lindau_umsetzungsstand_2021.txt",
        "mainz_sachstand_2014.pdf",
        "frankfurt_umsetzungsstand_2019.docx",
    ],
)
def test_corpus_reads_as_expected(name):
    data, filename = _document(name)
    table = read_progress_report(data, filename)
    assert isinstance(table, ProgressTable)
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text())
    assert summary(table) == expected


def test_a_report_without_a_table_of_measures_is_refused_for_that_reason():
    data = (CORPUS / "landau_zwischenbericht_2015.txt").read_bytes()
    with pytest.raises(DocumentError) as error:
        read_progress_report(data, "landau.txt")
    assert error.value.message.startswith("Keine Tabelle mit Maßnahmen gefunden: ")
    assert "„Jahr | Sitzungen | Teilnehmende“" in error.value.message


def test_prose_without_any_table_is_refused_for_that_reason():
    with pytest.raises(DocumentError) as error:
        read_progress_report(b"Protokoll\n\nStand: 1.2.2020\n\nDie Sitzung begann.", "")
    assert error.value.message.startswith("Keine Tabelle mit Maßnahmen gefunden: ")
    assert "keine Tabelle" in error.value.message


@pytest.mark.parametrize("name", ["bilanz_2017.txt", "bilanz_2017.docx", "bilanz_2017.pdf"])
def test_seed_002_layout_is_still_read_by_its_own_reader(name):
    document = read_progress_report((FIXTURES / name).read_bytes(), name)
    assert isinstance(document, BilanzDocument)
    assert document.fields


def test_the_table_reader_reads_seed_002_tables_too():
    table = read_table((FIXTURES / "bilanz_2017.txt").read_bytes(), "bilanz.txt")
    assert table.mapping.roles == (Role.TITLE, Role.DESCRIPTION, Role.STATUS)
    assert len(table.rows) > 5


def test_a_corrected_mapping_is_applied_and_keeps_unnamed_words():
    data = (CORPUS / "berlin_umsetzungsbericht_2018.txt").read_bytes()
    detected = read_table(data, "berlin.txt").mapping
    corrected = TableMapping(
        columns=detected.columns,
        roles=(Role.NUMBER, Role.TITLE, Role.IGNORE, Role.IGNORE, Role.STATUS, Role.IGNORE),
        statuses=detected.statuses | {"p": StatusKey.NOT_STARTED},
    )
    table = read_table(data, "berlin.txt", corrected)
    row = next(row for row in table.rows if row.number == "6.2.2")
    assert (row.status.key, row.status.percent, row.period) == (StatusKey.NOT_STARTED, None, "")
    assert TableMapping.from_json_dict(corrected.to_json_dict()) == corrected


def test_a_mapping_for_another_shape_is_refused_with_the_reason_first():
    mapping = TableMapping(columns=("A", "B"), roles=(Role.TITLE, Role.STATUS))
    with pytest.raises(
        DocumentError, match=r"^Keine Tabelle mit Maßnahmen gefunden: die gespeicherte"
    ):
        read_table((CORPUS / "hannover_controlling_2013.txt").read_bytes(), "h.txt", mapping)


def test_columns_in_any_order_and_numbering_without_headings_make_fields():
    text = "Stand | Maßnahme | Nr.\n".replace(" | ", "\t") + "".join(
        f"{status}\tMaßnahme {field}.{i}\t{field}.{i}\n"
        for field in (1, 2)
        for i, status in enumerate(("erledigt", "50 %", "offen"), start=1)
    )
    table = read_progress_table(text_blocks(text))
    assert [f.number for f in table.fields] == [1, 2]
    assert [row.status.key for row in table.fields[0].rows] == [
        StatusKey.DONE,
        StatusKey.IN_PROGRESS,
        StatusKey.NOT_STARTED,
    ]


def test_a_300_row_table_is_read_well_within_a_second():
    lines = ["Nr.\tMaßnahme\tZuständigkeit\tZeitraum\tStand\tFortschritt"]
    for field in range(1, 11):
        lines.append(f"Handlungsfeld {field}: Feld {field}")
        lines.extend(
            f"{field}.{i}\tMaßnahme {field}.{i} mit etwas längerem Titel\tAmt {i}\t2024\tlaufend\t{i}%"
            for i in range(1, 31)
        )
    data = "\n".join(lines).encode()
    started = time.perf_counter()
    table = read_table(data, "big.txt")
    assert time.perf_counter() - started < 1
    assert len(table.rows) == 300


@pytest.mark.parametrize(
    "name",
    [
        "berlin_umsetzungsbericht_2018.txt",
        "hannover_controlling_2013.txt",
        "lindau_umsetzungsstand_2021.txt",
    ],
)
@pytest.mark.parametrize("outer_bars", [False, True])
def test_the_same_tables_typed_with_bars_read_the_same(name, outer_bars):
    """A table typed or exported with bars ("Nr. | Maßnahme | Stand", with or without bars at
    the ends, and a drawn rule under the header) reads exactly like its tab-separated twin."""
    lines = []
    for line in (CORPUS / name).read_text(encoding="utf-8").split("\n"):
        if "\t" not in line:
            lines.append(line)
            continue
        cells = line.split("\t")
        row = " | ".join(cells)
        lines.append(f"| {row} |" if outer_bars else row)
    data = "\n".join(lines).encode("utf-8")
    table = read_progress_report(data, name)
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text())
    assert summary(table) == expected


def test_a_drawn_rule_under_the_header_is_not_a_row():
    blocks = text_blocks("Nr. | Maßnahme | Stand\n---|:---:|---\n1.1 | Sprachcafé | erledigt\n")
    assert [getattr(b, "cells", None) for b in blocks] == [
        ("Nr.", "Maßnahme", "Stand"),
        ("1.1", "Sprachcafé", "erledigt"),
    ]
    # One bar in a sentence stays prose.
    assert not hasattr(text_blocks("Kosten | Nutzen")[0], "cells")
