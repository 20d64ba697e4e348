"""Reads of the participation pages: the public lookups of the portal (a public process of a
published plan, its published ideas, recommendations and closed Prioritätenlisten) and the view
models the back-office pages are built from. Views do no ORM work of their own."""

from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404

from teilhabe.organizations.models import Organization
from teilhabe.plans.models import FieldOfAction, Measure, ProgressReport
from teilhabe.plans.selectors import participation_plan

from .models import (
    EVENT_KINDS,
    GROUP_KINDS,
    FormatKind,
    GroupMember,
    Idea,
    IdeaComment,
    IdeaSource,
    IdeaSupport,
    ModerationStatus,
    ParticipationFormat,
    ParticipationProcess,
    Prioritization,
    PrioritizationOption,
    PrioritizationStatus,
    Recommendation,
    RecommendationItem,
    RegistrationStatus,
    Vote,
)
from .services.prioritization import public_prioritizations
from .trail import with_counts

# Processes and formats -------------------------------------------------------------------------


def public_process(org_slug: str, plan_slug: str, process_slug: str) -> ParticipationProcess:
    """A public process of a plan whose participation is public; 404 otherwise."""
    plan = participation_plan(org_slug, plan_slug)
    process = get_object_or_404(
        ParticipationProcess.objects.public().filter(plan=plan), slug=process_slug
    )
    process.plan = plan
    return process


def public_processes(plan):
    return ParticipationProcess.objects.public().filter(plan=plan).order_by("-id")


def process_is_public(process: ParticipationProcess) -> bool:
    return ParticipationProcess.objects.public().filter(pk=process.pk).exists()


def organization_named(slug: str) -> Organization | None:
    return Organization.objects.filter(slug=slug).first()


def plan_processes(plan):
    """A plan's processes for the back office, newest first, with their number of formats."""
    return plan.processes.annotate(format_count=Count("formats")).order_by("-id")


def process_formats(process: ParticipationProcess) -> list:
    """The process's formats in one query each for formats, members' counts and registrations."""
    return list(
        process.formats.select_related("field", "parent").annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
            member_count=Count("members", distinct=True),
        )
    )


def public_formats(process: ParticipationProcess) -> list:
    """Formats for the public page: members only as affiliation and sector (never names)."""
    members = Prefetch(
        "members", queryset=GroupMember.objects.only("id", "group_id", "affiliation", "sector")
    )
    return list(process.formats.select_related("field").prefetch_related(members))


def grouped_formats(formats) -> dict:
    """Formats by kind, for the process pages: events with their working groups, groups, phases."""
    events = [f for f in formats if f.kind in EVENT_KINDS]
    by_parent: dict = {}
    for fmt in formats:
        if fmt.kind == FormatKind.WORKING_GROUP:
            by_parent.setdefault(fmt.parent_id, []).append(fmt)
    for event in events:
        event.working_groups = sorted(
            by_parent.get(event.pk, []), key=lambda f: (f.number or 0, f.position, f.pk)
        )
    return {
        "events": events,
        "loose_working_groups": by_parent.get(None, []),
        "groups": [f for f in formats if f.kind in GROUP_KINDS],
        "phases": [f for f in formats if f.kind == FormatKind.ONLINE_PHASE],
    }


def public_event(org_slug, plan_slug, process_slug, event_id) -> ParticipationFormat:
    """An event of a public process; 404 otherwise."""
    process = public_process(org_slug, plan_slug, process_slug)
    event = get_object_or_404(
        process.formats.filter(kind__in=EVENT_KINDS).select_related("field"), pk=event_id
    )
    event.process = process
    return event


def next_number(process: ParticipationProcess, kind: str) -> int:
    """The number a new format of `kind` (a working group) gets: one above the highest."""
    highest = process.formats.filter(kind=kind).order_by("-number").first()
    return (highest.number or 0) + 1 if highest else 1


def format_page(fmt: ParticipationFormat) -> dict:
    """A format's members (groups), working groups and registration counts (events)."""
    return {
        "members": fmt.members.order_by("sector", "name") if fmt.is_group else [],
        "working_groups": fmt.children.order_by("number", "position", "id"),
        "counts": (
            fmt.registrations.aggregate(
                confirmed=Count("pk", filter=Q(status="confirmed")),
                waiting=Count("pk", filter=Q(status="waiting")),
                cancelled=Count("pk", filter=Q(status="cancelled")),
                attended=Count("pk", filter=Q(attended=True)),
            )
            if fmt.is_event
            else None
        ),
    }


