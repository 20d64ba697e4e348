"""The public portal and its search, as readers without an account see them: first views (cache
cold) and repeat views (served whole from the cache) over many organisations, the start page's
throughput against the minimal view, and the SQL queries per page on a small and a big plan.

Every request is anonymous (no cookie): the portal serves such readers whole pages from the
cache (teilhabe/core/page_cache.py). The cache is the one configured for the bench (Redis unless
CACHE_URL says otherwise, see config/settings/bench.py); "cold" clears the bench's own keys in
it: page copies, the fragments inside them and the organisations' generations.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.core import generations
from teilhabe.plans.models import Measure, Plan, ProgressReport

from . import dataset, profiling
from .dataset import BIG_PLAN_SLUG, MAIN_PLAN_PREFIX, SMALL_PLAN_SLUG
from .http import Timing, request, statement_timeout, timed
from .pages import _first_error, _shown, record_query_counts

P95_TARGET_MS = 50
STATEMENT_TIMEOUT_S = 5
THROUGHPUT_RATIO_TARGET = 0.3
WARMUP = 5
# Rounds over the sample for the throughput figures (one round is `--requests` requests).
THROUGHPUT_ROUNDS = 3

# Words of the generated texts, a few in another form than the text has: the search has to
# find "Sprachkurse" for "Sprachkurs", "Beratung" for "Beratungen", "Ehrenamtskoordination" for
# "Ehrenamt" (compound by prefix), two words ANDed, one word in nearly every plan.
SEARCH_WORDS = [
    "Sprachkurse",
    "Sprachkurs",
    "Beratungen",
    "Ehrenamt",
    "Dolmetscher",
    "Wohnraum",
    "Hausaufgabenhilfe Qualifizierung",
    "Integrationskurse Kinderbetreuung",
    "Fördermittel",
    "Gesundheitslotsen",
]


def cache_description() -> str:
    config = settings.CACHES["default"]
    backend = config["BACKEND"].rsplit(".", 1)[-1]
    location = config.get("LOCATION") or "(this process)"
    prefix = config.get("KEY_PREFIX")
    return f"{backend} {location}" + (f", key prefix '{prefix}'" if prefix else "")


def clear_cache() -> int:
    """Drop the bench's keys from the cache (all of them: pages, fragments, generations, API
    counts); on Redis only the keys under the bench's prefix. Returns how many were dropped."""
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        cache.clear()
        return -1
    client = cache._cache.get_client(write=True)
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    pattern = f"{prefix}:*" if prefix else "*"
    dropped = 0
    batch = []
    for key in client.scan_iter(match=pattern, count=2000):
        batch.append(key)
        if len(batch) >= 1000:
            dropped += client.delete(*batch)
            batch.clear()
    if batch:
        dropped += client.delete(*batch)
    return dropped


@dataclass
class Target:
    """One sampled plan and the pages of it a reader would open."""

    org_slug: str
    plan_slug: str
    field_number: int
    measure_id: int
    report_id: int

    def start(self) -> str:
        return reverse("portal:organization", args=[self.org_slug])

    def field(self) -> str:
        return reverse("portal:field", args=[self.org_slug, self.plan_slug, self.field_number])

    def measure(self) -> str:
        return reverse("portal:measure", args=[self.org_slug, self.plan_slug, self.measure_id])

    def report(self) -> str:
        return reverse("portal:report", args=[self.org_slug, self.plan_slug, self.report_id])


PAGES = {
    "start page": Target.start,
    "field page": Target.field,
    "measure page": Target.measure,
    "report page": Target.report,
}


def _targets(plans: list[Plan], rng: random.Random, fields: int) -> list[Target]:
    """For each plan: a field, a measure and a published report, picked at random."""
    plan_ids = [p.pk for p in plans]
    measures: dict[int, list[int]] = {}
    for pk, plan_id in Measure.objects.filter(field__plan_id__in=plan_ids).values_list(
        "pk", "field__plan_id"
    ):
        measures.setdefault(plan_id, []).append(pk)
    reports: dict[int, list[int]] = {}
    for pk, plan_id in ProgressReport.objects.filter(
        plan_id__in=plan_ids, status="published"
    ).values_list("pk", "plan_id"):
        reports.setdefault(plan_id, []).append(pk)
    return [
        Target(
            org_slug=plan.organization.slug,
            plan_slug=plan.slug,
            field_number=rng.randint(1, fields),
            measure_id=rng.choice(sorted(measures[plan.pk])),
            report_id=rng.choice(sorted(reports[plan.pk])),
        )
        for plan in plans
    ]


