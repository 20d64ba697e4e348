"""Collecting figures: each is printed as it is measured, next to its target, and all of them
end up in bench-results/latest.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent.parent / "bench-results"


def _head() -> str:
    """HEAD, with "+changes" when tracked files differ from it (others work in the same tree)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "diff", "--quiet", "HEAD", "--", "teilhabe", "config"], check=False
        ).returncode
    except OSError:
        return ""
    return head + ("+changes" if dirty else "")


class Results:
    def __init__(self, *, scale_name: str):
        self.started = dt.datetime.now(dt.UTC)
        self.scale_name = scale_name
        self.figures: list[dict] = []
        self.sections: dict[str, dict] = {}
        self.notes: list[str] = []
        self.loads: list[dict] = []
        # The code measured is the one imported at the start; others may commit meanwhile.
        self.commit_at_start = _head()

    def load(self, when: str) -> None:
        """Record the load average: other work on the machine inflates every timing."""
        one, five, fifteen = os.getloadavg()
        cpus = os.cpu_count() or 1
        self.loads.append({"when": when, "load_1_5_15": [one, five, fifteen], "cpus": cpus})
        busy = "  (busy: other processes compete for the CPUs)" if one > cpus * 0.75 else ""
        print(f"   load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {cpus} CPUs{busy}")

    # Printing ----------------------------------------------------------------------------------

    @staticmethod
    def heading(text: str) -> None:
        print(f"\n== {text} ==", flush=True)

    @staticmethod
    def line(text: str = "") -> None:
        print(text, flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"   note: {text}", flush=True)

    def figure(
        self,
        name: str,
        value: float | None,
        unit: str,
        *,
        target: float | None = None,
        higher_is_better: bool = False,
        detail: str = "",
    ) -> dict:
        """One measured figure; with a target it gets PASS or FAIL (None means not available)."""
        if value is None:
            verdict = "N/A"
        elif target is None:
            verdict = ""
        elif higher_is_better:
            verdict = "PASS" if value >= target else "FAIL"
        else:
            verdict = "PASS" if value <= target else "FAIL"
        shown = "not available" if value is None else f"{value:,.3f}".rstrip("0").rstrip(".")
        target_text = ""
        if target is not None:
            target_text = f"(target {'≥' if higher_is_better else '≤'} {target:g} {unit})".replace(
                " )", ")"
            )
        print(
            f"   {name:<46} {shown:>12} {unit:<6} {target_text:<24} {verdict}"
            + (f"  {detail}" if detail else ""),
            flush=True,
        )
        record = {
            "name": name,
            "value": value,
            "unit": unit,
            "target": target,
            "higher_is_better": higher_is_better,
            "verdict": verdict,
            "detail": detail,
        }
        self.figures.append(record)
        return record

    def section(self, key: str, data: dict) -> None:
        self.sections[key] = data

    # Output ------------------------------------------------------------------------------------

    def summary(self) -> None:
        targeted = [f for f in self.figures if f["verdict"]]
        self.heading("Summary")
        for f in targeted:
            shown = (
                "not available"
                if f["value"] is None
                else f"{f['value']:,.3f}".rstrip("0").rstrip(".")
            )
            print(f"   {f['verdict']:<5} {f['name']:<46} {shown} {f['unit']}")
        failed = [f for f in targeted if f["verdict"] == "FAIL"]
        missing = [f for f in targeted if f["verdict"] == "N/A"]
        print(
            f"\n   {len(targeted) - len(failed) - len(missing)} passed, {len(failed)} failed, "
            f"{len(missing)} not available",
            flush=True,
        )

    def write(self) -> Path:
        RESULTS_DIR.mkdir(exist_ok=True)
        path = RESULTS_DIR / "latest.json"
        payload = {
            "started": self.started.isoformat(),
            "finished": dt.datetime.now(dt.UTC).isoformat(),
            "scale": self.scale_name,
            "commit": self.commit_at_start,
            "commit_at_end": _head(),
            "machine": {"python": platform.python_version(), "platform": platform.platform()},
            "figures": self.figures,
            "sections": self.sections,
            "notes": self.notes,
            "load_average": self.loads,
        }
        path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
        return path
