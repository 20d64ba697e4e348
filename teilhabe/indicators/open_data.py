"""Open data of a published indicator: its values at every level and breakdown as CSV, XLSX and
JSON (one query for the values, whatever their number).

A suppressed value is written as an empty value with the flag "suppressed", never as a number:
the model keeps no number for it (a check constraint), and `rows` builds the value column from
`Observation.value` alone, so nothing else could leak into it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from .models import Flag, Indicator, Observation

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
# Stable machine names; the header row of CSV and XLSX uses them too, so files of every portal
# language read the same in a script.
COLUMNS = ("ags", "year", "dimension", "group", "value", "flag")


@dataclass(frozen=True)
class DataFile:
    content: bytes
    content_type: str
    filename: str


def rows(indicator: Indicator) -> list[dict]:
    observations = Observation.objects.filter(indicator=indicator).order_by(
        "ags", "year", "dimension", "group"
    )
    return [
        {
            "ags": o.ags,
            "year": o.year,
            "dimension": o.dimension,
            "group": o.group,
            "value": None if o.flag == Flag.SUPPRESSED else o.value,
            "flag": o.flag,
        }
        for o in observations
    ]


def _plain(value: Decimal | None) -> str:
    # Dot as the decimal sign and no grouping, as every program reads it.
    return "" if value is None else format(value.normalize(), "f")


def _meta(indicator: Indicator) -> dict:
    return {
        "code": indicator.code,
        "title": indicator.title,
        "description": indicator.description,
        "unit": indicator.unit,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "reference_date": indicator.reference_date,
        "source": indicator.source,
        "licence": indicator.licence,
        "frequency": indicator.frequency,
        "next_release": indicator.next_release.isoformat() if indicator.next_release else None,
        "direction": indicator.direction,
        "comparison_group": indicator.comparison_group,
    }


def render(indicator: Indicator, fmt: str) -> DataFile:
    data = rows(indicator)
    name = f"kennzahl-{indicator.pk}.{fmt}"
    if fmt == "json":
        document = {
            "meta": _meta(indicator),
            "columns": list(COLUMNS),
            "observations": [{**row, "value": _plain(row["value"]) or None} for row in data],
        }
        content = json.dumps(document, ensure_ascii=False, indent=1).encode()
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in data:
            writer.writerow([_plain(row[c]) if c == "value" else row[c] for c in COLUMNS])
        # A BOM so that spreadsheet programs open the umlauts of group names correctly.
        content = ("\ufeff" + buffer.getvalue()).encode()
    elif fmt == "xlsx":
        content = _xlsx(indicator, data)
    else:
        raise ValueError(fmt)
    return DataFile(content, CONTENT_TYPES[fmt], name)


def _xlsx(indicator: Indicator, data: list[dict]) -> bytes:
    # Sheet names stay the same in every portal language, like the column names: scripts find them.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Werte")
    sheet.append(list(COLUMNS))
    for row in data:
        sheet.append([row[c] for c in COLUMNS])
    about = workbook.create_sheet("Quelle und Lizenz")
    for key, value in _meta(indicator).items():
        about.append([key, value or ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