def _search_calls(targets: list[Target], rng: random.Random, n: int) -> list[tuple]:
    """n searches: words alone over the whole Land, and narrowed by organisation, field,
    status, a second page, and a few in English (German text found through the fallback)."""
    calls = []
    path_de = reverse("portal:search")
    with translation.override("en"):
        path_en = reverse("portal:search")
    statuses = ["done", "in_progress", "not_started"]
    for i in range(n):
        word = SEARCH_WORDS[i % len(SEARCH_WORDS)]
        target = targets[i % len(targets)]
        kind = i % 8
        params = [("q", word)]
        path = path_de
        if kind == 1:
            params.append(("organisation", target.org_slug))
        elif kind == 2:
            params += [("organisation", target.org_slug), ("feld", str(target.field_number))]
        elif kind == 3:
            params.append(("status", rng.choice(statuses)))
        elif kind == 4:
            params += [("organisation", target.org_slug), ("status", rng.choice(statuses))]
        elif kind == 5:
            params.append(("page", "2"))
        elif kind == 6:
            path = path_en
        calls.append((path, urlencode(params), ""))
    return calls


SEARCH_KINDS = {
    0: "words only",
    1: "+ organisation",
    2: "+ organisation + field",
    3: "+ status",
    4: "+ organisation + status",
    5: "page 2",
    6: "English page",
    7: "words only (again)",
}


def _report_timing(results, label: str, timing: Timing, *, target=P95_TARGET_MS, note=""):
    _first_error(results, label, timing)
    if not timing.count:
        results.figure(f"{label} p95", None, "ms", target=target, detail="page fails")
        return
    failed = len(timing.errors)
    results.figure(f"{label} p50", timing.p50 * 1000, "ms")
    results.figure(
        f"{label} p95",
        timing.percentile_all(95) * 1000,
        "ms",
        target=target,
        detail=f"max {max(timing.durations + timing.error_durations) * 1000:.0f} ms, "
        f"{timing.count + failed} requests, "
        f"CPU of this process p50 {timing.cpu_p50 * 1000:.1f} ms"
        + (f", {failed} FAILED (counted with their time)" if failed else "")
        + (f"; {note}" if note else ""),
    )


def run(results, scale, args) -> None:
    results.line(
        f"\n   (statements running longer than {STATEMENT_TIMEOUT_S} s are cancelled: the request "
        "fails and counts with its time)"
    )
    with statement_timeout(STATEMENT_TIMEOUT_S):
        _run(results, scale, args)


def _run(results, scale, args) -> None:
    rng = random.Random(1848)
    n = args.requests
    _search_index(results)
    warmup, measured = _warmup_and_measured(rng, n, scale.fields)
    first = _portal_pages(results, n, warmup, measured)
    search_first, search_calls = _search(results, n, warmup, measured, rng)
    _throughput(results, measured, n, args.profile)
    _profile_slow(results, args.profile, measured, first, search_first, search_calls)
    _query_counts(results)


def _search_index(results) -> None:
    results.heading("Search index")
    results.load("search index")
    built = dataset.search_index(log=results.line)
    if built["reused"]:
        results.line(
            f"   index up to date ({built['entries']:,} entries; checking took "
            f"{built['check_seconds'] * 1000:.0f} ms)"
        )
        if built["seconds"] is not None:
            results.figure(
                f"search index build for {built['plans']:,} plans (earlier run)",
                built["seconds"],
                "s",
                detail=f"built {built['built_at']}",
            )
    else:
        results.figure(
            f"search index build for {built['plans']:,} plans",
            built["seconds"],
            "s",
            detail=f"{built['entries']:,} entries",
        )
    results.section("search_index", built)


