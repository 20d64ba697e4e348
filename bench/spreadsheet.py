"""The XLSX round trip of a plan with 10,000 measures: export, parse, preview, apply — with the
file changed in between as a person would, inside a transaction that is rolled back."""

from __future__ import annotations

import io
import random
import time

from django.db import transaction

from teilhabe.organizations.models import Membership
from teilhabe.plans.models import Plan

from .dataset import BIG_PLAN_SLUG

TARGET_SECONDS = 5.0
CHANGED_SHARE = 0.1  # a tenth of the rows edited in the file


class _Rollback(Exception):
    pass


def _not_available(results, why: str) -> None:
    results.line(f"   not available: {why}")
    results.figure("XLSX round trip (export+parse+preview+apply)", None, "s", target=TARGET_SECONDS)
    results.section("xlsx", {"available": False, "why": why})


def _edited(content: bytes, share: float, rng: random.Random) -> tuple[bytes, int]:
    """The exported file as a person leaves it after editing `share` of the rows in a
    spreadsheet program: opened, cells changed, saved (with the dimensions a program writes)."""
    from openpyxl import load_workbook

    from teilhabe.documents.spreadsheet import SHEET_TITLE, STATUS_LABELS

    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[SHEET_TITLE]
    header = [cell.value for cell in sheet[1]]
    status_col = header.index("Umsetzungsstand") + 1
    percent_col = header.index("Prozent") + 1
    description_col = header.index("Beschreibung") + 1
    choices = [("in_progress", 70), ("done", 100), ("in_coordination", 20), ("in_progress", 40)]
    changed = 0
    for row in range(2, sheet.max_row + 1):
        if rng.random() >= share:
            continue
        status, percent = rng.choice(choices)
        sheet.cell(row, status_col).value = STATUS_LABELS[status]
        sheet.cell(row, percent_col).value = percent
        description = sheet.cell(row, description_col).value or ""
        sheet.cell(row, description_col).value = f"{description} Ergänzt beim Abgleich im Amt."
        changed += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), changed


def run(results, scale, args) -> None:
    results.heading(f"XLSX round trip of a plan with {scale.big_measures:,} measures")
    try:
        from teilhabe.documents import spreadsheet
        from teilhabe.plans import exchange
    except ImportError as error:
        _not_available(results, str(error))
        return
    needed = ("export_file", "import_preview", "import_apply")
    if not all(hasattr(exchange, name) for name in needed) or not hasattr(spreadsheet, "parse"):
        _not_available(results, "exchange API (export_file/import_preview/import_apply) missing")
        return

    plan = Plan.objects.select_related("organization").get(slug=BIG_PLAN_SLUG)
    user = (
        Membership.objects.filter(organization=plan.organization, role="coordinator")
        .select_related("user")
        .first()
        .user
    )
    rng = random.Random(99)
    steps: dict[str, float] = {}
    info: dict = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            exported = exchange.export_file(plan, "xlsx")
            steps["export"] = time.perf_counter() - started

            # The person's edit: not timed (it happens in their spreadsheet program).
            edited_file, changed = _edited(exported.content, CHANGED_SHARE, rng)

            started = time.perf_counter()
            parsed = spreadsheet.parse(edited_file, exported.filename)
            steps["parse"] = time.perf_counter() - started

            started = time.perf_counter()
            preview = exchange.import_preview(plan=plan, rows=parsed, user=user)
            steps["preview"] = time.perf_counter() - started

            started = time.perf_counter()
            outcome = exchange.import_apply(plan=plan, rows=parsed, by=user)
            steps["apply"] = time.perf_counter() - started
            info = {
                "rows": len(parsed),
                "rows_edited": changed,
                "preview_changed": len(preview.changed_rows),
                "preview_problems": len(preview.problem_rows),
                "applied": outcome.changed,
                "file_kib": round(len(exported.content) / 1024),
            }
            raise _Rollback
    except _Rollback:
        pass
    except Exception as error:  # noqa: BLE001 - an API still changing should not stop the other figures
        _not_available(results, f"{type(error).__name__}: {error}")
        return
    total = sum(steps.values())
    # The target is for 10,000 entries; a smaller (quick) plan gets no verdict.
    target = TARGET_SECONDS if info["rows"] >= 10_000 else None
    for name, seconds in steps.items():
        results.figure(f"  {name}", seconds, "s")
    results.figure(
        "XLSX round trip (export+parse+preview+apply)",
        total,
        "s",
        target=target,
        detail=f"{info['rows']:,} rows, {info['applied']:,} changed and written, "
        f"{info['file_kib']} KiB; apply re-runs the preview; rolled back",
    )
    if info["applied"]:
        results.line(
            f"   apply costs {steps['apply'] / info['applied'] * 1000:.1f} ms per changed row "
            "(history row, version check and lock per entry); with every row changed the "
            f"round trip would take about {total + steps['apply'] / info['applied'] * (info['rows'] - info['applied']):.0f} s"
        )
    results.section("xlsx", {"available": True, "steps": steps, **info})
