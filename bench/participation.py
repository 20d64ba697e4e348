"""Participation pages with 5,000 ideas in one process: the public idea list (first page, page
50, filters, sorted by support) and the idea pages, as anonymous readers see them, against the
issue's target (p95 ≤ 50 ms), and the SQL queries per page.

The process is added to the bench dataset's first main plan once and reused while it holds
5,000 ideas (bulk_create, then one UPDATE spreading the submission times over three months).
The idea list is a cached public page: "first view" changes the organisation's cache
generation before every request, so each one is rendered; "repeat view" is served from the
cache. Idea pages carry forms (a CSRF token) and are rendered for every request.

More participation pages (the recommendation list) join through `pages()`.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core import generations
from teilhabe.participation.models import (
    Idea,
    IdeaComment,
    ParticipationFormat,
    ParticipationProcess,
)
from teilhabe.plans.models import FieldOfAction, Plan

from .dataset import MAIN_PLAN_PREFIX
from .http import Timing, request, statement_timeout, timed
from .portal import P95_TARGET_MS, STATEMENT_TIMEOUT_S, WARMUP, _report_timing, clear_cache

IDEAS = 5_000
PROCESS_SLUG = "bench-beteiligung"
LANGUAGES = ["de"] * 6 + ["tr", "ar", "en", "uk", "de-x-ls"]
WORDS = [
    "Sprachcafé",
    "Patenschaft",
    "Hausaufgabenhilfe",
    "Elternabend",
    "Beratung",
    "Sportverein",
    "Begegnung",
    "Dolmetscher",
    "Wohnungssuche",
    "Ausbildung",
    "Praktikum",
    "Kita",
    "Schule",
    "Ehrenamt",
    "Frauentreff",
    "Jugendhaus",
    "Bibliothek",
    "Nachbarschaft",
    "Gesundheit",
    "Arbeitsmarkt",
    "Anerkennung",
    "Einbürgerung",
    "Mehrsprachigkeit",
]


@dataclass
class Setup:
    """The process the pages are measured on."""

    org_slug: str
    plan_slug: str
    process: ParticipationProcess
    field_numbers: list[int]
    group_ids: list[int]
    published_ids: list[int]
    counts: dict = field(default_factory=dict)

    def path(self, name: str, **kwargs) -> str:
        return reverse(
            f"portal:{name}",
            kwargs={
                "org_slug": self.org_slug,
                "plan_slug": self.plan_slug,
                "process_slug": self.process.slug,
                **kwargs,
            },
        )


@dataclass
class Page:
    """A page to measure: its calls (path, query), and whether the portal caches it whole."""

    calls: list[tuple[str, str]]
    cached: bool


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def ensure_process(results) -> Setup:
    """The bench process with its 5,000 ideas: reused if complete, otherwise made anew."""
    plan = (
        Plan.objects.public()
        .filter(slug__startswith=MAIN_PLAN_PREFIX)
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    if plan is None:
        raise RuntimeError("no public plan in the bench dataset")
    process = ParticipationProcess.objects.filter(plan=plan, slug=PROCESS_SLUG).first()
    if process is None or process.ideas.count() != IDEAS:
        started = time.perf_counter()
        process = _generate(plan)
        results.figure(f"{IDEAS:,} ideas generated", time.perf_counter() - started, "s")
    else:
        results.line(f"   reusing the process with {IDEAS:,} ideas in plan {plan.slug}")
    counts = dict(process.ideas.values_list("status").annotate(n=Count("pk")).order_by())
    results.line(
        "   ideas: "
        + ", ".join(f"{status} {n:,}" for status, n in sorted(counts.items()))
        + f"; comments {IdeaComment.objects.filter(idea__process=process).count():,}"
    )
    return Setup(
        org_slug=plan.organization.slug,
        plan_slug=plan.slug,
        process=process,
        field_numbers=list(
            FieldOfAction.objects.filter(plan=plan).values_list("number", flat=True)
        ),
        group_ids=list(process.formats.filter(kind="working_group").values_list("pk", flat=True)),
        published_ids=list(process.ideas.filter(status="published").values_list("pk", flat=True)),
        counts=counts,
    )


@transaction.atomic
def _generate(plan) -> ParticipationProcess:
    rng = random.Random(2014)
    ParticipationProcess.objects.filter(plan=plan, slug=PROCESS_SLUG).delete()
    process = ParticipationProcess.objects.create(
        plan=plan,
        title="Bench: Beteiligung mit 5.000 Ideen",
        slug=PROCESS_SLUG,
        public=True,
        status="running",
    )
    now = timezone.now()
    conference = ParticipationFormat.objects.create(
        process=process, kind="conference", title="Fachtag", starts_at=now - dt.timedelta(days=90)
    )
    groups = [
        ParticipationFormat.objects.create(
            process=process, kind="working_group", parent=conference, number=n, title=title
        )
        for n, title in enumerate(["Sprache und Bildung", "Arbeit", "Zusammenleben"], start=1)
    ]
    phase = ParticipationFormat.objects.create(
        process=process,
        kind="online_phase",
        title="Online-Phase",
        starts_at=now - dt.timedelta(days=60),
        ends_at=now + dt.timedelta(days=30),
    )
    fields = list(FieldOfAction.objects.filter(plan=plan))
    phases = [phase, phase, *groups]
    statuses = ["published"] * 16 + ["pending"] * 3 + ["rejected"]
    ideas = []
    for i in range(IDEAS):
        named = rng.random() < 0.3
        ideas.append(
            Idea(
                process=process,
                phase=rng.choice(phases),
                field=rng.choice(fields) if fields and rng.random() < 0.8 else None,
                title=_sentence(rng, rng.randint(2, 6)).capitalize()[:200],
                text=_sentence(rng, rng.randint(15, 120)),
                language=rng.choice(LANGUAGES),
                source="online" if i % 4 else "card",
                status=rng.choice(statuses),
                author_name=f"Person {i}" if named else "",
                author_email=f"person{i}@example.org" if named else "",
                show_name=named and rng.random() < 0.5,
                support_count=int(rng.paretovariate(1.5)) - 1,
                sender_key=f"{i % 700:064x}",
            )
        )
    Idea.objects.bulk_create(ideas, batch_size=1000)
    with connection.cursor() as cursor:
        # auto_now_add set every idea to now; spread them over three months, in id order.
        cursor.execute(
            "UPDATE participation_idea SET created_at = now() - (%s - id) * interval '26 minutes' "
            "WHERE process_id = %s",
            [max(i.pk for i in ideas), process.pk],
        )
    published = [i for i in ideas if i.status == "published"]
    # One comprehension, drawing from rng in the order the nested loops did.
    comments = [
        IdeaComment(
            idea=idea,
            text=_sentence(rng, rng.randint(5, 40)),
            status="published" if rng.random() < 0.9 else "pending",
        )
        for idea in published[:400]
        for _ in range(rng.randint(0, 6))
    ]
    IdeaComment.objects.bulk_create(comments, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE participation_idea i SET comment_count = c.n FROM (SELECT idea_id, count(*) "
            "AS n FROM participation_ideacomment WHERE status = 'published' GROUP BY idea_id) c "
            "WHERE c.idea_id = i.id"
        )
        cursor.execute("ANALYZE participation_idea")
        cursor.execute("ANALYZE participation_ideacomment")
    return process


def pages(setup: Setup, rng: random.Random, n: int) -> dict[str, Page]:
    """The pages measured, each with `n` calls. Other participation pages join here."""
    listing = setup.path("idea_list")
    filters = []
    for i in range(n):
        kind = i % 4
        if kind == 0 and setup.field_numbers:
            filters.append(f"feld={rng.choice(setup.field_numbers)}")
        elif kind == 1 and setup.group_ids:
            filters.append(f"gruppe={rng.choice(setup.group_ids)}&sortierung=zustimmung")
        elif kind == 2:
            filters.append(f"sprache={rng.choice(['tr', 'ar', 'uk'])}")
        else:
            filters.append(f"feld={rng.choice(setup.field_numbers or [1])}&page=3")
    return {
        "idea list, page 1": Page([(listing, "")] * n, cached=True),
        "idea list, page 50": Page([(listing, "page=50")] * n, cached=True),
        "idea list, most support, page 50": Page(
            [(listing, "sortierung=zustimmung&page=50")] * n, cached=True
        ),
        "idea list, filtered": Page([(listing, q) for q in filters], cached=True),
        "idea page": Page(
            [
                (setup.path("idea_detail", idea_id=rng.choice(setup.published_ids)), "")
                for _ in range(n)
            ],
            cached=False,
        ),
        **recommendation_pages(setup, n),
    }


def _timed_rendered(name: str, calls: list[tuple[str, str]], scope: str) -> Timing:
    """Each call with the organisation's cache generation changed before it (outside the
    timing): the page is rendered every time, as on a first view."""
    timing = Timing(name)
    started = time.perf_counter()
    for path, query in calls:
        generations.bump(scope)
        response = request(path, query=query)
        if response.status != 200:
            timing.errors.append(f"{response.status} {path}?{query}\n{response.error}")
            timing.error_durations.append(response.seconds)
            timing.sequence.append((response.seconds, False))
            continue
        timing.sequence.append((response.seconds, True))
        timing.durations.append(response.seconds)
        timing.cpu_durations.append(response.cpu_seconds)
    timing.wall = time.perf_counter() - started
    return timing


def _queries(path: str, query: str, scope: str) -> tuple[int, int]:
    generations.bump(scope)
    with CaptureQueriesContext(connection) as captured:
        response = request(path, query=query)
    return response.status, len(captured.captured_queries)


def run(results, scale, args) -> None:
    with statement_timeout(STATEMENT_TIMEOUT_S):
        _run(results, args)


def _run(results, args) -> None:
    rng = random.Random(1848)
    n = args.requests
    results.heading(f"Participation: a process with {IDEAS:,} ideas, anonymous readers")
    results.load("participation")
    setup = ensure_process(results)
    scope = generations.organization_scope(setup.org_slug)
    measured = pages(setup, rng, n)
    for label, page in measured.items():
        timed(f"{label} warm-up", [(path, query, "") for path, query in page.calls[:WARMUP]])
    clear_cache()
    section = {"ideas": IDEAS, "by_status": setup.counts, "pages": {}}
    for label, page in measured.items():
        if page.cached:
            first = _timed_rendered(f"{label} first", page.calls, scope)
            calls = [(p, q, "") for p, q in page.calls]
            # Every address into the cache of the current generation, then the repeat views.
            timed(f"{label} fill", calls)
            repeat = timed(f"{label} repeat", calls)
            _report_timing(results, f"{label}, first view", first, target=P95_TARGET_MS)
            _report_timing(results, f"{label}, repeat view", repeat, target=P95_TARGET_MS)
            section["pages"][label] = {
                "first_view": first.as_dict(),
                "repeat_view": repeat.as_dict(),
            }
        else:
            every = timed(label, [(p, q, "") for p, q in page.calls])
            _report_timing(
                results, label, every, target=P95_TARGET_MS, note="rendered on every request"
            )
            section["pages"][label] = {"every_view": every.as_dict()}
    results.line("   SQL queries per page (rendered, not from the cache):")
    for label, page in measured.items():
        path, query = page.calls[0]
        status, count = _queries(path, query, scope)
        shown = str(count) if status == 200 else f"HTTP {status}"
        results.line(f"      {label:<40} {shown:>6}")
        section["pages"][label]["queries"] = count if status == 200 else None
    results.section("participation", section)


# The recommendation page ------------------------------------------------------------------------

RECOMMENDATIONS = 12


def recommendation_pages(setup: Setup, n: int) -> dict[str, Page]:
    """The public recommendation page of the bench process: twelve recommendations, each made
    from every twelfth idea (about 420, all statuses) with three sub-items and two measures."""
    _ensure_recommendations(setup.process)
    return {"recommendation list": Page([(setup.path("recommendation_list"), "")] * n, cached=True)}


@transaction.atomic
def _ensure_recommendations(process: ParticipationProcess) -> None:
    from teilhabe.participation.models import Recommendation, RecommendationItem
    from teilhabe.plans.models import Measure

    if Recommendation.objects.filter(process=process).count() == RECOMMENDATIONS:
        return
    Recommendation.objects.filter(process=process).delete()
    rng = random.Random(234)
    idea_ids = list(
        Idea.objects.filter(process=process).order_by("pk").values_list("pk", flat=True)
    )
    measure_ids = list(
        Measure.objects.filter(field__plan_id=process.plan_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    links = Recommendation.ideas.through
    for number in range(1, RECOMMENDATIONS + 1):
        recommendation = Recommendation.objects.create(
            process=process, number=number, text=_sentence(rng, 30).capitalize()
        )
        RecommendationItem.objects.bulk_create(
            RecommendationItem(recommendation=recommendation, label=label, text=_sentence(rng, 15))
            for label in "abc"
        )
        # Through rows directly: one history record per recommendation, not one per idea.
        links.objects.bulk_create(
            links(recommendation_id=recommendation.pk, idea_id=idea_id)
            for idea_id in idea_ids[number - 1 :: RECOMMENDATIONS]
        )
        if measure_ids:
            recommendation.measures.add(*rng.sample(measure_ids, min(2, len(measure_ids))))
    with connection.cursor() as cursor:
        # The page counts each recommendation's ideas with a hash join once the planner knows
        # how many links there are (a lookup per idea otherwise).
        cursor.execute("ANALYZE participation_recommendation_ideas")