def _warmup_and_measured(
    rng: random.Random, n: int, fields: int
) -> tuple[list[Target], list[Target]]:
    """WARMUP targets to warm up with, then n to measure, on plans drawn from the main ones."""
    plans = list(
        Plan.objects.filter(slug__startswith=MAIN_PLAN_PREFIX)
        .select_related("organization")
        .only("id", "slug", "organization__slug")
        .order_by("pk")
    )
    sample = rng.sample(plans, min(len(plans), n + WARMUP))
    while len(sample) < n + WARMUP:  # the quick dataset has fewer plans than requests
        sample.append(rng.choice(plans))
    targets = _targets(sample, rng, fields)
    return targets[:WARMUP], targets[WARMUP:]


def _portal_pages(
    results, n: int, warmup: list[Target], measured: list[Target]
) -> dict[str, Timing]:
    """Times every portal page (first view, repeat view, after a bump); the first views."""
    distinct = len({t.org_slug for t in measured})

    results.heading(
        f"Public portal: {n} requests per page over {distinct} organisations, anonymous (no cookie)"
    )
    results.line(f"   cache: {cache_description()}")
    results.line(
        "   server time per request through the full WSGI handler and middleware; first view "
        "= the bench's cache keys cleared before each page's run (pages, fragments, "
        "generations), repeat view = the same addresses again; after a bump = the "
        "organisations' generations changed (as a save of portal details does), so the pages "
        "are rendered again but the fragments keyed on the plan's revision are still cached "
        "(no target: the cold and the cached case are the targeted ones)"
    )
    results.load("portal")
    for page, url in PAGES.items():
        timed(f"{page} warm-up", [(url(t), "", "") for t in warmup])
    first: dict[str, Timing] = {}
    repeat: dict[str, Timing] = {}
    for page, url in PAGES.items():
        calls = [(url(t), "", "") for t in measured]
        clear_cache()
        first[page] = timed(f"{page} first", calls)
        repeat[page] = timed(f"{page} repeat", calls)
        for scope in {generations.organization_scope(t.org_slug) for t in measured}:
            generations.bump(scope)
        bumped = timed(f"{page} after a bump", calls)
        _report_timing(results, f"{page}, first view", first[page])
        _report_timing(results, f"{page}, repeat view", repeat[page])
        if bumped.count:
            results.figure(
                f"{page}, after a generation bump p95",
                bumped.percentile_all(95) * 1000,
                "ms",
                detail=f"p50 {bumped.p50 * 1000:.1f} ms, CPU of this process p50 "
                f"{bumped.cpu_p50 * 1000:.1f} ms (fragments cached, no target)",
            )
        results.section(
            f"portal_{page.replace(' ', '_')}",
            {
                "first_view": first[page].as_dict(),
                "repeat_view": repeat[page].as_dict(),
                "after_generation_bump": bumped.as_dict(),
            },
        )
    return first


def _search(
    results, n: int, warmup: list[Target], measured: list[Target], rng: random.Random
) -> tuple[Timing, list[tuple]]:
    """Times the searches; the first run and its calls."""
    results.heading(f"Search: {n} searches, {len(SEARCH_WORDS)} words, with and without filters")
    results.line(
        "   /suche/?q=…: whole Land, + organisation, + field, + status, page 2, English; the "
        "search page is not cached (each search is a query on the index)"
    )
    results.load("search")
    search_calls = _search_calls(measured, rng, n)
    timed("search warm-up", _search_calls(warmup, rng, WARMUP))
    clear_cache()
    search_first = timed("search", search_calls)
    search_repeat = timed("search again", search_calls)
    _report_timing(results, "search", search_first)
    _report_timing(results, "search, same searches again", search_repeat)
    by_kind: dict[str, list[float]] = {}
    by_word: dict[str, list[float]] = {}
    for i, (seconds, _ok) in enumerate(search_first.sequence):
        by_kind.setdefault(SEARCH_KINDS[i % 8], []).append(seconds)
        by_word.setdefault(SEARCH_WORDS[i % len(SEARCH_WORDS)], []).append(seconds)
    results.line("   by kind (first run): p50 / max in ms")
    for kind, durations in by_kind.items():
        results.line(
            f"      {kind:<28} {statistics.median(durations) * 1000:7.1f} "
            f"{max(durations) * 1000:7.1f}   ({len(durations)} requests)"
        )
    results.line("   by word (first run): p50 / max in ms")
    for word, durations in by_word.items():
        results.line(
            f"      {word:<34} {statistics.median(durations) * 1000:7.1f} "
            f"{max(durations) * 1000:7.1f}"
        )
    results.section(
        "search",
        {
            "first": search_first.as_dict(),
            "again": search_repeat.as_dict(),
            "by_kind_p50_ms": {
                k: round(statistics.median(v) * 1000, 2) for k, v in by_kind.items()
            },
            "by_word_p50_ms": {
                k: round(statistics.median(v) * 1000, 2) for k, v in by_word.items()
            },
        },
    )
    return search_first, search_calls


