"""Render one Bilanz PDF a few times in a fresh process and print what it cost, as JSON:
`python -m bench.pdf_worker REPORT_ID RUNS`. Run by bench.pdf, so that the peak RSS belongs
to the rendering and not to the benchmark that generated a dataset before."""

import json
import os
import resource
import sys
import time
import tracemalloc


def _peak_rss_mb() -> float:
    """The peak resident set of this process since it started.

    VmHWM and not ru_maxrss: Linux carries the parent's peak into ru_maxrss across the
    (v)fork and exec that started this process, so ru_maxrss would report the benchmark's
    own peak (pages, spreadsheet) instead of the renderer's.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    report_id, runs = int(sys.argv[1]), int(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from teilhabe.plans.models import ProgressReport

    try:
        from teilhabe.plans.bilanz.render_pdf import render_bilanz_pdf
    except ImportError as error:
        print(json.dumps({"available": False, "error": str(error)}))
        return
    baseline = _peak_rss_mb()
    seconds, sizes, peaks = [], [], []
    for run in range(runs):
        report = ProgressReport.objects.select_related("plan__organization").get(pk=report_id)
        # tracemalloc slows Python down: only on the last run, which is not timed.
        traced = run == runs - 1 and runs > 1
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        pdf = render_bilanz_pdf(report)
        elapsed = time.perf_counter() - started
        if traced:
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
        else:
            seconds.append(elapsed)
        sizes.append(len(pdf))
        if not pdf.startswith(b"%PDF"):
            raise SystemExit("render_bilanz_pdf did not return a PDF")
    print(
        json.dumps(
            {
                "available": True,
                "seconds": seconds,
                "bytes": sizes[-1],
                "baseline_rss_mb": round(baseline, 1),
                "peak_rss_mb": round(_peak_rss_mb(), 1),
                "python_peak_mb": round(peaks[0], 1) if peaks else None,
            }
        )
    )


if __name__ == "__main__":
    main()
