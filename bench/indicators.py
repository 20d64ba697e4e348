"""Indicators and plans across levels at Land scale (issue 15):

- 30 indicators of one town with 10 years of values for every one of the Land's 1,136 keys
  (Gemeinden, Kreise, Land) plus breakdowns of the town; the back-office indicator page (not
  cached, unlike the portal's) timed through the WSGI handler, its queries at 2 and 10 years;
- the Kreis roll-up: up to 26 Gemeinden of one Landkreis align their goals and 40 measures each
  with the Kreis's plan; the back-office page timed, its queries at 5 Gemeinden and at all;
- the Land overview over every organisation of the dataset (not cached), its queries.

Everything the section creates is deleted at the end."""

from __future__ import annotations

import time
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from .http import session_cookie, timed

KEYS = 1_136
INDICATORS = 30
YEARS = range(2015, 2025)
TARGET_MS = 100
ROLLUP_TOWNS = 26
ROLLUP_MEASURES = 40
OVERVIEW_TARGET_MS = 200
BREAKDOWNS = [("Geschlecht", "weiblich"), ("Geschlecht", "männlich"), ("Alter", "unter 18")]


def _keys(town: str) -> list[str]:
    keys = [town, town[:5] + "000", town[:2] + "000000"]
    number = 1
    while len(keys) < KEYS:
        ags = f"{town[:2]}{100 + number // 40:03d}{number % 40 + 100:03d}"
        if ags not in keys:
            keys.append(ags)
        number += 1
    return keys


def _build(organization, town: str):
    from teilhabe.indicators.models import Flag, Indicator, Observation

    indicators = Indicator.objects.bulk_create(
        Indicator(organization=organization, code=f"bench-{n}", title=f"Kennzahl {n}", public=True)
        for n in range(INDICATORS)
    )
    batch: list[Observation] = []
    for indicator in indicators:
        for ags in _keys(town):
            for year in YEARS:
                # Every 17th value is withheld, as small Gemeinden's are.
                suppressed = ags == town and (int(ags) + year) % 17 == 0
                batch.append(
                    Observation(
                        indicator=indicator,
                        ags=ags,
                        year=year,
                        value=None if suppressed else Decimal(year % 100 + len(ags)),
                        flag=Flag.SUPPRESSED if suppressed else "",
                    )
                )
        batch.extend(
            Observation(
                indicator=indicator,
                ags=town,
                year=year,
                dimension=dimension,
                group=group,
                value=Decimal(year % 50),
            )
            for dimension, group in BREAKDOWNS
            for year in YEARS
        )
        if len(batch) > 50_000:
            Observation.objects.bulk_create(batch, batch_size=5_000)
            batch = []
    Observation.objects.bulk_create(batch, batch_size=5_000)
    return indicators


def run(results, scale, args) -> None:
    from django.urls import reverse

    from teilhabe.indicators.models import Indicator, Observation
    from teilhabe.indicators.selectors import indicator_page
    from teilhabe.organizations.models import Organization, User

    results.heading(
        f"Indicators at Land scale: {INDICATORS} indicators × {len(YEARS)} years × {KEYS:,} keys"
    )
    # A Gemeinde of the dataset with its Kreis: the page compares the three levels.
    organization = (
        Organization.objects.exclude(ags="").filter(parent__isnull=False).order_by("pk").first()
    )
    started = time.perf_counter()
    with transaction.atomic():
        indicators = _build(organization, organization.ags)
    count = Observation.objects.filter(indicator__in=indicators).count()
    results.line(f"   {count:,} values written in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE indicators_observation")
    user = User.objects.create_user(email="bench-indicators@example.org", password=None)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    try:
        cookie = session_cookie(user)
        paths = [reverse("indicators:indicator_detail", kwargs={"pk": i.pk}) for i in indicators]
        timed("indicator warm-up", [(p, "", cookie) for p in paths[:5]])
        timing = timed(
            "indicator page", [(paths[n % len(paths)], "", cookie) for n in range(args.requests)]
        )
        results.figure(
            "back-office indicator page p95",
            timing.p95 * 1000 if timing.durations else None,
            "ms",
            target=TARGET_MS,
            detail=f"p50 {timing.p50 * 1000:.1f} ms, {len(timing.errors)} errors"
            if timing.durations
            else f"{len(timing.errors)} errors",
        )
        queries = []
        for years in (2, 10):
            with CaptureQueriesContext(connection) as captured:
                indicator_page(indicators[0], public=False, until_year=YEARS[0] + years - 1)
            queries.append(len(captured))
        results.figure(
            "indicator_page queries at 2 / 10 years",
            queries[1],
            "q",
            target=queries[0],
            detail=f"{queries[0]} at 2 years, {queries[1]} at 10 years",
        )
        results.section(
            "indicators",
            {"values": count, "page": timing.as_dict(), "queries_2_10_years": queries},
        )
    finally:
        user.delete()
        Indicator.objects.filter(pk__in=[i.pk for i in indicators]).delete()
    _rollup(results, args)
    _overview(results, args)


