"""Back-office pages: latency over many plans, throughput against a minimal view, and query
counts on a small and a 200-measure plan."""

from __future__ import annotations

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.organizations.models import Membership
from teilhabe.plans.models import Measure, Plan, ProgressReport

from . import profiling
from .dataset import BIG_PLAN_SLUG, MAIN_PLAN_PREFIX, SMALL_PLAN_SLUG
from .http import request, session_cookie, timed

P95_TARGET_MS = 100
THROUGHPUT_RATIO_TARGET = 0.2
WARMUP = 5

PAGES = {
    "dashboard": "plans:plan_dashboard",
    "field page": "plans:field_detail",
    "measure list": "plans:measure_list",
}


def _url(page: str, plan: Plan, field_number: int) -> str:
    name = PAGES[page]
    if name == "plans:field_detail":
        return reverse(name, args=[plan.slug, field_number])
    return reverse(name, args=[plan.slug])


def _coordinators(plans) -> dict[int, object]:
    """The coordinator of each plan's organisation, with a logged-in session cookie."""
    org_ids = {p.organization_id for p in plans}
    users = {}
    for membership in Membership.objects.filter(
        organization_id__in=org_ids, role="coordinator"
    ).select_related("user"):
        users.setdefault(membership.organization_id, membership.user)
    return {org_id: session_cookie(user) for org_id, user in users.items()}


def _first_error(results, label, timing) -> str:
    if not timing.errors:
        return ""
    first = timing.errors[0]
    results.line(
        f"   {label}: {len(timing.errors)} of {len(timing.errors) + timing.count} requests failed"
    )
    head, _, trace = first.partition("\n")
    last_lines = [line for line in trace.strip().splitlines() if line.strip()][-4:]
    results.line(f"      first failure: {head}")
    for line in last_lines:
        results.line(f"      {line}")
    return first


