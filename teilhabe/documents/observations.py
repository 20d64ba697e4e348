"""Values of an indicator from a table as a Statistisches Landesamt publishes it: one row per
municipality and year, the Amtlicher Gemeindeschlüssel (AGS) in a column, the value in another,
optionally a breakdown (Merkmal / Ausprägung) and a flag. Pure: bytes in, rows out, or one
``DocumentError`` naming the row.

The Landesämter's conventions are read as meant: decimal commas and thousands points
("1.234,5"), "." for a value withheld because the group is small (geheim gehalten), "-" for
nothing (zero), "p" after a provisional and "e" or "s" after an estimated value, and the AGS of
a Kreis or the Land with trailing zeros ("08115000", "08000000"). The AGS's validity against the
known municipalities is checked by the importer, which knows them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .errors import DocumentError
from .spreadsheet import _csv_records, _xlsx_records, file_format

HEADERS = {
    "ags": re.compile(
        r"^(ags|gemeindeschlüssel|amtlicher gemeindeschlüssel|gkz|gemeindekennziffer|schlüssel)$"
    ),
    "name": re.compile(r"^(gemeinde|name|gebiet|kreis|region|gemeindename)$"),
    "year": re.compile(r"^(jahr|berichtsjahr|stichtag|periode|zeit)$"),
    "value": re.compile(r"^(wert|anzahl|insgesamt|quote|anteil|value)\b"),
    "dimension": re.compile(r"^(merkmal|dimension|aufgliederung)$"),
    "group": re.compile(r"^(ausprägung|gruppe|kategorie)$"),
    "flag": re.compile(r"^(kennzeichen|flag|status|hinweis)$"),
}
REQUIRED = ("ags", "year", "value")
LABELS = {"ags": "AGS", "year": "Jahr", "value": "Wert"}
NUMBER = re.compile(
    r"^-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?$|^-?[0-9]+(,[0-9]+)?$|^-?[0-9]+\.[0-9]+$"
)
FLAG_SUFFIX = re.compile(r"^(.*?)\s*([pPeEsS])$")


@dataclass(frozen=True)
class ObservationRow:
    line: int
    ags: str
    year: int
    value: Decimal | None
    flag: str  # "", "provisional", "estimated", "suppressed"
    dimension: str = ""
    group: str = ""
    name: str = ""


def parse_observations(
    data: bytes, filename: str, *, today: dt.date | None = None
) -> list[ObservationRow]:
    fmt = file_format(filename)
    if fmt not in ("csv", "xlsx"):
        raise DocumentError("Werte lassen sich aus CSV- oder XLSX-Dateien einlesen.")
    if not data.strip():
        raise DocumentError("Die Datei ist leer.")
    records = _csv_records(data) if fmt == "csv" else _xlsx_records(data)
    header_at, columns = _header(records)
    this_year = (today or dt.date.today()).year
    rows: list[ObservationRow] = []
    seen: dict[tuple, int] = {}
    for line, record in records[header_at + 1 :]:
        cells = [str(value).strip() if value is not None else "" for value in record]
        if not any(cells):
            continue
        row = _row(line, cells, columns, this_year)
        key = (row.ags, row.year, row.dimension, row.group)
        if key in seen:
            raise DocumentError(
                f"AGS {row.ags}, {row.year}{_group_text(row)} steht doppelt in der Datei "
                f"(zuerst in Zeile {seen[key]}).",
                line,
            )
        seen[key] = line
        rows.append(row)
    if not rows:
        raise DocumentError("Die Datei enthält keine Werte, nur die Kopfzeile.")
    return rows


def _group_text(row: ObservationRow) -> str:
    return f" ({row.dimension}: {row.group})" if row.dimension else ""


def _header(records) -> tuple[int, dict[str, int]]:
    """The first row naming at least AGS, year and value (a title may stand above it)."""
    for index, (_line, record) in enumerate(records[:20]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(record):
            text = " ".join(str(cell or "").lower().split())
            for role, pattern in HEADERS.items():
                if role not in columns and pattern.search(text):
                    columns[role] = position
                    break
        if all(role in columns for role in REQUIRED):
            return index, columns
    raise DocumentError(
        "Keine Kopfzeile mit den Spalten „AGS“, „Jahr“ und „Wert“ gefunden (Gemeindeschlüssel, "
        "Berichtsjahr und Wert dürfen auch so heißen)."
    )


def _cell(cells: list[str], columns: dict[str, int], role: str) -> str:
    position = columns.get(role)
    return cells[position] if position is not None and position < len(cells) else ""


def _row(line: int, cells: list[str], columns: dict[str, int], this_year: int) -> ObservationRow:
    ags = re.sub(r"\s", "", _cell(cells, columns, "ags"))
    if ags.endswith(".0"):  # a spreadsheet that stored the key as a number
        ags = ags[:-2]
    if (
        ags.isdigit() and len(ags) == 7
    ):  # the leading zero of Schleswig-Holstein … Baden-Württemberg lost
        ags = "0" + ags
    if not re.fullmatch(r"[0-9]{8}", ags):
        raise DocumentError(
            f"„{ags or '(leer)'}“ ist kein Gemeindeschlüssel (AGS, acht Ziffern).", line
        )
    year_text = _cell(cells, columns, "year")
    found = re.search(r"(19|20)[0-9]{2}", year_text)
    if not found:
        raise DocumentError(f"„{year_text or '(leer)'}“ ist kein Jahr.", line)
    year = int(found.group(0))
    if year > this_year:
        raise DocumentError(f"Das Jahr {year} liegt in der Zukunft.", line)
    value, flag = _value(_cell(cells, columns, "value"), line)
    explicit = _cell(cells, columns, "flag").lower()
    if explicit:
        if explicit in (".", "geheim", "gesperrt", "suppressed"):
            value, flag = None, "suppressed"
        elif explicit in ("p", "vorläufig", "provisional"):
            flag = flag or "provisional"
        elif explicit in ("e", "s", "geschätzt", "estimated"):
            flag = flag or "estimated"
    dimension, group = _cell(cells, columns, "dimension"), _cell(cells, columns, "group")
    if bool(dimension) != bool(group):
        raise DocumentError("Merkmal und Ausprägung stehen nur zusammen.", line)
    return ObservationRow(
        line=line,
        ags=ags,
        year=year,
        value=value,
        flag=flag,
        dimension=dimension[:60],
        group=group[:60],
        name=_cell(cells, columns, "name")[:200],
    )


def _value(text: str, line: int) -> tuple[Decimal | None, str]:
    text = text.replace("\u00a0", " ").strip()
    if text in (".", "•"):
        return None, "suppressed"
    if text in ("-", "–"):
        return Decimal("0"), ""
    flag = ""
    # "1.034p": a letter after a number flags it; "viele" stays a word (and is refused).
    if (match := FLAG_SUFFIX.match(text)) and NUMBER.match(match.group(1).replace(" ", "")):
        text, letter = match.group(1), match.group(2).lower()
        flag = "provisional" if letter == "p" else "estimated"
    text = text.replace(" ", "")
    if not NUMBER.match(text):
        raise DocumentError(f"„{text or '(leer)'}“ ist keine Zahl.", line)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", text):
        text = text.replace(".", "")  # thousands points without decimals: "1.234"
    try:
        return Decimal(text), flag
    except InvalidOperation as error:
        raise DocumentError(f"„{text}“ ist keine Zahl.", line) from error
