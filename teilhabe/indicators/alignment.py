"""Reads of plans across levels: per goal of a Kreis's plan, which of its towns contribute and
how far their measures are (and where nobody does); per town measure or goal, what it is aligned
with and whether the Kreis's item changed since. Constant queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.db.models import Max, OuterRef, Q, Subquery

from teilhabe.plans.models import Goal, Measure, Plan, ProgressEntry

from .models import Alignment

LATEST_STATUS = ProgressEntry.objects.filter(
    measure=OuterRef("measure_id"), report__status="published"
).order_by("-report__as_of", "-report_id")


@dataclass
class GoalRow:
    goal: Goal
    alignments: list[Alignment] = field(default_factory=list)

    @property
    def towns(self) -> list[str]:
        return sorted({a.source.field.plan.organization.name for a in self.alignments})


def kreis_rollup(plan: Plan) -> list[GoalRow]:
    """Every goal of the Kreis's plan with the towns' goals and measures pointing at it or at
    one of its measures; three queries whatever the number of towns."""
    goals = list(
        Goal.objects.filter(field__plan=plan)
        .select_related("field")
        .order_by("field__number", "position", "id")
    )
    rows = {goal.pk: GoalRow(goal) for goal in goals}
    alignments = (
        Alignment.objects.filter(
            Q(target_goal__field__plan=plan) | Q(target_measure__field__plan=plan)
        )
        .select_related(
            "goal__field__plan__organization",
            "measure__field__plan__organization",
            "target_measure",
        )
        .annotate(
            status=Subquery(LATEST_STATUS.values("status")[:1]),
            percent=Subquery(LATEST_STATUS.values("percent")[:1]),
        )
        .order_by(
            "goal__field__plan__organization__name", "measure__field__plan__organization__name"
        )
    )
    for alignment in alignments:
        goal_id = alignment.target_goal_id or alignment.target_measure.goal_id
        if goal_id in rows:
            rows[goal_id].alignments.append(alignment)
    return list(rows.values())


def rollup_svg(rows: list[GoalRow]) -> str:
    """A bar per goal: how many towns contribute. Its text alternative is the table below it."""
    height = 28 * len(rows) + 10
    most = max((len(row.towns) for row in rows), default=0) or 1
    parts = [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Gemeinden je Ziel '
            f'des Kreises; die Zahlen stehen in der Tabelle." width="640" height="{height}" '
            f'viewBox="0 0 640 {height}" font-family="Fira Sans, Arial, sans-serif" font-size="12">'
        )
    ]
    for index, row in enumerate(rows):
        y = 6 + index * 28
        width = 300 * len(row.towns) / most
        label = row.goal.title if len(row.goal.title) < 44 else row.goal.title[:43] + "…"
        parts.append(f'<text x="0" y="{y + 14}" fill="#1a1a1a">{_escape(label)}</text>')
        if row.towns:
            parts.append(
                f'<rect x="320" y="{y + 2}" width="{width:.1f}" height="16" fill="#0a4f86"/>'
            )
        parts.append(
            f'<text x="{326 + width:.1f}" y="{y + 14}" fill="#1a1a1a">{len(row.towns)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _escape(text: str) -> str:
    return escape(text)


@dataclass(frozen=True)
class AlignmentView:
    alignment: Alignment
    changed: bool  # the Kreis's item changed after the alignment was made (or last seen)


def alignments_of(item: Goal | Measure) -> list[AlignmentView]:
    """What a town's goal or measure is aligned with, and whether the Kreis changed it since:
    two queries (the alignments; the last change of their targets from the history)."""
    lookup = {"goal": item} if isinstance(item, Goal) else {"measure": item}
    alignments = list(
        Alignment.objects.filter(**lookup).select_related(
            "target_goal__field__plan__organization", "target_measure__field__plan__organization"
        )
    )
    if not alignments:
        return []
    changed_goals = dict(
        Goal.history.filter(id__in=[a.target_goal_id for a in alignments if a.target_goal_id])
        .values("id")
        .annotate(last=Max("history_date"))
        .values_list("id", "last")
    )
    changed_measures = dict(
        Measure.history.filter(
            id__in=[a.target_measure_id for a in alignments if a.target_measure_id]
        )
        .values("id")
        .annotate(last=Max("history_date"))
        .values_list("id", "last")
    )
    views = []
    for alignment in alignments:
        last = (
            changed_goals.get(alignment.target_goal_id)
            if alignment.target_goal_id
            else changed_measures.get(alignment.target_measure_id)
        )
        since = alignment.seen_at or alignment.created_at
        views.append(AlignmentView(alignment, bool(last and last > since)))
    return views


def kreis_choices(measure_or_goal) -> list[tuple[str, str]]:
    """The Kreis plan's goals and measures a town's item can point at: ("g12", "…"), ("m34", "…")."""
    parent_id = measure_or_goal.field.plan.organization.parent_id
    if parent_id is None:
        return []
    plan = (
        Plan.objects.filter(organization_id=parent_id)
        .exclude(status="archived")
        .order_by("-pk")
        .first()
    )
    if plan is None:
        return []
    choices = [
        (f"g{goal.pk}", f"Ziel {goal.field.number}: {goal.title}")
        for goal in Goal.objects.filter(field__plan=plan).select_related("field")
    ]
    choices += [
        (f"m{measure.pk}", f"Maßnahme {measure.number}: {measure.title}")
        for measure in Measure.objects.filter(field__plan=plan).order_by(
            "field__number", "position"
        )
    ]
    return choices
