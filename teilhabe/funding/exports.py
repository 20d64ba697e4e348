"""Tables of the fund as CSV (German Excel) and XLSX, every value through the one formula
escape of all exports (teilhabe.documents.cells)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from teilhabe.documents import cells

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return value


def as_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    return cells.write_csv(header, ([_csv_value(v) for v in row] for row in rows))


def as_xlsx(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    # Imported when a workbook is written, not with the views: a web worker that serves
    # pages does without openpyxl (and lxml), ~12 MB.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append([cells.xlsx_value(sheet, h) for h in header])
    for row in rows:
        sheet.append([cells.xlsx_value(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
