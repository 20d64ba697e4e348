"""The REST API's list endpoints (/api/v1/…) without a key: p50/p95 over many requests with
varied filters (organisation, plan, field, status, changed since, pagination), and the SQL
queries per list on a small and a 200-measure plan.

Each request comes from another client address, as the Land's many readers would: the
anonymous request limit (per address, kept in the cache) is checked as in production but
never reached. "First run" clears the bench's cache keys before each endpoint (the cached list
counts of goals and measures among them); "again" repeats the same requests.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.plans.models import FieldOfAction, Goal, Plan, ProgressReport

from .dataset import BIG_PLAN_SLUG, MAIN_PLAN_PREFIX, SMALL_PLAN_SLUG
from .http import Timing, request, statement_timeout, timed
from .pages import _first_error
from .portal import cache_description, clear_cache

P95_TARGET_MS = 80
STATEMENT_TIMEOUT_S = 5
WARMUP = 3
JSON = "application/json"


@dataclass
class ApiTarget:
    org_slug: str
    plan_slug: str
    field_id: int
    field_number: int
    goal_id: int
    report_id: int


def _targets(plans: list[Plan], rng: random.Random) -> list[ApiTarget]:
    plan_ids = [p.pk for p in plans]
    fields: dict[int, list[tuple[int, int]]] = {}
    for pk, number, plan_id in FieldOfAction.objects.filter(plan_id__in=plan_ids).values_list(
        "pk", "number", "plan_id"
    ):
        fields.setdefault(plan_id, []).append((pk, number))
    goals: dict[int, list[int]] = {}
    for pk, plan_id in Goal.objects.filter(field__plan_id__in=plan_ids).values_list(
        "pk", "field__plan_id"
    ):
        goals.setdefault(plan_id, []).append(pk)
    reports: dict[int, list[int]] = {}
    for pk, plan_id in ProgressReport.objects.filter(
        plan_id__in=plan_ids, status="published"
    ).values_list("pk", "plan_id"):
        reports.setdefault(plan_id, []).append(pk)
    targets = []
    for plan in plans:
        field_id, number = rng.choice(sorted(fields[plan.pk]))
        targets.append(
            ApiTarget(
                plan.organization.slug,
                plan.slug,
                field_id,
                number,
                rng.choice(sorted(goals[plan.pk])),
                rng.choice(sorted(reports[plan.pk])),
            )
        )
    return targets


def _variants(totals: dict[str, int]):
    """Per endpoint: (variant name, function of (target, rng) giving (path, query params))."""
    recent = (timezone.now() - dt.timedelta(days=1)).isoformat(timespec="seconds")
    statuses = ["done", "in_progress", "not_started", "in_coordination"]

    def pages(name):
        # A page anywhere in the list, the deep ones included.
        return lambda t, rng: [("page", str(rng.randint(1, max(1, totals[name] // 50))))]

    def url(name):
        return reverse(f"api:{name}-list")

    return {
        "organizations": (
            url("organization"),
            [
                ("first page", lambda t, rng: []),
                ("page n", pages("organizations")),
                ("page_size 200", lambda t, rng: [("page_size", "200")]),
                ("lang=en", lambda t, rng: [("lang", "en")]),
            ],
        ),
        "plans": (
            url("plan"),
            [
                ("organization", lambda t, rng: [("organization", t.org_slug)]),
                ("page n", pages("plans")),
                ("page_size 100", lambda t, rng: [("page_size", "100")]),
                (
                    "organization, lang=en",
                    lambda t, rng: [("organization", t.org_slug), ("lang", "en")],
                ),
            ],
        ),
        "fields": (
            url("field"),
            [
                ("plan", lambda t, rng: [("plan", t.plan_slug)]),
                ("organization", lambda t, rng: [("organization", t.org_slug)]),
                ("page n", pages("fields")),
                ("first page", lambda t, rng: []),
            ],
        ),
        "goals": (
            url("goal"),
            [
                ("plan", lambda t, rng: [("plan", t.plan_slug)]),
                ("field", lambda t, rng: [("field", str(t.field_id))]),
                (
                    "plan + field_number",
                    lambda t, rng: [("plan", t.plan_slug), ("field_number", str(t.field_number))],
                ),
                ("page n", pages("goals")),
                ("first page", lambda t, rng: []),
            ],
        ),
        "measures": (
            url("measure"),
            [
                ("plan", lambda t, rng: [("plan", t.plan_slug)]),
                ("organization", lambda t, rng: [("organization", t.org_slug)]),
                ("field", lambda t, rng: [("field", str(t.field_id))]),
                ("goal", lambda t, rng: [("goal", str(t.goal_id))]),
                (
                    "plan + status",
                    lambda t, rng: [("plan", t.plan_slug), ("status", rng.choice(statuses))],
                ),
                (
                    "organization + 2 statuses",
                    lambda t, rng: [
                        ("organization", t.org_slug),
                        ("status", "done"),
                        ("status", "in_progress"),
                    ],
                ),
                ("status, whole Land", lambda t, rng: [("status", rng.choice(statuses))]),
                ("changed_since yesterday", lambda t, rng: [("changed_since", recent)]),
                (
                    "plan + changed_since 2024",
                    lambda t, rng: [("plan", t.plan_slug), ("changed_since", "2024-01-01")],
                ),
                ("page n (deep)", pages("measures")),
                (
                    "plan, page_size 500",
                    lambda t, rng: [("plan", t.plan_slug), ("page_size", "500")],
                ),
                ("first page", lambda t, rng: []),
            ],
        ),
        "reports": (
            url("report"),
            [
                ("organization", lambda t, rng: [("organization", t.org_slug)]),
                ("plan", lambda t, rng: [("plan", t.plan_slug)]),
                ("changed_since 2024", lambda t, rng: [("changed_since", "2024-01-01")]),
                ("changed_since yesterday", lambda t, rng: [("changed_since", recent)]),
                ("page n", pages("reports")),
            ],
        ),
        "report entries": (
            None,  # per report, see _calls
            [
                ("all (page 1)", lambda t, rng: []),
                ("status", lambda t, rng: [("status", rng.choice(statuses))]),
                ("field_number", lambda t, rng: [("field_number", str(t.field_number))]),
                ("page 2", lambda t, rng: [("page", "2")]),
                ("page_size 500", lambda t, rng: [("page_size", "500")]),
            ],
        ),
        "milestones": (
            url("milestone"),
            [
                ("plan", lambda t, rng: [("plan", t.plan_slug)]),
                ("organization", lambda t, rng: [("organization", t.org_slug)]),
                ("first page", lambda t, rng: []),
            ],
        ),
    }


_addresses = itertools.count(1)


def _options() -> dict:
    """Another client address for every request (documentation range 10.0.0.0/8)."""
    a = next(_addresses)
    return {"remote_addr": f"10.{a >> 16 & 255}.{a >> 8 & 255}.{a & 255}", "accept": JSON}


def _calls(endpoint, path, variants, targets, rng, n) -> tuple[list[tuple], list[str]]:
    calls, names = [], []
    for i in range(n):
        target = targets[i % len(targets)]
        name, params = variants[i % len(variants)]
        url = path or reverse("api:report-entries", args=[target.report_id])
        calls.append((url, urlencode(params(target, rng)), "", _options()))
        names.append(name)
    return calls, names


def _by_variant(results, timing: Timing, names: list[str]) -> dict:
    """p50 and max of each filter variant (failed requests with the time they took)."""
    grouped: dict[str, list[tuple[float, bool]]] = {}
    for name, item in zip(names, timing.sequence, strict=True):
        grouped.setdefault(name, []).append(item)
    summary = {}
    for name, items in grouped.items():
        durations = [seconds for seconds, _ok in items]
        failed = sum(1 for _seconds, ok in items if not ok)
        results.line(
            f"      {name:<30} p50 {statistics.median(durations) * 1000:7.1f}  "
            f"max {max(durations) * 1000:7.1f} ms  ({len(durations)})"
            + (f"  {failed} FAILED" if failed else "")
        )
        summary[name] = {
            "p50_ms": round(statistics.median(durations) * 1000, 2),
            "max_ms": round(max(durations) * 1000, 2),
            "failed": failed,
        }
    return summary


def run(results, scale, args) -> None:
    results.line(
        f"\n   (statements running longer than {STATEMENT_TIMEOUT_S} s are cancelled: the request "
        "fails and counts with its time)"
    )
    with statement_timeout(STATEMENT_TIMEOUT_S):
        _run(results, scale, args)


def _run(results, scale, args) -> None:
    from teilhabe.api import selectors

    rng = random.Random(2024)
    n = args.requests
    plans = list(
        Plan.objects.filter(slug__startswith=MAIN_PLAN_PREFIX)
        .select_related("organization")
        .only("id", "slug", "organization__slug")
        .order_by("pk")
    )
    sample = rng.sample(plans, min(len(plans), n + WARMUP))
    while len(sample) < n + WARMUP:
        sample.append(rng.choice(plans))
    targets = _targets(sample, rng)
    warmup, measured = targets[:WARMUP], targets[WARMUP:]
    totals = {
        "organizations": selectors.public_organizations().count(),
        "plans": selectors.public_plans().count(),
        "fields": selectors.public_fields().count(),
        "goals": selectors.public_goals().count(),
        "measures": selectors.public_measures().count(),
        "reports": selectors.public_reports().count(),
    }
    results.heading(
        f"REST API list endpoints: {n} requests each, varied filters, over "
        f"{len({t.org_slug for t in measured})} organisations, without a key"
    )
    results.line(f"   cache: {cache_description()}")
    results.line(
        "   lists: " + ", ".join(f"{k} {v:,}" for k, v in totals.items()) + "; each request "
        "from another client address (the anonymous limit is checked, never reached)"
    )
    results.load("api")
    section = {"totals": totals}
    overall_first, overall_again = Timing("api first"), Timing("api again")
    for endpoint, (path, variants) in _variants(totals).items():
        calls, names = _calls(endpoint, path, variants, measured, rng, n)
        warm, _ = _calls(endpoint, path, variants, warmup, rng, len(variants))
        timed(f"{endpoint} warm-up", warm)
        clear_cache()
        first = timed(endpoint, calls)
        # Requests that failed (a statement timeout) are not sent again.
        again = timed(
            f"{endpoint} again",
            [(*c[:3], _options()) for c, (_s, ok) in zip(calls, first.sequence, strict=True) if ok],
        )
        _first_error(results, f"api {endpoint}", first)
        if not first.count:
            results.figure(f"api {endpoint} p95", None, "ms", target=P95_TARGET_MS)
            continue
        failed = len(first.errors)
        results.figure(f"api {endpoint} p50", first.p50 * 1000, "ms")
        results.figure(
            f"api {endpoint} p95",
            first.percentile_all(95) * 1000,
            "ms",
            target=P95_TARGET_MS,
            detail=f"max {max(first.durations + first.error_durations) * 1000:.0f} ms, "
            f"{first.count + failed} requests, {len(variants)} filter variants"
            + (f", {failed} FAILED (counted with their time)" if failed else ""),
        )
        if again.count:
            results.figure(
                f"api {endpoint} p95, same requests again",
                again.percentile_all(95) * 1000,
                "ms",
                target=P95_TARGET_MS,
                detail=f"p50 {again.p50 * 1000:.1f} ms (list counts cached)"
                + (f"; the {failed} failed requests left out" if failed else ""),
            )
        variants_data = _by_variant(results, first, names)
        section[endpoint] = {
            "first": first.as_dict(),
            "again": again.as_dict(),
            "variants_first_run": variants_data,
        }
        overall_first.durations += first.durations
        overall_first.error_durations += first.error_durations
        overall_again.durations += again.durations
        overall_again.error_durations += again.error_durations
    if overall_first.count:
        results.figure(
            "api all list endpoints p95",
            overall_first.percentile_all(95) * 1000,
            "ms",
            target=P95_TARGET_MS,
            detail=f"p50 {overall_first.p50 * 1000:.1f} ms, "
            f"{overall_first.count + len(overall_first.error_durations)} requests "
            f"({len(overall_first.error_durations)} failed); "
            f"again p95 {overall_again.percentile_all(95) * 1000:.1f} ms",
        )
    results.section("api", section)

    if args.profile:
        from . import profiling

        target = measured[0]
        for label, path, query in (
            ("api measures ?plan", reverse("api:measure-list"), f"plan={target.plan_slug}"),
            ("api measures first page", reverse("api:measure-list"), ""),
        ):
            profiling.profile_page(
                results, label, path, "", query=query, before_each=clear_cache, accept=JSON
            )

    _query_counts(results)


def _count(path: str, query: str = "") -> tuple[int, int, float]:
    with CaptureQueriesContext(connection) as captured:
        response = request(path, query=query, **_options())
    return response.status, len(captured.captured_queries), response.seconds


def _query_counts(results) -> None:
    small = Plan.objects.get(slug=SMALL_PLAN_SLUG)
    big = Plan.objects.filter(
        organization_id=small.organization_id, slug__startswith=MAIN_PLAN_PREFIX
    ).get()
    huge = Plan.objects.get(slug=BIG_PLAN_SLUG)
    plans = (small, big, huge)

    def latest(plan):
        return ProgressReport.objects.latest_for(plan, published_only=True).pk

    lists = {
        "plans": lambda p: (reverse("api:plan-list"), f"organization={p.organization.slug}"),
        "fields": lambda p: (reverse("api:field-list"), f"plan={p.slug}"),
        "goals": lambda p: (reverse("api:goal-list"), f"plan={p.slug}"),
        "measures": lambda p: (reverse("api:measure-list"), f"plan={p.slug}"),
        "measures ?status": lambda p: (
            reverse("api:measure-list"),
            f"plan={p.slug}&status=done&status=in_progress",
        ),
        "reports": lambda p: (reverse("api:report-list"), f"plan={p.slug}"),
        "report entries": lambda p: (reverse("api:report-entries", args=[latest(p)]), ""),
    }
    results.heading("SQL queries per API list (first page): small plan against a 200-measure plan")
    results.line(
        f"   '{small.slug}', '{big.slug}' and '{huge.slug}'; the bench's cache keys cleared "
        "before each request"
    )
    results.line(f"   {'list':<22} {'small':>6} {'200-measure':>12}   verdict   {'10,000':>8}")
    table = {}
    for name, make in lists.items():
        counts = {}
        for plan in plans:
            clear_cache()
            counts[plan.pk] = _count(*make(plan))
        (ss, sc, _), (bs, bc, _), (hs, hc, hsec) = (counts[p.pk] for p in plans)
        ok = ss == bs == 200
        verdict = ("PASS" if bc <= sc else "FAIL") if ok else "N/A"

        def shown(status, count):
            return str(count) if status == 200 else f"HTTP {status}"

        results.line(
            f"   {name:<22} {shown(ss, sc):>6} {shown(bs, bc):>12}   {verdict:<7}   "
            f"{shown(hs, hc):>8} in {hsec * 1000:,.0f} ms"
        )
        table[name] = {"small": sc, "big": bc, "huge": hc, "verdict": verdict}
        results.figures.append(
            {
                "name": f"api queries {name} (small → 200 measures)",
                "value": bc if ok else None,
                "unit": "queries",
                "target": sc if ok else None,
                "higher_is_better": False,
                "verdict": verdict,
                "detail": f"{sc} → {bc}",
            }
        )
    results.section("api_query_counts", table)
