"""Open data of a published indicator: its values at every level and breakdown as CSV, XLSX and
JSON (one query for the values, whatever their number).

A suppressed value is written as an empty value with the flag "suppressed", never as a number:
the model keeps no number for it (a check constraint), and `rows` builds the value column from
`Observation.value` alone, so nothing else could leak into it.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from decimal import Decimal

from teilhabe.documents.cells import write_csv, xlsx_value

from .formatting import plain_value
from .models import Flag, Indicator, Observation

FORMATS = ("csv", "xlsx", "json", "jsonstat")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "jsonstat": "application/json; charset=utf-8",
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


def _number(value: Decimal | None) -> Decimal | None:
    """The value as a number the CSV writer prints in plain notation ("800", "-2.5", never
    "8E+2"); a number, so that a negative one is not mistaken for a formula and escaped."""
    return None if value is None else Decimal(plain_value(value))


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
    if fmt == "jsonstat":
        content = json.dumps(json_stat(indicator, data), ensure_ascii=False, indent=1).encode()
        name = f"kennzahl-{indicator.pk}.jsonstat.json"
    elif fmt == "json":
        document = {
            "meta": _meta(indicator),
            "columns": list(COLUMNS),
            "observations": [{**row, "value": plain_value(row["value"]) or None} for row in data],
        }
        content = json.dumps(document, ensure_ascii=False, indent=1).encode()
    elif fmt == "csv":
        # As every other export: semicolons, a BOM, formula prefixes of group names escaped.
        content = write_csv(
            COLUMNS,
            ([_number(row[c]) if c == "value" else row[c] for c in COLUMNS] for row in data),
        )
    elif fmt == "xlsx":
        content = _xlsx(indicator, data)
    else:
        raise ValueError(fmt)
    return DataFile(content, CONTENT_TYPES[fmt], name)


def _xlsx(indicator: Indicator, data: list[dict]) -> bytes:
    # Imported when a workbook is written, not with the views: a web worker that serves
    # pages does without openpyxl (and lxml), ~12 MB.
    from openpyxl import Workbook

    # Sheet names stay the same in every portal language, like the column names: scripts find them.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Werte")
    sheet.append(list(COLUMNS))
    for row in data:
        sheet.append([xlsx_value(sheet, row[c]) for c in COLUMNS])
    about = workbook.create_sheet("Quelle und Lizenz")
    for key, value in _meta(indicator).items():
        about.append([key, xlsx_value(about, value or "")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TOTAL = "insgesamt"


def json_stat(indicator: Indicator, data: list[dict]) -> dict:
    """The values as a JSON-stat 2.0 dataset (https://json-stat.org/format/): three dimensions —
    municipality (AGS, role geo), year (role time) and breakdown ("Merkmal: Ausprägung", the total
    first) — values in the sparse object form keyed by the flat index, and the flags as status.
    A suppressed value is null with the status "suppressed", never a number."""
    places = sorted({row["ags"] for row in data})
    years = sorted({row["year"] for row in data})
    groups = sorted(
        {f"{row['dimension']}: {row['group']}" if row["dimension"] else TOTAL for row in data},
        key=lambda g: (g != TOTAL, g),
    )
    index = {
        "ags": {code: i for i, code in enumerate(places)},
        "year": {str(year): i for i, year in enumerate(years)},
        "breakdown": {group: i for i, group in enumerate(groups)},
    }
    values: dict[str, float | None] = {}
    status: dict[str, str] = {}
    for row in data:
        group = f"{row['dimension']}: {row['group']}" if row["dimension"] else TOTAL
        flat = (index["ags"][row["ags"]] * len(years) + index["year"][str(row["year"])]) * len(
            groups
        ) + index["breakdown"][group]
        values[str(flat)] = None if row["value"] is None else float(row["value"])
        if row["flag"]:
            status[str(flat)] = row["flag"]
    meta = _meta(indicator)
    return {
        "version": "2.0",
        "class": "dataset",
        "label": indicator.title,
        "source": indicator.source,
        "note": [indicator.description] if indicator.description else [],
        "id": ["ags", "year", "breakdown"],
        "size": [len(places), len(years), len(groups)],
        "role": {"geo": ["ags"], "time": ["year"]},
        "dimension": {
            "ags": {
                "label": "Gemeinde (Amtlicher Gemeindeschlüssel)",
                "category": {"index": index["ags"]},
            },
            "year": {"label": "Jahr", "category": {"index": index["year"]}},
            "breakdown": {
                "label": "Merkmal: Ausprägung",
                "category": {
                    "index": index["breakdown"],
                    "unit": {TOTAL: {"label": indicator.unit}},
                },
            },
        },
        "value": values,
        "status": status,
        "extension": {"teilhabe": meta},
    }
