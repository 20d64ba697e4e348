"""Side by side under the production server: gunicorn (config/gunicorn.py, 2 workers) serving
the bench URLconf, measured with wrk over real sockets, each page interleaved with the minimal
view in every round, so that a busy machine slows both alike.

Printed per page: throughput as a ratio to the minimal view (median of the rounds), p99 at 16
connections, and the server's CPU per request (all gunicorn processes, from /proc) with its
ratio — the load-independent reading. Then the longest answer at 50 connections and the
workers' memory after the load.

"First render" pages get a query string that changes with every request, so the page cache
(keyed on the full path) never has them: what a reader gets right after an edit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from teilhabe.organizations.models import Membership
from teilhabe.plans.models import Plan

from .dataset import MAIN_PLAN_PREFIX
from .http import session_cookie

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_SERVER_PORT", "58123"))
WORKERS = 2
CONNECTIONS = 16
ROUNDS = 3
CACHED_TARGET = 0.6
FRESH_TARGET = 0.1
P99_TARGET_MS = 100
MAX_AT_50_TARGET_MS = 1000
WORKER_MB_TARGET = 120

LUA = """
paths = {%(paths)s}
fresh = %(fresh)s
counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  if fresh then
    local sep = "?"
    if string.find(path, "?", 1, true) then sep = "&" end
    path = path .. sep .. "frisch=" .. counter .. "-" .. math.random(1000000000)
  end
  return wrk.format("GET", path, {["Host"] = "127.0.0.1", ["Cookie"] = "%(cookie)s"})
end
"""


def _pages() -> list[dict]:
    """What is measured: (label, paths, fresh, cookie, kind)."""
    plans = list(
        Plan.objects.filter(slug__startswith=MAIN_PLAN_PREFIX)
        .select_related("organization")
        .order_by("pk")[:20]
    )
    import random

    from .portal import _targets

    targets = _targets(plans, random.Random(10), 3)
    coordinator = (
        Membership.objects.filter(organization_id=plans[0].organization_id, role="coordinator")
        .select_related("user")
        .first()
    )
    cookie = session_cookie(coordinator.user) if coordinator else ""
    plan_paths = [reverse("portal:plan", args=[t.org_slug, t.plan_slug]) for t in targets]
    return [
        {"label": "site start page /", "paths": ["/"], "kind": "cached"},
        {
            "label": "organisation start page",
            "paths": [t.start() for t in targets],
            "kind": "cached",
        },
        {"label": "plan page", "paths": plan_paths, "kind": "cached"},
        {"label": "field page", "paths": [t.field() for t in targets], "kind": "cached"},
        {"label": "measure page", "paths": [t.measure() for t in targets], "kind": "cached"},
        {"label": "report page", "paths": [t.report() for t in targets], "kind": "cached"},
        {"label": "plan page, first render", "paths": plan_paths, "kind": "fresh", "fresh": True},
        {
            "label": "search",
            "paths": [f"/suche/?q={word}" for word in ("Sprachkurse", "Ehrenamt", "Wohnraum")],
            "kind": "fresh",
            "fresh": True,
        },
        {
            "label": "/api/v1/measures/",
            "paths": ["/api/v1/measures/"],
            "kind": "fresh",
            "fresh": True,
        },
        {
            "label": "back-office dashboard",
            "paths": [reverse("plans:plan_dashboard", args=[plans[0].slug])],
            "kind": "dashboard",
            "cookie": cookie,
        },
    ]


class Server:
    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "BIND": f"127.0.0.1:{PORT}",
            "WEB_CONCURRENCY": str(WORKERS),
            "GUNICORN_LOG_LEVEL": "warning",
            # The API's limit for anonymous clients would answer 429 after 120 requests.
            "TEILHABE_API_ANON_RATE": "100000000/min",
            # No recycling during the measurement: the memory figure is that of a worker that
            # served everything.
            "GUNICORN_MAX_REQUESTS": "0",
        }
        self.log = open(  # noqa: SIM115  (open while the server runs)
            tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")[1], "wb"
        )
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "config" / "gunicorn.py"),
             "--no-control-socket", "config.wsgi"],
            env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/minimal/", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: {Path(self.log.name).read_text()[-2000:]}")

    def pids(self) -> list[int]:
        assert self.process is not None
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        return [self.process.pid, *map(int, children)]

    def cpu_seconds(self) -> float:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def worker_mb(self) -> list[float]:
        sizes = []
        for pid in self.pids()[1:]:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                sizes.append(int(match.group(1)) / 1024)
        return sizes

    def worker_private_mb(self) -> list[float]:
        """Memory of each worker's own (not shared with the master after the fork)."""
        return self._rollup(r"^Private_(?:Clean|Dirty):\s+(\d+) kB")

    def worker_proportional_mb(self) -> list[float]:
        """Each worker's own memory plus its share of what it shares (PSS): what one more
        worker costs, where RSS counts the pages shared with the master in every worker."""
        return self._rollup(r"^Pss:\s+(\d+) kB")

    def _rollup(self, pattern: str) -> list[float]:
        sizes = []
        for pid in self.pids()[1:]:
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            sizes.append(sum(int(kb) for kb in re.findall(pattern, rollup, re.M)) / 1024)
        return sizes

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        if self.process is not None:
            self.log.close()
            os.unlink(self.log.name)


