"""The Bilanz PDF of a 200-measure plan: time and peak memory, in a subprocess."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from teilhabe.plans.models import Measure, Plan, ProgressReport

from .dataset import MAIN_PLAN_PREFIX

SECONDS_TARGET = 1.0
RSS_TARGET_MB = 300
RUNS = 4  # the first one is cold (fonts, template), the last one is traced, not timed


def run(results, args) -> None:
    results.heading("Bilanz PDF of a 200-measure plan (render_bilanz_pdf, in a fresh process)")
    plan = Plan.objects.filter(slug__startswith=MAIN_PLAN_PREFIX).order_by("pk").first()
    report = ProgressReport.objects.filter(plan=plan, status="published").order_by("-as_of").first()
    measures = Measure.objects.filter(field__plan=plan).count()
    results.line(
        f"   plan '{plan.slug}' ({measures} measures), report '{report.title}' (published)"
    )
    process = subprocess.run(
        [sys.executable, "-m", "bench.pdf_worker", str(report.pk), str(RUNS)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=os.environ.copy(),
        check=False,
    )
    lines = process.stdout.strip().splitlines()
    if process.returncode != 0 or not lines:
        results.line("   the renderer failed:")
        results.line("   " + process.stderr.strip()[-2000:].replace("\n", "\n   "))
        results.figure("PDF render time", None, "s", target=SECONDS_TARGET)
        results.figure("PDF render peak RSS", None, "MB", target=RSS_TARGET_MB)
        results.section("pdf", {"error": process.stderr[-4000:]})
        return
    data = json.loads(lines[-1])
    if not data["available"]:
        results.line(f"   render_bilanz_pdf not available ({data['error']})")
        results.figure("PDF render time", None, "s", target=SECONDS_TARGET)
        results.figure("PDF render peak RSS", None, "MB", target=RSS_TARGET_MB)
        results.section("pdf", data)
        return
    cold, warm = data["seconds"][0], data["seconds"][1:]
    warm_median = statistics.median(warm) if warm else cold
    results.figure(
        "PDF render time (first in the process)",
        cold,
        "s",
        target=SECONDS_TARGET,
        detail="includes loading fonts and compiling the template",
    )
    results.figure(
        "PDF render time (median of later renders)",
        warm_median,
        "s",
        target=SECONDS_TARGET,
        detail=f"{len(warm)} renders, {data['bytes'] / 1024:.0f} KiB",
    )
    results.figure(
        "PDF render peak RSS of the process",
        data["peak_rss_mb"],
        "MB",
        target=RSS_TARGET_MB,
        detail=f"VmHWM; {data['baseline_rss_mb']:.0f} MB after Django setup and imports",
    )
    if data["python_peak_mb"] is not None:
        results.figure(
            "PDF render Python allocations (tracemalloc peak)",
            data["python_peak_mb"],
            "MB",
            detail="Python heap only; Typst's own memory shows in the RSS",
        )
    results.section("pdf", {**data, "report_id": report.pk})