# Who holds a place first, then the waiting list in its order, then who cancelled.
STATUS_ORDER = Case(
    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
    When(status=RegistrationStatus.WAITING, then=Value(1)),
    default=Value(2),
)


def ordered_registrations(event: ParticipationFormat):
    return event.registrations.order_by(STATUS_ORDER, "created_at", "id")


# Ideas -----------------------------------------------------------------------------------------


def public_idea(process, idea_id) -> Idea:
    """A published idea of the (public) process; 404 otherwise."""
    idea = get_object_or_404(
        Idea.objects.filter(process=process, status=ModerationStatus.PUBLISHED).select_related(
            "field", "phase__parent"
        ),
        pk=idea_id,
    )
    idea.process = process
    return idea


def idea_by_token(process, token: str) -> Idea:
    """The idea whose secret token the link carries; 404 otherwise."""
    idea = get_object_or_404(Idea.objects.filter(process=process), token=token)
    idea.process = process
    return idea


def has_supported(idea: Idea, supporter_key: str) -> bool:
    return bool(supporter_key) and (
        IdeaSupport.objects.filter(idea=idea, supporter_key=supporter_key).exists()
    )


def published_comments(idea: Idea):
    return idea.comments.filter(status=ModerationStatus.PUBLISHED).order_by("created_at", "id")


def all_comments(idea: Idea):
    return idea.comments.order_by("created_at", "id")


def plan_fields(plan):
    return FieldOfAction.objects.for_plan(plan)


def pending_ideas(process, limit: int) -> list:
    return list(
        Idea.objects.filter(process=process, status=ModerationStatus.PENDING)
        .select_related("field", "phase")
        .order_by("created_at", "id")[:limit]
    )


def pending_comments(process, limit: int):
    return (
        IdeaComment.objects.filter(idea__process=process, status=ModerationStatus.PENDING)
        .select_related("idea")
        .order_by("created_at", "id")[:limit]
    )


def recent_cards(process, limit: int = 10):
    return (
        Idea.objects.filter(process=process, source=IdeaSource.CARD)
        .select_related("phase", "field")
        .order_by("-created_at", "-id")[:limit]
    )


# Recommendations -------------------------------------------------------------------------------


def ideas_with_origin(queryset):
    return queryset.select_related("phase__parent", "field").order_by("created_at", "id")


def process_recommendations(process) -> list:
    """The process's recommendations with their sub-items and numbers of ideas and measures."""
    return with_counts(
        list(
            Recommendation.objects.filter(process=process)
            .prefetch_related("items")
            .order_by("number")
        )
    )


def recommendation_choices(process):
    return (
        Recommendation.objects.filter(process=process).prefetch_related("items").order_by("number")
    )


def recommendation_page(recommendation: Recommendation) -> dict:
    """Sub-items, the ideas (each with the labels of the sub-items it belongs to), measures and
    decisions of a recommendation."""
    items = list(
        recommendation.items.prefetch_related(
            Prefetch("ideas", queryset=Idea.objects.only("id", "title"))
        ).order_by("label")
    )
    ideas = list(ideas_with_origin(recommendation.ideas.all()))
    item_labels: dict[int, list[str]] = {}
    for item in items:
        for idea in item.ideas.all():
            item_labels.setdefault(idea.pk, []).append(item.label)
    for idea in ideas:
        idea.item_labels = item_labels.get(idea.pk, [])
    return {
        "items": items,
        "ideas": ideas,
        "measures": recommendation.measures.select_related("field").order_by(
            "field__number", "position"
        ),
        "papers": recommendation.papers.order_by("-date"),
    }


def link_candidates(recommendation: Recommendation, query: str):
    """Measures of the plan not yet linked to the recommendation, by number or title."""
    measures = Measure.objects.for_plan(recommendation.process.plan).exclude(
        recommendations=recommendation
    )
    if query:
        measures = measures.filter(Q(number__icontains=query) | Q(title__icontains=query))
    return measures.select_related("field").order_by("field__number", "position")[:50]


def plan_measures(plan):
    return Measure.objects.for_plan(plan)


def recommendation_of(process, pk) -> Recommendation:
    return get_object_or_404(Recommendation, process=process, pk=pk)