def _wrk(server: Server, page: dict, seconds: float, connections: int) -> dict:
    paths = ", ".join(f'"{p}"' for p in page["paths"])
    script = LUA % {
        "paths": paths,
        "fresh": "true" if page.get("fresh") else "false",
        "cookie": page.get("cookie", ""),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    before = server.cpu_seconds()
    done = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", lua.name,
         f"http://127.0.0.1:{PORT}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    cpu = server.cpu_seconds() - before
    os.unlink(lua.name)
    out = done.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": _ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)),
        "max_ms": _ms(re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+\w+)", out).group(1)),
        "requests": requests,
        "failed": (int(bad.group(1)) if bad else 0)
        + (sum(map(int, errors.groups())) if errors else 0),
        "cpu_ms": cpu * 1000 / requests if requests else None,
    }


def _get(path: str) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as response:
        response.read()


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run(results, scale, args) -> None:
    results.heading(
        f"Side by side: gunicorn ({WORKERS} workers) vs the minimal view, wrk -c{CONNECTIONS}, "
        f"{ROUNDS} interleaved rounds"
    )
    if shutil.which("wrk") is None:
        results.note(
            "wrk is not installed (Debian package wrk): the side-by-side section is skipped"
        )
        results.figure("side by side (needs wrk)", None, "")
        return
    seconds = 3 if args.quick else 8
    # The search page indexes stale plans within a time limit on every request: without an
    # up-to-date index it would measure the indexing (as on a fresh dataset: 8 req/s).
    from .portal import _search_index

    _search_index(results)
    pages = _pages()
    minimal = {"label": "minimal view", "paths": [reverse("bench_minimal")]}
    server = Server()
    server.start()
    try:
        for page in [minimal, *pages]:  # warm up: templates, connections, page cache
            if page.get("kind") == "cached":
                # Every path once: a report's first render takes up to half a second, so a
                # short burst leaves some of them to the first measured round.
                for path in page["paths"]:
                    _get(path)
            _wrk(server, page, 1, 4)
        rounds: dict[str, list[dict]] = {p["label"]: [] for p in pages}
        bare: list[dict] = []
        for _ in range(ROUNDS):
            for page in pages:
                base = _wrk(server, minimal, seconds, CONNECTIONS)
                bare.append(base)
                measured = _wrk(server, page, seconds, CONNECTIONS)
                measured["ratio"] = measured["rps"] / base["rps"] if base["rps"] else None
                measured["cpu_ratio"] = (
                    base["cpu_ms"] / measured["cpu_ms"] if measured["cpu_ms"] else None
                )
                rounds[page["label"]].append(measured)
        bare_rps = statistics.median(b["rps"] for b in bare)
        bare_cpu = statistics.median(b["cpu_ms"] for b in bare if b["cpu_ms"])
        results.figure(
            "minimal view requests/s (gunicorn)",
            bare_rps,
            "req/s",
            detail=f"CPU {bare_cpu:.2f} ms/request",
        )
        section = {"minimal": {"rps": bare_rps, "cpu_ms": bare_cpu}, "pages": {}}
        for page in pages:
            runs = rounds[page["label"]]
            ratio = statistics.median(r["ratio"] for r in runs)
            cpu_ratio = statistics.median(r["cpu_ratio"] for r in runs if r["cpu_ratio"])
            cpu_ms = statistics.median(r["cpu_ms"] for r in runs if r["cpu_ms"])
            p99 = max(r["p99_ms"] for r in runs)
            failed = sum(r["failed"] for r in runs)
            target = CACHED_TARGET if page["kind"] == "cached" else FRESH_TARGET
            results.figure(
                f"{page['label']} ÷ minimal",
                ratio,
                "",
                target=target,
                higher_is_better=True,
                detail=f"by CPU {cpu_ratio:.3f} ({cpu_ms:.2f} ms/request), "
                f"{statistics.median(r['rps'] for r in runs):.0f} req/s"
                + (f", {failed} FAILED requests" if failed else ""),
            )
            if page["kind"] != "dashboard":
                results.figure(f"{page['label']} p99 at {CONNECTIONS} connections", p99, "ms",
                               target=P99_TARGET_MS)  # fmt: skip
            section["pages"][page["label"]] = {
                "ratio": ratio, "cpu_ratio": cpu_ratio, "cpu_ms": cpu_ms, "p99_ms": p99,
                "failed": failed, "rounds": runs,
            }  # fmt: skip
        # 50 connections over every public page at once: nobody waits more than a second.
        everything = {
            "label": "all public pages",
            "paths": [p for page in pages if page["kind"] == "cached" for p in page["paths"]],
        }
        at50 = _wrk(server, everything, seconds, 50)
        results.figure("longest answer at 50 connections (public pages)", at50["max_ms"], "ms",
                       target=MAX_AT_50_TARGET_MS, detail=f"p99 {at50['p99_ms']:.0f} ms")  # fmt: skip
        sizes = server.worker_mb()
        private = server.worker_private_mb()
        proportional = server.worker_proportional_mb()
        results.figure("gunicorn worker memory after the load (largest)", max(sizes, default=None),
                       "MB", target=WORKER_MB_TARGET,
                       detail="RSS " + ", ".join(f"{s:.0f} MB" for s in sizes)
                       + "; of it the worker's own (not shared after the fork) "
                       + ", ".join(f"{s:.0f} MB" for s in private)
                       + "; PSS " + ", ".join(f"{s:.0f} MB" for s in proportional))  # fmt: skip
        section["at_50"] = at50
        section["worker_mb"] = sizes
        results.section("server_side_by_side", section)
    finally:
        server.stop()
    if settings.DEBUG:
        results.note("DEBUG is on: the figures above are not production's")
