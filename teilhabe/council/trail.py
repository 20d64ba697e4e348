"""The trail (Nachverfolgung): from a measure back to the recommendations, ideas, working groups
and council decisions it came from, and from an idea forward to what became of it.

Reads only, each in a fixed number of queries. Public trails show public processes of published
plans, published ideas and public papers only; the back-office trail shows everything and marks
what the public does not see. Personal data never appears: an idea's author only by the name
they chose to show (Idea.public_author).
"""

from dataclasses import dataclass, field

from django.db.models import F, Q

from teilhabe.participation.models import ModerationStatus, Recommendation
from teilhabe.participation.trail import with_counts
from teilhabe.plans.models import Measure, ProgressReport

from .models import Paper


@dataclass
class TrailStep:
    """One recommendation on the way, with what it came from and led to."""

    recommendation: Recommendation
    ideas: list = field(default_factory=list)
    measures: list = field(default_factory=list)

    @property
    def formats(self) -> list:
        """The working groups or formats the ideas came from (with the event they belong to)."""
        seen = {}
        for idea in self.ideas:
            if idea.phase_id and idea.phase_id not in seen:
                seen[idea.phase_id] = idea.phase
        return sorted(seen.values(), key=lambda f: (f.position, f.number or 0, f.pk))

    @property
    def fields(self) -> list:
        seen = {}
        for idea in self.ideas:
            if idea.field_id and idea.field_id not in seen:
                seen[idea.field_id] = idea.field
        return sorted(seen.values(), key=lambda f: f.number)


@dataclass
class Trail:
    steps: list[TrailStep]
    papers: list
    report: ProgressReport | None = None
    plan: object = None

    def __bool__(self) -> bool:
        return bool(self.steps or self.papers)

    @property
    def ideas(self) -> list:
        seen = {}
        for step in self.steps:
            for idea in step.ideas:
                seen.setdefault(idea.pk, idea)
        return list(seen.values())

    @property
    def measures(self) -> list:
        seen = {}
        for step in self.steps:
            for measure in step.measures:
                seen.setdefault(measure.pk, measure)
        return list(seen.values())


def _papers(query: Q, *, public: bool) -> list:
    papers = Paper.objects.filter(query)
    if public:
        papers = papers.public()
    return list(
        papers.distinct()
        .with_consultations(public_only=public)
        .order_by(F("date").asc(nulls_last=True), "reference")
    )


def _ideas_by_recommendation(recommendation_ids, *, public: bool) -> dict[int, list]:
    links = Recommendation.ideas.through.objects.filter(
        recommendation_id__in=recommendation_ids
    ).select_related("idea__phase__parent", "idea__field")
    if public:
        links = links.filter(idea__status=ModerationStatus.PUBLISHED)
    result: dict[int, list] = {}
    for link in links.order_by("idea__created_at", "idea_id"):
        link.idea.is_published = link.idea.status == ModerationStatus.PUBLISHED
        result.setdefault(link.recommendation_id, []).append(link.idea)
    return result


def measure_trail(measure: Measure, *, public: bool = True) -> Trail:
    """Where the measure came from: recommendations, their ideas and groups, the decisions
    (papers linked to the measure or to one of its recommendations). Five queries."""
    recommendations = Recommendation.objects.filter(measures=measure).select_related("process")
    if public:
        recommendations = recommendations.public()
    recommendations = list(recommendations.order_by("process_id", "number"))
    ids = [r.pk for r in recommendations]
    ideas = _ideas_by_recommendation(ids, public=public)
    steps = [TrailStep(recommendation=r, ideas=ideas.get(r.pk, [])) for r in recommendations]
    papers = _papers(Q(measures=measure) | Q(recommendations__in=ids), public=public)
    return Trail(steps=steps, papers=papers)


def idea_trail(idea) -> Trail:
    """What became of a published idea: its recommendations, their measures with the status of
    the plan's latest published Bilanz, and the decisions on the recommendations. Five queries."""
    recommendations = list(
        Recommendation.objects.public()
        .filter(ideas=idea)
        .select_related("process__plan__organization")
        .order_by("number")
    )
    if not recommendations:
        return Trail(steps=[], papers=[])
    ids = [r.pk for r in recommendations]
    plan_id = recommendations[0].process.plan_id
    # The portal's way (as on the field page): the status in the plan's latest published Bilanz.
    report = ProgressReport.objects.latest_for(plan_id, published_only=True)
    measures = (
        Measure.objects.filter(recommendations__in=ids, field__plan_id=plan_id)
        .exclude(field__plan__status="draft")
        .annotate(recommendation_id=F("recommendations"))
        .select_related("field")
        .with_entry_of(report)
        .order_by("field__number", "position", "id")
    )
    by_recommendation: dict[int, list] = {}
    for measure in measures:
        by_recommendation.setdefault(measure.recommendation_id, []).append(measure)
    steps = [
        TrailStep(recommendation=r, ideas=[idea], measures=by_recommendation.get(r.pk, []))
        for r in recommendations
    ]
    papers = _papers(Q(recommendations__in=ids), public=True)
    return Trail(steps=steps, papers=papers, report=report, plan=recommendations[0].process.plan)


def recommendations_with_counts(process, *, public: bool = False) -> list:
    """The process's recommendations in order with the number of their ideas (published ones
    only for the public) and measures: three queries."""
    recommendations = with_counts(
        list(Recommendation.objects.filter(process=process).order_by("number"))
    )
    if public:
        for recommendation in recommendations:
            recommendation.idea_count = recommendation.published_count
    return recommendations
