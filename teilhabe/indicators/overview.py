"""The Land overview: every municipality in Teilhabe, whether it publishes a plan, in which phase,
its last Bilanz, its overall progress and the indicators it publishes — in three queries
whatever the number of municipalities.

It shows only what the municipalities publish themselves, so it needs no role of its own: a
Land ministry or a regional body reads it like everybody else. (A role reading the internal
state across organisations would hand one body every draft of every town; none of the seeds
asks for that, and the published state is what the councils decided.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan, ProgressReport
from teilhabe.plans.progress import Progress
from teilhabe.plans.querysets import figure_of, progress_aggregates

from .models import Indicator


@dataclass(frozen=True)
class Row:
    organization: Organization
    plan: Plan | None
    report: ProgressReport | None
    figure: Progress | None
    indicators: list[Indicator] = field(default_factory=list)


def land_overview() -> list[Row]:
    latest = (
        ProgressReport.objects.in_force()
        .filter(plan=OuterRef("pk"))
        .order_by("-as_of", "-id")
        .values("pk")[:1]
    )
    plans = list(
        # A town drafting its plan in public counts: it is in the phase the overview names.
        Plan.objects.open_for_participation()
        .select_related("organization__parent")
        .annotate(latest_report_id=Subquery(latest))
        .order_by("organization__name", "-pk")
    )
    reports = {
        report.pk: report
        for report in ProgressReport.objects.filter(
            pk__in=[p.latest_report_id for p in plans if p.latest_report_id]
        ).with_progress()
    }
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.public().order_by("title"):
        indicators[indicator.organization_id].append(indicator)
    rows, seen = [], set()
    for plan in plans:
        if plan.organization_id in seen:
            continue  # the newest plan on the portal stands for the organisation
        seen.add(plan.organization_id)
        report = reports.get(plan.latest_report_id)
        figure = figure_of(_row(report)) if report is not None else None
        rows.append(Row(plan.organization, plan, report, figure, indicators[plan.organization_id]))
    return rows


def _row(report: ProgressReport) -> dict:
    """The aggregates with_progress() annotated, as figure_of() reads them."""
    names = progress_aggregates(prefix="entries__", weight="entries__measure__weight")
    return {name: getattr(report, name) for name in names}