def _profile_slow(
    results,
    profile: bool,
    measured: list[Target],
    first: dict[str, Timing],
    search_first: Timing,
    search_calls: list[tuple],
) -> None:
    """Profiles the pages and the search over their target, or all of them with --profile."""
    slow = [page for page in PAGES if first[page].count and first[page].p95 * 1000 > P95_TARGET_MS]
    if profile or slow:
        target = measured[0]
        for page in slow or list(PAGES):
            clear_cache()
            # Profiled cold: the page cache is cleared before every profiled request.
            profiling.profile_page(
                results,
                f"portal {page} (first view)",
                PAGES[page](target),
                "",
                before_each=clear_cache,
            )
    if profile or (search_first.count and search_first.p95 * 1000 > P95_TARGET_MS):
        slowest = sorted(
            zip((t for t, _ok in search_first.sequence), search_calls, strict=True),
            key=lambda x: -x[0],
        )
        path, query, _cookie = slowest[0][1]
        profiling.profile_page(results, "search (slowest)", path, "", query=query)
        path, query, _cookie = search_calls[0]
        profiling.profile_page(results, "search (words only)", path, "", query=query)


def _throughput(results, measured: list[Target], n: int, profile: bool) -> None:
    results.heading("Throughput: portal start page (repeat view) against the minimal view")
    results.line(
        "   both anonymous, through the same middleware, one process, sequential; "
        f"cache: {cache_description()}"
    )
    minimal_path = reverse("bench_minimal")
    calls = [(minimal_path, "", "")] * (n * THROUGHPUT_ROUNDS)
    timed("minimal warm-up", calls[:WARMUP])
    minimal = timed("minimal", calls)
    start_calls = [(t.start(), "", "") for t in measured]
    timed("start page fill", start_calls)  # every page in the cache
    start = timed("start page", start_calls * THROUGHPUT_ROUNDS)
    _first_error(results, "start page", start)
    results.figure(
        "minimal view (anonymous) requests/s",
        minimal.per_second,
        "req/s",
        detail=f"p50 {minimal.p50 * 1000:.2f} ms, {minimal.count} requests",
    )
    if not start.count:
        results.figure(
            "start page ÷ minimal throughput",
            None,
            "",
            target=THROUGHPUT_RATIO_TARGET,
            higher_is_better=True,
        )
        return
    results.figure(
        "start page (repeat view) requests/s",
        start.per_second,
        "req/s",
        detail=f"p50 {start.p50 * 1000:.2f} ms, {start.count} requests over "
        f"{len({t.org_slug for t in measured})} organisations",
    )
    results.figure(
        "start page ÷ minimal throughput",
        start.per_second / minimal.per_second,
        "",
        target=THROUGHPUT_RATIO_TARGET,
        higher_is_better=True,
    )
    # The same ratio from this process's CPU time per request: what the ratio would be on an
    # otherwise idle machine (Redis's own time left out), for comparing runs under load.
    results.figure(
        "start page ÷ minimal, by CPU time per request",
        minimal.cpu_p50 / start.cpu_p50,
        "",
        detail="no target: a load-independent reading of the figure above",
    )
    # A repeat view is two reads from the cache (the generation, then the page): their round
    # trip is most of it, and it grows more than anything else when the machine is busy.
    trips = []
    for _ in range(n):
        started = time.perf_counter()
        cache.get("bench:round-trip")
        trips.append(time.perf_counter() - started)
    results.figure(
        "cache round trip (one GET) p50",
        statistics.median(trips) * 1000,
        "ms",
        detail=f"p95 {statistics.quantiles(trips, n=20)[-1] * 1000:.2f} ms; "
        f"start page CPU of this process p50 {start.cpu_p50 * 1000:.2f} ms, "
        f"minimal {minimal.cpu_p50 * 1000:.2f} ms",
    )
    ratio = start.per_second / minimal.per_second
    results.section(
        "portal_throughput",
        {
            "cache": cache_description(),
            "minimal": minimal.as_dict(),
            "start_page_repeat": start.as_dict(),
            "ratio": round(ratio, 3),
            "cache_round_trip_p50_ms": round(statistics.median(trips) * 1000, 3),
        },
    )
    if profile or ratio < THROUGHPUT_RATIO_TARGET:
        profiling.profile_page(
            results, "portal start page (repeat view, from the cache)", measured[0].start(), ""
        )