def _align(kreis_plan, plans) -> list[int]:
    """Each town's goals adopt the Kreis's goal at the same place, and its first measures
    contribute to (every third: deviate from) the Kreis's measures in turn."""
    from teilhabe.indicators.models import Alignment, AlignmentKind
    from teilhabe.plans.models import Goal, Measure

    order = ("field__number", "position", "id")
    kreis_goals = list(Goal.objects.filter(field__plan=kreis_plan).order_by(*order))
    kreis_measures = list(Measure.objects.filter(field__plan=kreis_plan).order_by(*order))
    rows = []
    for plan in plans:
        goals = Goal.objects.filter(field__plan=plan).order_by(*order)
        rows += [
            Alignment(goal=goal, target_goal=target, kind=AlignmentKind.ADOPTS)
            for goal, target in zip(goals, kreis_goals, strict=False)
        ]
        measures = Measure.objects.filter(field__plan=plan).order_by(*order)[:ROLLUP_MEASURES]
        for n, measure in enumerate(measures):
            deviates = n % 3 == 2
            rows.append(
                Alignment(
                    measure=measure,
                    target_measure=kreis_measures[n % len(kreis_measures)],
                    kind=AlignmentKind.DEVIATES if deviates else AlignmentKind.CONTRIBUTES,
                    note="Eigener Weg (Bench)" if deviates else "",
                )
            )
    created = [a.pk for a in Alignment.objects.bulk_create(rows)]
    with connection.cursor() as cursor:
        # As autovacuum would after a bulk load: statistics for the planner.
        cursor.execute("ANALYZE indicators_alignment")
    return created


def _request_queries(path: str, cookie: str = "") -> int:
    from .http import request

    with CaptureQueriesContext(connection) as captured:
        response = request(path, cookie=cookie)
    assert response.status == 200, (path, response.status)
    return len(captured)


def _rollup(results, args) -> None:
    from django.db.models import Count
    from django.urls import reverse

    from teilhabe.indicators.models import Alignment
    from teilhabe.organizations.models import Organization, User
    from teilhabe.plans.models import Plan

    kreis = (
        Organization.objects.filter(kind="district")
        .annotate(towns=Count("children"))
        .order_by("-towns", "pk")
        .first()
    )
    kreis_plan = Plan.objects.filter(organization=kreis).order_by("-pk").first()
    plans = list(
        Plan.objects.filter(organization__parent=kreis)
        .exclude(status="archived")
        .order_by("organization__ags", "pk")[:ROLLUP_TOWNS]
    )
    results.heading(f"Kreis roll-up: {len(plans)} Gemeinden of {kreis.name} aligned with its plan")
    user = User.objects.create_user(email="bench-rollup@example.org", password=None)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    created: list[int] = []
    try:
        cookie = session_cookie(user)
        path = reverse("indicators:kreis_rollup", kwargs={"plan_slug": kreis_plan.slug})
        created += _align(kreis_plan, plans[:5])
        few = _request_queries(path, cookie)
        created += _align(kreis_plan, plans[5:])
        many = _request_queries(path, cookie)
        timed("roll-up warm-up", [(path, "", cookie)] * 3)
        timing = timed("Kreis roll-up", [(path, "", cookie)] * max(args.requests // 4, 20))
        results.figure(
            f"Kreis roll-up of {len(plans)} Gemeinden p95",
            timing.p95 * 1000 if timing.durations else None,
            "ms",
            target=TARGET_MS,
            detail=f"p50 {timing.p50 * 1000:.1f} ms, {len(created)} alignments, "
            f"{len(timing.errors)} errors"
            if timing.durations
            else f"{len(timing.errors)} errors",
        )
        results.figure(
            f"Kreis roll-up queries at 5 / {len(plans)} Gemeinden",
            many,
            "q",
            target=few,
            detail=f"{few} at 5 Gemeinden, {many} at {len(plans)}",
        )
        results.section(
            "kreis_rollup",
            {
                "towns": len(plans),
                "alignments": len(created),
                "page": timing.as_dict(),
                "queries_5_all": [few, many],
            },
        )
    finally:
        Alignment.objects.filter(pk__in=created).delete()
        user.delete()


def _overview(results, args) -> None:
    from django.urls import reverse

    from teilhabe.organizations.models import Organization

    organizations = Organization.objects.count()
    results.heading(f"Land overview over {organizations:,} organisations")
    from .portal import clear_cache

    path = reverse("portal:land_overview")
    # Cold: every Bilanz's progress computed (after a cache flush); then from the cache, where
    # only plans changed since are computed again.
    clear_cache()
    cold = timed("Land overview, cold cache", [(path, "", "")])
    results.figure(
        "Land overview, cold cache",
        cold.p50 * 1000 if cold.durations else None,
        "ms",
        detail="every Bilanz's progress computed once (no target: the page's own is below)",
    )
    queries = _request_queries(path)
    timing = timed("Land overview", [(path, "", "")] * max(args.requests // 4, 20))
    results.figure(
        "Land overview p95",
        timing.p95 * 1000 if timing.durations else None,
        "ms",
        target=OVERVIEW_TARGET_MS,
        detail=f"p50 {timing.p50 * 1000:.1f} ms, {queries} queries, {len(timing.errors)} errors"
        if timing.durations
        else f"{len(timing.errors)} errors",
    )
    results.section(
        "land_overview",
        {
            "organizations": organizations,
            "page": timing.as_dict(),
            "cold": cold.as_dict(),
            "queries": queries,
        },
    )
