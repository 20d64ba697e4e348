"""Reads of council papers that span apps (plans, measures, recommendations, milestones) and the
view models the council pages are built from. Every function costs a fixed number of queries,
however many papers, consultations, links and runs there are."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from teilhabe.organizations.models import Organization
from teilhabe.participation.models import Recommendation
from teilhabe.plans.milestones import TimelineEntry, milestones_of, overdue_count, state_of
from teilhabe.plans.models import Measure, Milestone, Plan, ProgressEntry, ProgressReport
from teilhabe.plans.selectors import public_organization

from .models import (
    Committee,
    Consultation,
    ConsultationRole,
    OParlSource,
    Paper,
    PaperFile,
    SyncStatus,
)
from .oparl.sync import LABELS, progress_line

HISTORY_SHOWN = 30
COMMITTEE_CONSULTATIONS_SHOWN = 100
RUNS_SHOWN = 10


# Decisions ---------------------------------------------------------------------------------------


def decisive_consultation(paper: Paper) -> Consultation | None:
    """The step that decided (or took note of) the paper: the last Beschlussfassung, else the
    last Kenntnisnahme, else the last step of its Beratungsfolge. Uses prefetched consultations."""
    consultations = list(paper.consultations.all())
    for role in (ConsultationRole.DECISION, ConsultationRole.NOTICE):
        matching = [c for c in consultations if c.role == role]
        if matching:
            return matching[-1]
    return consultations[-1] if consultations else None


def _with_decision(papers) -> list[Paper]:
    papers = list(papers)
    for paper in papers:
        paper.decision = decisive_consultation(paper)
    return papers


def papers_for_measure(measure: Measure, *, public: bool) -> list[Paper]:
    """Papers behind a measure: linked to it directly or to one of its recommendations.

    Each paper carries `via_recommendations` (the measure's recommendations it adopted), its
    consultations and `decision`; three queries."""
    papers = Paper.objects.behind_measure(measure)
    recommendations = Recommendation.objects.filter(measures=measure).order_by("number")
    if public:
        papers = papers.public()
        recommendations = recommendations.public()
    papers = papers.with_consultations().prefetch_related(
        Prefetch("recommendations", queryset=recommendations, to_attr="via_recommendations")
    )
    return _with_decision(papers.order_by("date", "id"))


def papers_for_plan(plan: Plan, *, public: bool) -> list[Paper]:
    """Papers linked to the plan with their consultations and `decision`; two queries."""
    papers = Paper.objects.for_plan(plan)
    if public:
        papers = papers.public()
    return _with_decision(papers.with_consultations().order_by("date", "id"))


# What a paper set in motion ----------------------------------------------------------------------


@dataclass
class PaperLinks:
    plans: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    milestones: list = field(default_factory=list)

    def __bool__(self):
        return any((self.plans, self.reports, self.recommendations, self.measures, self.milestones))


def paper_links(paper: Paper) -> PaperLinks:
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


def _with_latest_published_status(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """Annotate each measure's status and percent in the newest published Bilanz containing it."""
    latest = ProgressEntry.objects.filter(
        measure=OuterRef("pk"), report__status="published"
    ).order_by("-report__as_of", "-report_id")
    return measures.annotate(
        published_status=Subquery(latest.values("status")[:1]),
        published_percent=Subquery(latest.values("percent")[:1]),
        published_as_of=Subquery(latest.values("report__as_of")[:1]),
    )


def public_paper_links(paper: Paper) -> PaperLinks:
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
            _with_latest_published_status(
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


# What a paper can be linked to -------------------------------------------------------------------


def link_choices(organization: Organization) -> list:
    """What of the organisation a paper can be linked to, as grouped choices ("<kind>:<id>", see
    services.LINK_KINDS), in five queries whatever the number of plans and measures."""
    plans = Plan.objects.filter(organization=organization).order_by("-adopted_on", "title")
    reports = (
        ProgressReport.objects.filter(plan__organization=organization)
        .select_related("plan")
        .order_by("plan__title", "-as_of")
    )
    recommendations = (
        Recommendation.objects.filter(process__plan__organization=organization)
        .select_related("process")
        .order_by("process__title", "number")
    )
    measures = (
        Measure.objects.filter(field__plan__organization=organization)
        .select_related("field__plan")
        .order_by("field__plan__title", "field__number", "position", "id")
    )
    milestones = (
        Milestone.objects.filter(plan__organization=organization)
        .select_related("plan")
        .order_by("plan__title", "position", "due_on")
    )
    return [
        ("Pläne", [(f"plan:{p.pk}", p.title) for p in plans]),
        ("Bilanzen", [(f"report:{r.pk}", f"{r.title} ({r.plan.title})") for r in reports]),
        (
            "Empfehlungen",
            [
                (f"recommendation:{r.pk}", f"{r.process.title}: {r.number}. {r.text[:80]}")
                for r in recommendations
            ],
        ),
        (
            "Maßnahmen",
            [
                (f"measure:{m.pk}", f"{m.number} {m.title[:80]} ({m.field.plan.title})")
                for m in measures
            ],
        ),
        (
            "Meilensteine",
            [(f"milestone:{m.pk}", f"{m.title} ({m.plan.title})") for m in milestones],
        ),
    ]


# The timeline of a plan --------------------------------------------------------------------------


def plan_timeline(
    plan: Plan, *, today: dt.date | None = None, public_only: bool = False
) -> list[TimelineEntry]:
    """The plan's milestones in order with their state and the papers that fulfil them, in two
    queries whatever the number of milestones and papers. `public_only` keeps non-public
    papers out (portal, calendar); the back office sees them all."""
    today = today or timezone.localdate()
    papers = Paper.objects.select_related("organization").order_by("date", "reference")
    if public_only:
        papers = papers.public()
    milestones = milestones_of(plan).prefetch_related(Prefetch("papers", queryset=papers))
    return [
        TimelineEntry(
            milestone=m, state=state_of(m, today), today=today, papers=list(m.papers.all())
        )
        for m in milestones
    ]


def plan_timeline_summary(plan: Plan, *, public_only: bool = False) -> dict:
    """The timeline and how many of its milestones are overdue (the panels' view model)."""
    entries = plan_timeline(plan, public_only=public_only)
    overdue = [entry for entry in entries if entry.overdue]
    return {
        "entries": entries,
        "overdue_count": overdue_count(entries),
        "oldest_overdue": min(overdue, key=lambda e: e.milestone.due_on, default=None),
    }


# Back-office pages -------------------------------------------------------------------------------


def committees_of(organization: Organization) -> QuerySet[Committee]:
    """The organisation's committees with their number of meetings, council first."""
    return Committee.objects.for_organization(organization).with_meeting_count().by_kind_and_name()


def committee_names(organization: Organization) -> list[str]:
    """The names of the organisation's committees, for choosing one by typing."""
    return list(
        Committee.objects.for_organization(organization)
        .by_kind_and_name()
        .values_list("name", flat=True)
    )


def committee_page(committee: Committee) -> dict:
    """A committee's meetings and the latest papers consulted there."""
    return {
        "meetings": committee.meetings.with_consultation_count(),
        "consultations": Consultation.objects.of_committee(committee)[
            :COMMITTEE_CONSULTATIONS_SHOWN
        ],
    }


def organization_papers(organization: Organization, **filters) -> QuerySet[Paper]:
    """All the organisation's papers, public or not, filtered, newest first, with their
    Beratungsfolge."""
    return (
        Paper.objects.for_organization(organization)
        .filtered(**filters)
        .with_consultations()
        .newest_first()
    )


def paper_page(paper: Paper) -> dict:
    """What the back office shows with a paper: its Beratungsfolge, attachments, links, and who
    changed it and its consultations when."""
    return {
        "consultations": paper.consultations.select_related("committee", "meeting", "agenda_item"),
        "files": paper.files.all(),
        "links": paper_links(paper),
        "relations": paper_relations(paper, public=False),
        "history": paper.history.select_related("history_user").order_by("-history_date")[
            :HISTORY_SHOWN
        ],
        "consultation_history": Consultation.history.filter(paper_id=paper.pk)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_SHOWN],
    }


def _runs(source: OParlSource) -> list:
    runs = list(source.runs.all()[:RUNS_SHOWN])
    for run in runs:
        run.lines = [
            progress_line(key, run.counts)
            for key in LABELS
            if (run.counts.get(key) or {}).get("read")
        ]
        run.notes = run.counts.get("notes", []) if isinstance(run.counts, dict) else []
    return runs


def oparl_source_status(source: OParlSource) -> dict:
    """A source with its latest runs in words, and whether one waits or runs (the page polls)."""
    runs = _runs(source)
    return {
        "source": source,
        "runs": runs,
        "polling": any(r.status in (SyncStatus.QUEUED, SyncStatus.RUNNING) for r in runs),
    }


def oparl_sources_of(organization: Organization) -> list[dict]:
    return [
        oparl_source_status(source) for source in organization.oparl_sources.order_by("system_url")
    ]


# Portal ------------------------------------------------------------------------------------------


def public_papers(organization: Organization, query: str = "") -> QuerySet[Paper]:
    """The organisation's public papers matching `query`, newest first, with their Beratungsfolge
    (non-public steps included: the page shows that they happened, not their result)."""
    papers = Paper.objects.public().for_organization(organization)
    if query:
        papers = papers.matching(query)
    return papers.with_consultations().newest_first()


def public_paper(org_slug: str, paper_id: int) -> tuple[Organization, Paper]:
    """The organisation behind a portal address and its public paper; 404 for anything else."""
    organization = public_organization(org_slug)
    paper = get_object_or_404(
        Paper.objects.public()
        .for_organization(organization)
        .with_consultations()
        .prefetch_related("files"),
        pk=paper_id,
    )
    return organization, paper


@dataclass(frozen=True)
class PaperRelations:
    """A paper's OParl links, resolved: the papers of the same organisation it names that are
    here (and public, for the portal), and the names of the bodies behind it."""

    related: list[Paper]
    superordinated: list[Paper]
    subordinated: list[Paper]
    originators: list[str]
    under_direction_of: list[str]

    def __bool__(self):
        return any(
            (
                self.related,
                self.superordinated,
                self.subordinated,
                self.originators,
                self.under_direction_of,
            )
        )


def paper_relations(paper: Paper, *, public: bool) -> PaperRelations:
    """Three queries whatever the number of links (none for a paper without any)."""
    lists = (
        paper.related_oparl_ids,
        paper.superordinated_oparl_ids,
        paper.subordinated_oparl_ids,
    )
    paper_ids = {oid for ids in lists for oid in ids}
    papers: dict[str, Paper] = {}
    if paper_ids:
        found = Paper.objects.filter(organization_id=paper.organization_id, oparl_id__in=paper_ids)
        if public:
            found = found.public()
        papers = {p.oparl_id: p for p in found.exclude(pk=paper.pk)}
    body_ids = {*paper.originator_oparl_ids, *paper.under_direction_of_oparl_ids}
    names: dict[str, str] = {}
    if body_ids:
        # Fraktionen and offices are no Gremien here: their names come from the sources.
        for known in OParlSource.objects.filter(organization_id=paper.organization_id).values_list(
            "body_names", flat=True
        ):
            names.update({oid: name for oid, name in known.items() if oid in body_ids})
        names.update(
            Committee.objects.filter(
                organization_id=paper.organization_id, oparl_id__in=body_ids
            ).values_list("oparl_id", "name")
        )

    def resolved(ids):
        return [papers[oid] for oid in ids if oid in papers]

    return PaperRelations(
        related=resolved(paper.related_oparl_ids),
        superordinated=resolved(paper.superordinated_oparl_ids),
        subordinated=resolved(paper.subordinated_oparl_ids),
        originators=[names[oid] for oid in paper.originator_oparl_ids if oid in names],
        under_direction_of=[
            names[oid] for oid in paper.under_direction_of_oparl_ids if oid in names
        ],
    )


def public_attachment(paper: Paper, file_id: int) -> PaperFile:
    """An attachment of a public paper; 404 for any other."""
    return get_object_or_404(PaperFile, paper=paper, pk=file_id)