def _count(path: str, query: str = "") -> tuple[int, int, float]:
    with CaptureQueriesContext(connection) as captured:
        response = request(path, query=query)
    return response.status, len(captured.captured_queries), response.seconds


def _query_counts(results) -> None:
    small = Plan.objects.select_related("organization").get(slug=SMALL_PLAN_SLUG)
    # The 200-measure plan of the same organisation.
    big = (
        Plan.objects.select_related("organization")
        .filter(organization_id=small.organization_id, slug__startswith=MAIN_PLAN_PREFIX)
        .get()
    )
    huge = Plan.objects.select_related("organization").get(slug=BIG_PLAN_SLUG)
    plans = (small, big, huge)
    sizes = {plan.pk: Measure.objects.filter(field__plan=plan).count() for plan in plans}

    def target(plan):
        measure = Measure.objects.filter(field__plan=plan, field__number=1).aggregate(pk=Min("pk"))[
            "pk"
        ]
        report = ProgressReport.objects.latest_for(plan, published_only=True)
        return Target(plan.organization.slug, plan.slug, 1, measure, report.pk)

    targets = {plan.pk: target(plan) for plan in plans}
    results.heading(
        "SQL queries per portal page (first view): small plan against a 200-measure plan"
    )
    results.line(
        f"   small '{small.slug}' ({sizes[small.pk]} measures), 200 '{big.slug}' "
        f"({sizes[big.pk]}, same organisation), and for scale '{huge.slug}' "
        f"({sizes[huge.pk]:,}); anonymous, the bench's cache keys cleared before each request"
    )
    pages = {
        "plan start page": lambda t: reverse("portal:plan", args=[t.org_slug, t.plan_slug]),
        "field page": Target.field,
        "measure page": Target.measure,
        "report page (latest)": Target.report,
    }
    huge_label = f"{sizes[huge.pk]:,}-measure"
    results.line(
        f"   {'page':<22} {'small':>6} {'200-measure':>12}   verdict   "
        f"{huge_label + ' (one request)':>28}   repeat view"
    )
    table = {}
    for page, url in pages.items():
        counts = {}
        for plan in plans:
            clear_cache()
            counts[plan.pk] = _count(url(targets[plan.pk]))
        request(url(targets[big.pk]))  # into the cache
        repeat_status, repeat_count, _ = _count(url(targets[big.pk]))
        row = record_query_counts(
            results,
            page,
            counts[small.pk],
            counts[big.pk],
            counts[huge.pk],
            name="portal queries",
            extra_column=f"   {_shown(repeat_status, repeat_count):>6}",
        )
        table[page] = row | {"repeat_view": repeat_count}
    # Search: the same word over the whole Land, in one organisation, in the big plan's one.
    path = reverse("portal:search")
    for label, query in (
        ("search, whole Land", "q=Sprachkurse"),
        ("search, one organisation", f"q=Sprachkurse&organisation={small.organization.slug}"),
        ("search, 10,000-measure org.", f"q=Sprachkurse&organisation={huge.organization.slug}"),
    ):
        status, count, seconds = _count(path, query)
        results.line(
            f"   {label:<30} {count if status == 200 else f'HTTP {status}':>6} queries "
            f"in {seconds * 1000:,.0f} ms"
        )
        table[label] = {"queries": count, "status": status, "ms": round(seconds * 1000, 1)}
    results.section("portal_query_counts", table)