def run(results, scale, args) -> None:
    rng = random.Random(4711)
    plans = list(
        Plan.objects.filter(slug__startswith=MAIN_PLAN_PREFIX).only("id", "slug", "organization_id")
    )
    n = args.requests
    sample = rng.sample(plans, min(len(plans), n + WARMUP))
    while len(sample) < n + WARMUP:  # the quick dataset has fewer plans than requests
        sample.append(rng.choice(plans))
    cookies = _coordinators(sample)
    page_timings = {}

    if "pages" in args.sections:
        results.heading(
            f"Back-office pages: {n} requests each over {len({p.pk for p in sample})} plans, "
            "each as the coordinator of the plan's organisation"
        )
        results.line(
            "   server time per request through the full WSGI handler and middleware "
            "(in-process, DEBUG off, persistent DB connection)"
        )
        results.load("pages")
        for page in PAGES:
            calls = [
                (_url(page, plan, rng.randint(1, scale.fields)), "", cookies[plan.organization_id])
                for plan in sample
            ]
            timed(f"{page} warm-up", calls[:WARMUP])
            timing = timed(page, calls[WARMUP:])
            page_timings[page] = timing
            _first_error(results, page, timing)
            if timing.count:
                results.figure(f"{page} p50", timing.p50 * 1000, "ms")
                results.figure(
                    f"{page} p95",
                    timing.p95 * 1000,
                    "ms",
                    target=P95_TARGET_MS,
                    detail=f"max {max(timing.durations) * 1000:.0f} ms, {timing.count} requests",
                )
            else:
                results.figure(f"{page} p95", None, "ms", target=P95_TARGET_MS, detail="page fails")
            results.section(f"page_{page.replace(' ', '_')}", timing.as_dict())

        # Filtering by status filters on the entry subquery: worth watching, no target.
        calls = [
            (_url("measure list", plan, 1), "status=in_progress", cookies[plan.organization_id])
            for plan in sample[: max(20, n // 4)]
        ]
        filtered = timed("measure list filtered", calls)
        if filtered.count:
            results.figure(
                "measure list ?status=in_progress p95",
                filtered.p95 * 1000,
                "ms",
                detail=f"p50 {filtered.p50 * 1000:.0f} ms, {filtered.count} requests (no target)",
            )
        results.section("page_measure_list_filtered", filtered.as_dict())

        # The dashboard is cached until the plan changes: the timings above are first views
        # after a change (each plan once); people mostly see it again unchanged.
        calls = [(_url("dashboard", plan, 1), "", cookies[plan.organization_id]) for plan in sample]
        cached = timed("dashboard cached", calls[WARMUP:])
        if cached.count:
            results.figure(
                "dashboard p95, repeat view (cached)",
                cached.p95 * 1000,
                "ms",
                target=P95_TARGET_MS,
                detail=f"p50 {cached.p50 * 1000:.1f} ms, {cached.count} requests",
            )
        results.section("page_dashboard_cached", cached.as_dict())

        _throughput(results, sample, cookies, page_timings.get("dashboard"), n, cached)

        slow = [
            page for page, t in page_timings.items() if t.count and t.p95 * 1000 > P95_TARGET_MS
        ]
        if args.profile or slow:
            for page in slow or list(PAGES):
                plan = sample[0]
                profiling.profile_page(
                    results, page, _url(page, plan, 1), cookies[plan.organization_id]
                )

    if "queries" in args.sections:
        _query_counts(results)


def _throughput(results, sample, cookies, dashboard, n, cached=None) -> None:
    results.heading("Throughput: dashboard against a minimal view through the same middleware")
    minimal_path = reverse("bench_minimal")
    calls = [(minimal_path, "", cookies[plan.organization_id]) for plan in sample] * 5
    timed("minimal warm-up", calls[:WARMUP])
    minimal = timed("minimal", calls[WARMUP:])
    results.figure(
        "minimal view requests/s",
        minimal.per_second,
        "req/s",
        detail=f"p50 {minimal.p50 * 1000:.2f} ms, {minimal.count} requests",
    )
    results.section("page_minimal", minimal.as_dict())
    login_path = reverse("bench_minimal_login")
    calls = [(login_path, "", cookies[plan.organization_id]) for plan in sample] * 2
    logged_in = timed("minimal logged in", calls)
    results.figure(
        "minimal view with login_required requests/s",
        logged_in.per_second,
        "req/s",
        detail=f"p50 {logged_in.p50 * 1000:.2f} ms: session and user lookups (no target)",
    )
    results.section("page_minimal_login", logged_in.as_dict())
    if dashboard is None or not dashboard.count:
        results.figure(
            "dashboard ÷ minimal throughput",
            None,
            "",
            target=THROUGHPUT_RATIO_TARGET,
            higher_is_better=True,
        )
        return
    results.figure(
        "dashboard requests/s", dashboard.per_second, "req/s", detail="sequential, one process"
    )
    results.figure(
        "dashboard ÷ minimal throughput",
        dashboard.per_second / minimal.per_second,
        "",
        target=THROUGHPUT_RATIO_TARGET,
        higher_is_better=True,
    )
    results.figure(
        "dashboard ÷ minimal-with-login throughput",
        dashboard.per_second / logged_in.per_second,
        "",
        detail="for comparison (no target)",
    )
    if cached is not None and cached.count:
        results.figure(
            "dashboard (cached) ÷ minimal throughput",
            cached.per_second / minimal.per_second,
            "",
            target=THROUGHPUT_RATIO_TARGET,
            higher_is_better=True,
            detail=f"{cached.per_second:.0f} req/s on repeat views",
        )
        results.figure(
            "dashboard (cached) ÷ minimal-with-login throughput",
            cached.per_second / logged_in.per_second,
            "",
            target=THROUGHPUT_RATIO_TARGET,
            higher_is_better=True,
            detail="both pay for the session and the user",
        )


def _count_queries(path: str, cookie: str) -> tuple[int, int, float]:
    with CaptureQueriesContext(connection) as captured:
        response = request(path, cookie=cookie)
    return response.status, len(captured.captured_queries), response.seconds


def _query_counts(results) -> None:
    small = Plan.objects.get(slug=SMALL_PLAN_SLUG)
    # The 200-measure plan of the same organisation, so that the same person asks for both.
    big = Plan.objects.filter(
        organization_id=small.organization_id, slug__startswith=MAIN_PLAN_PREFIX
    ).get()
    huge = Plan.objects.get(slug=BIG_PLAN_SLUG)
    plans = (small, big, huge)
    cookies = _coordinators(plans)
    sizes = {plan.pk: Measure.objects.filter(field__plan=plan).count() for plan in plans}
    results.heading("SQL queries per page: small plan against a 200-measure plan")
    results.line(
        f"   small '{small.slug}' ({sizes[small.pk]} measures), 200 '{big.slug}' "
        f"({sizes[big.pk]}, same coordinator), and for scale '{huge.slug}' ({sizes[huge.pk]:,})"
    )
    pages = {
        "dashboard": lambda p: reverse("plans:plan_dashboard", args=[p.slug]),
        "field page": lambda p: reverse("plans:field_detail", args=[p.slug, 1]),
        "measure list": lambda p: reverse("plans:measure_list", args=[p.slug]),
        "report page (latest)": lambda p: reverse(
            "plans:report_detail",
            args=[
                ProgressReport.objects.filter(plan=p)
                .order_by("-as_of")
                .values_list("pk", flat=True)[0]
            ],
        ),
    }
    table = {}
    huge_label = f"{sizes[huge.pk]:,}-measure"
    results.line(
        f"   {'page':<22} {'small':>6} {'200-measure':>12}   verdict   "
        f"{huge_label + ' (one request)':>28}"
    )
    for page, url in pages.items():
        counts = {
            plan.pk: _count_queries(url(plan), cookies[plan.organization_id]) for plan in plans
        }
        table[page] = record_query_counts(
            results, page, counts[small.pk], counts[big.pk], counts[huge.pk]
        )
    results.section("query_counts", table)


def _shown(status, count) -> str:
    return str(count) if status == 200 else f"HTTP {status}"


def record_query_counts(results, page, small, big, huge, *, name="queries", extra_column=""):
    """Print and record a page's query counts for the small, the 200-measure and the huge plan
    (each `(status, count, seconds)`): the 200-measure plan must need no more than the small one.
    Returns the row for the results' JSON section."""
    (small_status, small_count, _), (big_status, big_count, _) = small, big
    huge_status, huge_count, huge_seconds = huge
    ok = small_status == big_status == 200
    verdict = ("PASS" if big_count <= small_count else "FAIL") if ok else "N/A"
    huge_text = (
        f"{huge_count} in {huge_seconds * 1000:,.0f} ms"
        if huge_status == 200
        else _shown(huge_status, 0)
    )
    results.line(
        f"   {page:<22} {_shown(small_status, small_count):>6} "
        f"{_shown(big_status, big_count):>12}   {verdict:<7}   {huge_text:>28}{extra_column}"
    )
    results.figures.append(
        {
            "name": f"{name} {page} (small → 200 measures)",
            "value": big_count if ok else None,
            "unit": "queries",
            "target": small_count if ok else None,
            "higher_is_better": False,
            "verdict": verdict,
            "detail": f"{small_count} → {big_count}",
        }
    )
    return {
        "small": small_count,
        "big": big_count,
        "huge": huge_count,
        "huge_ms": round(huge_seconds * 1000, 1),
        "small_status": small_status,
        "big_status": big_status,
        "huge_status": huge_status,
        "verdict": verdict,
    }
