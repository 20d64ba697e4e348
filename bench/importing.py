"""Import of seed 002 (the Böblingen Bilanz 2017): parsing alone, and the whole import into the
database inside a transaction that is rolled back."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from django.db import transaction

from teilhabe.organizations.models import Organization

SEED = Path(__file__).resolve().parent.parent / "teilhabe/demo/seeds/boeblingen_bilanz_2017.txt"
TARGET_SECONDS = 0.3
RUNS = 7


class _Rollback(Exception):
    pass


def run(results, args) -> None:
    from teilhabe.documents.bilanz import parse_bilanz
    from teilhabe.plans.services.bilanz_import import bilanz_import

    results.heading(f"Import of seed 002 ({SEED.name}), median of {RUNS} runs")
    data = SEED.read_bytes()
    parse_bilanz(data, "x.txt")  # warm: regexes, imports
    parse_times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        document = parse_bilanz(data, "x.txt")
        parse_times.append(time.perf_counter() - started)
    rows = sum(len(f.goals) for f in document.fields)
    results.figure(
        "parse_bilanz",
        statistics.median(parse_times),
        "s",
        target=TARGET_SECONDS,
        detail=f"{len(data) / 1024:.0f} KiB, {len(document.fields)} fields, {rows} rows",
    )

    organization = Organization.objects.order_by("pk").first()
    import_times, outcome = [], None
    for run_number in range(RUNS + 1):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                result = bilanz_import(
                    document=parse_bilanz(data, "x.txt"),
                    plan=None,
                    organization=organization,
                    plan_slug=f"bench-import-{run_number}",
                    by=None,
                )
                elapsed = time.perf_counter() - started
                outcome = (
                    f"{result.fields_created} fields, {result.measures_created} measures, "
                    f"{result.entries_changed} entries, {result.examples} examples"
                )
                raise _Rollback
        except _Rollback:
            pass
        if run_number:  # the first run warms the caches
            import_times.append(elapsed)
    results.figure(
        "parse + bilanz_import into the database",
        statistics.median(import_times),
        "s",
        target=TARGET_SECONDS,
        detail=f"{outcome}; rolled back",
    )
    results.section(
        "import",
        {"parse_seconds": parse_times, "import_seconds": import_times, "created": outcome},
    )
    _run_table(results, organization)


TABLE_TARGET_SECONDS = 1.0


def progress_table_300() -> bytes:
    """A progress table of another city's shape: 10 fields of 30 measures, status codes with a
    legend, percentages; 300 rows in all."""
    lines = [
        "Umsetzungsbericht (Benchmark)",
        "Stand: 31.12.2024",
        "Legende: U = umgesetzt, T = teilweise umgesetzt, N = nicht begonnen",
    ]
    for field in range(1, 11):
        lines.append(f"Handlungsfeld {field}: Feld {field}")
        lines.append("Nr.\tMaßnahme\tZuständigkeit\tZeitraum\tStand\tFortschritt")
        lines.extend(
            f"{field}.{i}\tMaßnahme {field}.{i} mit einem etwas längeren Titel\tAmt {i}\t2024\t"
            f"{'UTN'[i % 3]}\t{(i * 7) % 101} %"
            for i in range(1, 31)
        )
    return "\n".join(lines).encode()


def _run_table(results, organization) -> None:
    from teilhabe.documents.progress_report import read_table
    from teilhabe.plans.services.bilanz_import import progress_table_import

    data = progress_table_300()
    times, outcome = [], None
    for run_number in range(RUNS + 1):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                table = read_table(data, "table.txt")
                result = progress_table_import(
                    table=table,
                    as_of=table.as_of,
                    organization=organization,
                    plan_slug=f"bench-table-{run_number}",
                    by=None,
                )
                elapsed = time.perf_counter() - started
                outcome = f"{result.measures_created} measures, {result.entries_changed} entries"
                raise _Rollback
        except _Rollback:
            pass
        if run_number:
            times.append(elapsed)
    results.figure(
        "read_table + progress_table_import, 300 rows",
        statistics.median(times),
        "s",
        target=TABLE_TARGET_SECONDS,
        detail=f"{outcome}; rolled back",
    )
