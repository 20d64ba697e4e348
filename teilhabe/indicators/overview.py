"""The Land overview: every municipality in Teilhabe, whether it publishes a plan, in which phase,
its last Bilanz, its overall progress and the indicators it publishes — in four queries
whatever the number of municipalities.

It shows only what the municipalities publish themselves, so it needs no role of its own: a
Land ministry or a regional body reads it like everybody else. (A role reading the internal
state across organisations would hand one body every draft of every town; none of the seeds
asks for that, and the published state is what the councils decided.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext

from teilhabe.organizations.models import Organization, OrganizationKind
from teilhabe.plans.models import Plan, PlanStatus, ProgressEntry, ProgressReport
from teilhabe.plans.progress import Progress
from teilhabe.plans.querysets import figure_of, progress_aggregates

from .models import Indicator


@dataclass(frozen=True)
class Kreis:
    slug: str
    name: str


@dataclass(frozen=True)
class Row:
    """One organisation's line, as plain values: a Land has over a thousand of them, and model
    instances for each plan, organisation, Kreis and report were most of the page's time."""

    name: str
    slug: str
    kreis: Kreis | None  # the Landkreis the organisation belongs to, or is
    parent_name: str
    status: str
    phase: str  # "beschlossen", "in Erarbeitung" (words made once per page, not per row)
    as_of: date | None  # of the latest Bilanz in force
    figure: Progress | None
    indicators: list[Indicator] = field(default_factory=list)


def land_overview(land: Organization | None = None) -> list[Row]:
    """Without `land`: what the municipalities publish (the portal's overview). With a Land: the
    Kreise and Gemeinden below it as they stand inside, drafts not yet shown in the portal and
    indicators kept internal included (for the Land's own people, indicators.view_land)."""
    if land is None:
        # A town drafting its plan in public counts: it is in the phase the overview names.
        shown_plans = Plan.objects.open_for_participation()
        shown_indicators = Indicator.objects.public()
    else:
        below = Q(organization__parent=land) | Q(organization__parent__parent=land)
        if land.ags:
            # The first two digits of an AGS name the Land (Baden-Württemberg 08000000): its
            # Kreise and Gemeinden belong to it without being linked to it one by one.
            below |= Q(organization__ags__startswith=land.ags[:2]) & ~Q(organization=land)
        shown_plans = Plan.objects.filter(below)
        shown_indicators = Indicator.objects.filter(below)
    latest = (
        ProgressReport.objects.in_force()
        .filter(plan=OuterRef("pk"))
        .order_by("-as_of", "-id")
        .values("pk")[:1]
    )
    plans = list(
        shown_plans.annotate(latest_report_id=Subquery(latest))
        .order_by("organization__name", "-pk")
        .values(
            "status",
            "revision",
            "latest_report_id",
            "organization_id",
            "organization__name",
            "organization__slug",
            "organization__kind",
            "organization__parent__name",
            "organization__parent__slug",
            "organization__parent__kind",
        )
    )
    report_ids = [p["latest_report_id"] for p in plans if p["latest_report_id"]]
    as_of = dict(ProgressReport.objects.filter(pk__in=report_ids).values_list("pk", "as_of"))
    progress = _progress_of_latest_reports(plans)
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in shown_indicators.order_by("title"):
        indicators[indicator.organization_id].append(indicator)
    # A plan on the portal is adopted or a draft in participation ("in Erarbeitung").
    phases = {status: str(label) for status, label in PlanStatus.choices}
    phases[PlanStatus.DRAFT] = gettext("in Erarbeitung")
    rows, seen = [], set()
    for plan in plans:
        if plan["organization_id"] in seen:
            continue  # the newest plan on the portal stands for the organisation
        seen.add(plan["organization_id"])
        report_id = plan["latest_report_id"]
        aggregates = progress.get(report_id) if report_id in as_of else None
        rows.append(
            Row(
                name=plan["organization__name"],
                slug=plan["organization__slug"],
                kreis=_kreis(plan),
                parent_name=plan["organization__parent__name"] or "",
                status=plan["status"],
                phase=phases[plan["status"]],
                as_of=as_of.get(report_id),
                figure=figure_of(aggregates) if aggregates is not None else None,
                indicators=indicators[plan["organization_id"]],
            )
        )
    return rows


def _kreis(plan: dict) -> Kreis | None:
    if plan["organization__parent__kind"] == OrganizationKind.DISTRICT:
        return Kreis(plan["organization__parent__slug"], plan["organization__parent__name"])
    if plan["organization__kind"] == OrganizationKind.DISTRICT:
        return Kreis(plan["organization__slug"], plan["organization__name"])
    return None


ROWS_PER_PAGE = 100


def page_context(rows: list[Row], params) -> dict:
    """What the overview's table shows of `rows` for the query `params` (kreis, seite): a
    hundred to a page, filtered by Landkreis (a Land has over a thousand)."""
    found = kreise(rows)
    kreis = params.get("kreis", "")
    if kreis not in {k.slug for k in found}:
        kreis = ""
    shown = in_kreis(rows, kreis) if kreis else rows
    return {
        "page": Paginator(shown, ROWS_PER_PAGE).get_page(params.get("seite")),
        "summary": summary(shown),
        "kreise": found,
        "kreis": kreis,
        "query_string": f"kreis={kreis}&" if kreis else "",
    }


def kreise(rows: list[Row]) -> list[Kreis]:
    """The Landkreise of the rows, by name."""
    return sorted({row.kreis for row in rows if row.kreis}, key=lambda k: k.name)


def in_kreis(rows: list[Row], slug: str) -> list[Row]:
    """The Kreis's own row first, then its towns'."""
    return sorted(
        (row for row in rows if row.kreis and row.kreis.slug == slug),
        key=lambda row: row.slug != slug,
    )


@dataclass(frozen=True)
class Summary:
    municipalities: int
    adopted: int
    drafting: int
    with_report: int


def summary(rows: list[Row]) -> Summary:
    return Summary(
        municipalities=len(rows),
        adopted=sum(1 for r in rows if r.status == PlanStatus.ADOPTED),
        drafting=sum(1 for r in rows if r.status == PlanStatus.DRAFT),
        with_report=sum(1 for r in rows if r.as_of is not None),
    )


PROGRESS_CACHE_SECONDS = 24 * 3600


def _progress_of_latest_reports(plans: list[dict]) -> dict[int, dict]:
    """The progress aggregates of each plan's latest Bilanz, by report id.

    Computing them reads every entry of those Bilanzen (a Land: 230,000 wide rows, half a
    second), so each plan's are kept in the cache under its revision, which every write to the
    plan's content changes (a measure's weight included): a request computes only the plans
    that changed since, in one query grouped over the entries alone."""
    keys = {
        f"overview:progress:{plan['latest_report_id']}:{plan['revision']}": plan["latest_report_id"]
        for plan in plans
        if plan["latest_report_id"]
    }
    cached = cache.get_many(list(keys))
    progress = {keys[key]: row for key, row in cached.items()}
    missing = [report_id for key, report_id in keys.items() if key not in cached]
    if missing:
        computed = {
            row.pop("report_id"): row
            for row in ProgressEntry.objects.filter(report_id__in=missing)
            .order_by()
            .values("report_id")
            .annotate(**progress_aggregates())
        }
        cache.set_many(
            {key: computed[report_id] for key, report_id in keys.items() if report_id in computed},
            PROGRESS_CACHE_SECONDS,
        )
        progress.update(computed)
    return progress
