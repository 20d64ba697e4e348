"""Reads of plans across levels: per goal of a Kreis's plan, which of its towns contribute and
how far their measures are (and where nobody does); per town measure or goal, what it is aligned
with and whether the Kreis's item changed since. Constant queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.db.models import Max, Q

from teilhabe.plans.models import (
    Goal,
    Measure,
    Plan,
    ProgressEntry,
    ProgressReport,
    ProgressStatus,
)

from .models import Alignment, AlignmentKind


@dataclass(frozen=True)
class Contribution:
    """One town goal or measure pointing at a Kreis goal (or one of its measures), read as plain
    values with its words made once: a Kreis with 26 towns has over a thousand of them, too
    many for model instances, template includes or a translation lookup each."""

    town: str
    text: str  # "übernimmt – „title“"
    status: str  # of a measure in its plan's latest published Bilanz; "" for a goal or none
    status_label: str
    note: str

    @property
    def is_measure(self) -> bool:
        return bool(self.status_label)


def _status_label(labels: dict[str, str], status: str, percent: int | None) -> str:
    """As includes/status.html words it."""
    if not status:
        return labels[""]
    if percent is not None and status not in ("done", "not_started"):
        return f"{labels[status]} ({percent} %)"
    return labels[status]


@dataclass
class GoalRow:
    goal: Goal
    number: str = ""  # "2.1": the first goal of field 2 (goals carry no number of their own)
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def towns(self) -> list[str]:
        return sorted({c.town for c in self.contributions})


def goal_numbers(goals: list[Goal]) -> dict[int, str]:
    """ "2.1" for the first goal of field 2, from goals in the order of their plan (by field
    number and position): goals carry no number of their own."""
    numbers, counted = {}, {}
    for goal in goals:
        counted[goal.field.number] = counted.get(goal.field.number, 0) + 1
        numbers[goal.pk] = f"{goal.field.number}.{counted[goal.field.number]}"
    return numbers


def kreis_rollup(plan: Plan) -> list[GoalRow]:
    """Every goal of the Kreis's plan with the towns' goals and measures pointing at it or at
    one of its measures, and each measure's status in its plan's latest published Bilanz; four
    queries whatever the number of towns."""
    goals = list(Goal.objects.of_plan(plan))
    numbers = goal_numbers(goals)
    rows = {goal.pk: GoalRow(goal, numbers[goal.pk]) for goal in goals}
    alignments = list(
        Alignment.objects.filter(
            Q(target_goal_id__in=[goal.pk for goal in goals])
            | Q(target_measure_id__in=Measure.objects.filter(field__plan=plan).values("pk"))
        )
        .values(
            "kind",
            "note",
            "target_goal_id",
            "target_measure__goal_id",
            "measure_id",
            "measure__field__plan_id",
            "goal__title",
            "measure__title",
            "goal__field__plan__organization__name",
            "measure__field__plan__organization__name",
        )
        .order_by(
            "goal__field__plan__organization__name",
            "measure__field__plan__organization__name",
            "goal__position",
            "measure__position",
        )
    )
    latest = _latest_status(alignments)
    kinds = {kind: str(label) for kind, label in AlignmentKind.choices}
    statuses = {status: str(label) for status, label in ProgressStatus.choices}
    statuses[""] = "noch nicht berichtet"
    for a in alignments:
        goal_id = a["target_goal_id"] or a["target_measure__goal_id"]
        if goal_id not in rows:
            continue
        measure_id = a["measure_id"]
        status, percent = latest.get(measure_id, ("", None))
        title = a["measure__title"] if measure_id else a["goal__title"]
        rows[goal_id].contributions.append(
            Contribution(
                town=a["measure__field__plan__organization__name"]
                if measure_id
                else a["goal__field__plan__organization__name"],
                text=f"{kinds[a['kind']]} – „{title}“",
                status=status,
                status_label=_status_label(statuses, status, percent) if measure_id else "",
                note=a["note"],
            )
        )
    return list(rows.values())


def _latest_status(alignments: list[dict]) -> dict[int, tuple[str, int | None]]:
    """Each aligned measure's status and percentage in its plan's latest published Bilanz (two
    queries: the reports, then only their entries for these measures)."""
    plan_ids = {a["measure__field__plan_id"] for a in alignments if a["measure_id"]}
    latest: dict[int, int] = {}
    reports = (
        ProgressReport.objects.filter(plan_id__in=plan_ids, status="published")
        .order_by("plan_id", "-as_of", "-id")
        .values_list("plan_id", "pk")
    )
    for plan_id, report_id in reports:
        latest.setdefault(plan_id, report_id)
    entries = (
        ProgressEntry.objects.values_list("measure_id", "status", "percent")
        .filter(
            report_id__in=latest.values(),
            measure_id__in=[a["measure_id"] for a in alignments if a["measure_id"]],
        )
        .order_by()
    )  # the model's order joins the measures and reports, and is not needed here
    return {measure_id: (status, percent) for measure_id, status, percent in entries}


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
    goals = list(Goal.objects.of_plan(plan))
    numbers = goal_numbers(goals)
    choices = [(f"g{goal.pk}", f"Ziel {numbers[goal.pk]}: {goal.title}") for goal in goals]
    choices += [
        (f"m{measure.pk}", f"Maßnahme {measure.number}: {measure.title}")
        for measure in Measure.objects.filter(field__plan=plan).order_by(
            "field__number", "position"
        )
    ]
    return choices
