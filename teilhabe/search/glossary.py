"""The search glossary: key terms of integration work in the portal's languages, each with its
German words, so that `tercüman` (Turkish) or `перекладач` (Ukrainian) also finds the German
texts about Dolmetscher where nothing has been translated yet.

`glossary.csv` is maintained by hand: one concept per row, columns `de;en;tr;ar;uk`, several
words of a language separated by `|`. Every entry is one word (the search compares stems, so
`tercümanlar` finds the row of `tercüman`); the German column names the words searched in
addition. A word may stand in several rows: then all their German words are searched. Only
general terms belong here, no names of measures or organisations (their translations are part
of the content).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

GERMAN = "de"

GLOSSARY_FILE = Path(__file__).with_name("glossary.csv")


class GlossaryError(ValueError):
    pass


def parse_glossary(text: str) -> list[dict[str, tuple[str, ...]]]:
    """The rows of a glossary file: language → its words. Raises GlossaryError (German, with the
    line) for a row that does not fit the header, an empty German column or a phrase."""
    reader = csv.reader(text.splitlines(), delimiter=";")
    header = next(reader, None)
    if not header or header[0] != GERMAN:
        raise GlossaryError("Zeile 1: Die erste Spalte muss „de“ heißen.")
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise GlossaryError(
                f"Zeile {line}: {len(header)} Spalten erwartet, {len(cells)} gefunden."
            )
        row = {}
        for language, cell in zip(header, cells, strict=True):
            entries = tuple(w.strip() for w in cell.split("|") if w.strip())
            phrases = [w for w in entries if len(w.split()) > 1]
            if phrases:
                raise GlossaryError(f"Zeile {line}: „{phrases[0]}“ ist mehr als ein Wort.")
            row[language] = entries
        if not row[GERMAN]:
            raise GlossaryError(f"Zeile {line}: Die deutsche Spalte ist leer.")
        rows.append(row)
    return rows


@cache
def glossary_rows() -> list[dict[str, tuple[str, ...]]]:
    """The rows of the project's glossary file (read once per process)."""
    return parse_glossary(GLOSSARY_FILE.read_text(encoding="utf-8"))
