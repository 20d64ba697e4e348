"""Reads and template tags for council papers shown on other parts' pages (measures, plans) and
on the paper pages themselves. Every function costs a fixed number of queries, however many
papers, consultations and links there are."""

from dataclasses import dataclass, field

from django import template
from django.db.models import OuterRef, Prefetch, Q, Subquery

from teilhabe.participation.models import Recommendation
from teilhabe.plans.models import Measure, Milestone, Plan, ProgressEntry, ProgressReport

from ..models import Consultation, ConsultationRole, Paper

register = template.Library()


def with_consultations(papers):
    """Papers with their Beratungsfolge (committee and meeting) in one more query."""
    return papers.prefetch_related(
        Prefetch(
            "consultations",
            queryset=Consultation.objects.select_related("committee", "meeting").order_by(
                "position", "date", "id"
            ),
        )
    )


def decisive_consultation(paper):
    """The step that decided (or took note of) the paper: the last Beschlussfassung, else the
    last Kenntnisnahme, else the last step of its Beratungsfolge. Uses prefetched consultations."""
    consultations = list(paper.consultations.all())
    for role in (ConsultationRole.DECISION, ConsultationRole.NOTICE):
        matching = [c for c in consultations if c.role == role]
        if matching:
            return matching[-1]
    return consultations[-1] if consultations else None


@dataclass
class PaperLinks:
    plans: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    milestones: list = field(default_factory=list)

    def __bool__(self):
        return any((self.plans, self.reports, self.recommendations, self.measures, self.milestones))


def paper_links(paper) -> PaperLinks:
    """Everything the paper is linked to (back office: drafts included), five queries."""
    return PaperLinks(
        plans=list(paper.plans.order_by("-adopted_on", "title")),
        reports=list(paper.reports.select_related("plan").order_by("-as_of")),
        recommendations=list(
            paper.recommendations.select_related("process__plan").order_by("process", "number")
        ),
        measures=list(
            paper.measures.select_related("field__plan").order_by(
                "field__plan", "field__number", "position", "id"
            )
        ),
        milestones=list(paper.milestones.select_related("plan").order_by("plan", "position")),
    )


def with_latest_published_status(measures):
    """Annotate each measure's status and percent in the newest published Bilanz containing it."""
    latest = ProgressEntry.objects.filter(
        measure=OuterRef("pk"), report__status="published"
    ).order_by("-report__as_of", "-report_id")
    return measures.annotate(
        published_status=Subquery(latest.values("status")[:1]),
        published_percent=Subquery(latest.values("percent")[:1]),
        published_as_of=Subquery(latest.values("report__as_of")[:1]),
    )


def public_paper_links(paper) -> PaperLinks:
    """What the paper set in motion that anyone may see: non-draft plans, published Bilanzen,
    recommendations of public processes, measures and milestones of non-draft plans."""
    public_plans = Plan.objects.public()
    return PaperLinks(
        plans=list(public_plans.filter(papers=paper).order_by("-adopted_on", "title")),
        reports=list(
            ProgressReport.objects.public()
            .filter(papers=paper)
            .select_related("plan")
            .order_by("-as_of")
        ),
        recommendations=list(
            Recommendation.objects.public()
            .filter(papers=paper)
            .select_related("process__plan")
            .order_by("process", "number")
        ),
        measures=list(
            with_latest_published_status(
                Measure.objects.filter(papers=paper, field__plan__in=public_plans)
            )
            .select_related("field__plan")
            .order_by("field__plan", "field__number", "position", "id")
        ),
        milestones=list(
            Milestone.objects.filter(papers=paper, plan__in=public_plans)
            .select_related("plan")
            .order_by("plan", "position")
        ),
    )


def papers_for_measure(measure, *, public: bool):
    """Papers behind a measure: linked to it directly or to one of its recommendations.

    Each paper carries `via_recommendations` (the measure's recommendations it adopted) and
    its consultations; three queries."""
    papers = Paper.objects.filter(
        Q(measures=measure) | Q(recommendations__measures=measure)
    ).distinct()
    recommendations = Recommendation.objects.filter(measures=measure).order_by("number")
    if public:
        papers = papers.public()
        recommendations = recommendations.public()
    papers = with_consultations(papers).prefetch_related(
        Prefetch("recommendations", queryset=recommendations, to_attr="via_recommendations")
    )
    return _with_decision(papers.order_by("date", "id"))


def papers_for_plan(plan, *, public: bool):
    papers = Paper.objects.filter(plans=plan)
    if public:
        papers = papers.public()
    return _with_decision(with_consultations(papers).order_by("date", "id"))


def _with_decision(papers) -> list:
    papers = list(papers)
    for paper in papers:
        paper.decision = decisive_consultation(paper)
    return papers


@register.simple_tag
def measure_papers(measure, public=False):
    """`{% measure_papers measure public=True as papers %}`"""
    if measure is None:
        return []
    return papers_for_measure(measure, public=public)


@register.simple_tag
def plan_papers(plan, public=False):
    """`{% plan_papers plan public=True as papers %}`"""
    if plan is None:
        return []
    return papers_for_plan(plan, public=public)


@register.simple_tag
def decision_of(paper):
    """The deciding consultation of a paper whose consultations are prefetched."""
    return getattr(paper, "decision", None) or decisive_consultation(paper)