def item_of(process, pk) -> RecommendationItem:
    return get_object_or_404(
        RecommendationItem.objects.select_related("recommendation"),
        recommendation__process=process,
        pk=pk,
    )


def linked_idea(recommendation: Recommendation, idea_id) -> Idea:
    return get_object_or_404(recommendation.ideas.all(), pk=idea_id)


def linked_item(recommendation: Recommendation, item_id) -> RecommendationItem:
    return get_object_or_404(recommendation.items.all(), pk=item_id)


def linked_measure(recommendation: Recommendation, measure_id) -> Measure:
    return get_object_or_404(recommendation.measures.all(), pk=measure_id)


def filtered_ideas(ideas, *, phase: str, field: str, ungrouped: bool):
    """The grouping page's filters: working group or format, field of action, not yet grouped."""
    if phase.isdigit():
        ideas = ideas.filter(phase_id=int(phase))
    if field.isdigit():
        ideas = ideas.filter(field_id=int(field))
    if ungrouped:
        ideas = ideas.filter(recommendations=None)
    return ideas


def grouping_ideas(ideas):
    """Ideas for the grouping page, with where they came from and their recommendations."""
    return ideas_with_origin(ideas).prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.only("id", "number"))
    )


def formats_in_order(process):
    return ParticipationFormat.objects.filter(process=process).order_by("position", "number", "id")


def fields_in_order(plan):
    return plan.fields.order_by("number")


def recommendation_history(recommendation: Recommendation) -> list:
    return list(
        recommendation.history.select_related("history_user").order_by("history_date", "history_id")
    )


def item_history(recommendation: Recommendation) -> list:
    return list(
        RecommendationItem.history.filter(recommendation_id=recommendation.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )


def public_recommendations(process):
    """The process's recommendations for the public: sub-items, the number of ideas behind each
    (all of them, published or from cards; only published ones are ever linked), the measures
    with their status in the plan's latest published Bilanz. Six queries, whatever the size."""
    report = ProgressReport.objects.latest_for(process.plan, published_only=True)
    measures = (
        Measure.objects.select_related("field")
        .with_entry_of(report)
        .order_by("field__number", "position", "id")
    )
    recommendations = (
        Recommendation.objects.filter(process=process)
        .prefetch_related("items", Prefetch("measures", queryset=measures))
        .order_by("number")
    )
    return with_counts(list(recommendations)), report


def public_recommendation(process, recommendation_id) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.filter(process=process).prefetch_related("items"),
        pk=recommendation_id,
    )


def published_ideas_of(recommendation: Recommendation):
    return ideas_with_origin(recommendation.ideas.published())


# Prioritisations -------------------------------------------------------------------------------


def prioritization_locked(prioritization: Prioritization) -> bool:
    """Closed, or somebody voted: the rules of the vote stay as they are."""
    return (
        prioritization.status == PrioritizationStatus.CLOSED
        or prioritization.options.filter(votes__isnull=False).exists()
    )


def prioritization_option(prioritization: Prioritization, option_id) -> PrioritizationOption:
    return get_object_or_404(
        PrioritizationOption.objects.select_related("prioritization"),
        pk=option_id,
        prioritization=prioritization,
    )


def voting_members(prioritization: Prioritization) -> list:
    return list(prioritization.group.members.filter(may_vote=True).order_by("name", "id"))


def recorded_votes(prioritization: Prioritization):
    return Vote.objects.filter(option__prioritization=prioritization)


def portal_prioritization(
    org_slug, plan_slug, process_slug, prioritization_id, *, public: bool = True
) -> Prioritization:
    """A prioritisation named by the portal's URL: public ones only (closed, of a public process)
    unless `public` is False (the ballots, found by their token); 404 otherwise."""
    queryset = public_prioritizations() if public else Prioritization.objects.all()
    return get_object_or_404(
        queryset.select_related("group__process__plan__organization"),
        pk=prioritization_id,
        group__process__slug=process_slug,
        group__process__plan__slug=plan_slug,
        group__process__plan__organization__slug=org_slug,
    )


def member_by_token(prioritization: Prioritization, token: str) -> GroupMember:
    return get_object_or_404(
        GroupMember, group_id=prioritization.group_id, token=token, may_vote=True
    )


def signed_in_member(prioritization: Prioritization, user) -> GroupMember | None:
    return (
        GroupMember.objects.filter(group_id=prioritization.group_id, user=user, may_vote=True)
        .order_by("pk")
        .first()
    )
