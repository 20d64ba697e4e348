"""Evidence for a slow page: where Python spends the time (cProfile) and the plan of the
slowest SQL query (EXPLAIN ANALYZE)."""

from __future__ import annotations

import cProfile
import io
import pstats

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .http import request

PROFILED_REQUESTS = 10


def profile_page(
    results, page: str, path: str, cookie: str, *, query: str = "", before_each=None, **options
) -> dict:
    """`before_each`: called (outside the profile) before every request, e.g. to clear the
    cache so that a cached page is profiled as a first view. `options`: see http.request."""
    results.heading(f"Profile: {page} ({path}{'?' + query if query else ''})")
    request(path, cookie=cookie, query=query, **options)  # warm
    profiler = cProfile.Profile()
    for _ in range(PROFILED_REQUESTS):
        if before_each is not None:
            before_each()
        profiler.enable()
        request(path, cookie=cookie, query=query, **options)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    # The project's functions and the Django calls that stand for SQL and templates; the
    # middleware wrappers above them say nothing.
    stats.print_stats(r"^(?!.*(deprecation|exception|middleware|wsgi|http|decorators)\.py)", 25)
    text = out.getvalue()
    results.line(
        f"   cProfile over {PROFILED_REQUESTS} requests, top 25 by cumulative time "
        "(without the middleware wrappers):"
    )
    body = text[text.find("   ncalls") :] if "   ncalls" in text else text
    results.line("   " + body.strip().replace("\n", "\n   "))

    if before_each is not None:
        before_each()
    with CaptureQueriesContext(connection) as captured:
        request(path, cookie=cookie, query=query, **options)
    queries = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)
    total = sum(float(q["time"]) for q in queries)
    results.line(f"\n   {len(queries)} queries, {total * 1000:.1f} ms in the database; slowest:")
    for q in queries[:3]:
        results.line(f"   {float(q['time']) * 1000:7.1f} ms  {q['sql'][:400]}")
    explain = ""
    if queries and queries[0]["sql"].lstrip().upper().startswith("SELECT"):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + queries[0]["sql"])
            explain = "\n".join(row[0] for row in cursor.fetchall())
        lines = explain.splitlines()
        results.line(f"\n   EXPLAIN ANALYZE of the slowest query ({len(lines)} lines, first 45):")
        results.line("   " + "\n   ".join(lines[:45]))
    record = {
        "path": path,
        "query": query,
        "cprofile_top": body,
        "queries": len(queries),
        "db_ms": round(total * 1000, 1),
        "slowest_sql": [{"ms": float(q["time"]) * 1000, "sql": q["sql"]} for q in queries[:3]],
        "explain_slowest": explain,
    }
    results.section(f"profile_{page.replace(' ', '_')}", record)
    return record
