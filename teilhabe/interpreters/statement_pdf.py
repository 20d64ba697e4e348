"""The monthly allowance statement as a tagged PDF (PDF/UA-1), set by Typst from
`statement.typ` next to this module with the reports' fonts."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from teilhabe.reports.typst_engine import compile_typst

from .selectors_pool import STATEMENT_HEADER

TEMPLATE = Path(__file__).parent / "statement.typ"


def _german(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def statement_pdf(statement, rows: list[list[Any]]) -> bytes:
    pool = statement.pool
    data = {
        "title": f"Aufwandsentschädigungen {statement.month:%m/%Y}",
        "organization": pool.organization.name,
        "pool": pool.name,
        "created": timezone.localtime(statement.created_at).strftime("%d.%m.%Y"),
        "hourly_rate": _german(pool.hourly_rate),
        "km_rate": _german(pool.km_rate),
        "header": STATEMENT_HEADER,
        "rows": [
            [
                _german(v) if not isinstance(v, Decimal) or i != 5 else str(v).replace(".", ",")
                for i, v in enumerate(row)
            ]
            for row in rows
        ],
        "total": _german(statement.total),
    }
    return compile_typst(
        TEMPLATE,
        {"data": json.dumps(data, ensure_ascii=False)},
        format="pdf",
        pdf_standards=["ua-1"],
    )
