"""Recommendations (Empfehlungen): back office and portal.

Back office (German, sign-in required): members of the plan's organisation read a process's
recommendations, their ideas, measures and versions; admins and coordinators (permission
participation.group) create, edit, renumber and delete them, group ideas into them and link them
to measures. Portal: anyone reads the recommendations of a public process, with the published
ideas they came from and the measures they led to.
"""

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page
from teilhabe.core.saving import render_form_page, save_or_conflict
from teilhabe.plans.models import Measure, ProgressReport

from .forms_recommendations import (
    GroupForm,
    MeasureLinkForm,
    RecommendationCreateForm,
    RecommendationEditForm,
)
from .models import (
    Idea,
    ParticipationFormat,
    Recommendation,
    RecommendationItem,
)
from .services import recommendations as services
from .trail import with_counts
from .views_processes import process_for, public_process

IDEAS_PER_PAGE = 50


def recommendation_for(user, pk: int, perm: str = "participation.view_internal") -> Recommendation:
    """The recommendation `pk`: 404 unless the person may see its process, 403 without `perm`."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("process__plan__organization"), pk=pk
    )
    if not user.has_perm("participation.view_internal", recommendation.process):
        raise Http404
    if perm != "participation.view_internal" and not user.has_perm(perm, recommendation.process):
        raise PermissionDenied
    return recommendation


def _crumbs(process, *extra) -> list:
    plan = process.plan
    return [
        (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
        ("Beteiligung", reverse("participation:process_list", args=[plan.slug])),
        (process.title, reverse("participation:process_detail", args=[process.pk])),
        *extra,
    ]


def _list_crumb(process):
    return ("Empfehlungen", reverse("participation:recommendation_list", args=[process.pk]))


def _detail_url(recommendation) -> str:
    return reverse("participation:recommendation_detail", args=[recommendation.pk])


# Back office ------------------------------------------------------------------------------------


@login_required
@require_GET
def recommendation_list(request, pk):
    """Members of the plan's organisation: the process's numbered recommendations with their
    sub-items and the number of ideas and measures; coordinators reorder and renumber."""
    process = process_for(request.user, pk)
    recommendations = with_counts(
        list(
            Recommendation.objects.filter(process=process)
            .prefetch_related("items")
            .order_by("number")
        )
    )
    return render(
        request,
        "participation/backoffice/recommendation_list.html",
        {
            "plan": process.plan,
            "process": process,
            "recommendations": recommendations,
            "can_group": request.user.has_perm("participation.group", process),
            "breadcrumbs": _crumbs(process, ("Empfehlungen", None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, pk):
    """Admins and coordinators: a new recommendation with its sub-items."""
    process = process_for(request.user, pk, "participation.group")
    form = RecommendationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = save_or_conflict(
            request,
            form,
            lambda: services.recommendation_create(
                process=process,
                text=data["text"],
                number=data["number"],
                adopted_on=data["adopted_on"],
                items=data["items"],
                by=request.user,
            ),
        )
        if created is not None:
            messages.success(request, f"Empfehlung {created.number} angelegt.")
            return redirect(_detail_url(created))
    return render_form_page(
        request,
        form,
        heading="Neue Empfehlung",
        preline=process.title,
        cancel_url=reverse("participation:recommendation_list", args=[process.pk]),
        breadcrumbs=_crumbs(process, _list_crumb(process), ("Neue Empfehlung", None)),
    )


def _ideas_with_origin(queryset):
    return queryset.select_related("phase__parent", "field").order_by("created_at", "id")


@login_required
@require_GET
def recommendation_detail(request, pk):
    """Members of the plan's organisation: the recommendation, its sub-items, the ideas it came
    from (with working group and field of action), the measures it led to, the decisions.
    Coordinators remove ideas and link measures (search by number or title)."""
    recommendation = recommendation_for(request.user, pk)
    process = recommendation.process
    items = list(
        recommendation.items.prefetch_related(
            Prefetch("ideas", queryset=Idea.objects.only("id", "title"))
        ).order_by("label")
    )
    ideas = list(_ideas_with_origin(recommendation.ideas.all()))
    item_labels: dict[int, list[str]] = {}
    for item in items:
        for idea in item.ideas.all():
            item_labels.setdefault(idea.pk, []).append(item.label)
    for idea in ideas:
        idea.item_labels = item_labels.get(idea.pk, [])
    can_group = request.user.has_perm("participation.group", process)
    query = request.GET.get("q", "").strip()
    candidates = None
    link_form = None
    if can_group:
        measures = Measure.objects.for_plan(process.plan).exclude(recommendations=recommendation)
        if query:
            measures = measures.filter(Q(number__icontains=query) | Q(title__icontains=query))
        candidates = measures.select_related("field").order_by("field__number", "position")[:50]
        link_form = MeasureLinkForm(measures=candidates)
    return render(
        request,
        "participation/backoffice/recommendation_detail.html",
        {
            "plan": process.plan,
            "process": process,
            "recommendation": recommendation,
            "items": items,
            "ideas": ideas,
            "measures": recommendation.measures.select_related("field").order_by(
                "field__number", "position"
            ),
            "papers": recommendation.papers.order_by("-date"),
            "can_group": can_group,
            "query": query,
            "link_form": link_form,
            "breadcrumbs": _crumbs(
                process, _list_crumb(process), (f"Empfehlung {recommendation.number}", None)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk):
    """Admins and coordinators: text, adoption date and sub-items, versioned (a concurrent
    change shows a conflict and keeps what was typed)."""
    recommendation = recommendation_for(request.user, pk, "participation.group")
    form = RecommendationEditForm(request.POST or None, recommendation=recommendation)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            request,
            form,
            lambda: services.recommendation_update(
                recommendation=recommendation, by=request.user, **form.changes()
            ),
        )
        if saved is not None:
            messages.success(request, f"Empfehlung {saved.number} gespeichert.")
            return redirect(_detail_url(saved))
    process = recommendation.process
    return render_form_page(
        request,
        form,
        heading=f"Empfehlung {recommendation.number} bearbeiten",
        preline=process.title,
        cancel_url=_detail_url(recommendation),
        breadcrumbs=_crumbs(
            process,
            _list_crumb(process),
            (f"Empfehlung {recommendation.number}", _detail_url(recommendation)),
            ("Bearbeiten", None),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_delete(request, pk):
    """Admins and coordinators: delete a recommendation that is not adopted (after asking)."""
    recommendation = recommendation_for(request.user, pk, "participation.group")
    process = recommendation.process
    if request.method == "POST":
        try:
            services.recommendation_delete(recommendation=recommendation, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect(_detail_url(recommendation))
        messages.success(request, f"Empfehlung {recommendation.number} gelöscht.")
        return redirect("participation:recommendation_list", process.pk)
    return render(
        request,
        "participation/backoffice/recommendation_delete.html",
        {
            "plan": process.plan,
            "process": process,
            "recommendation": recommendation,
            "breadcrumbs": _crumbs(
                process,
                _list_crumb(process),
                (f"Empfehlung {recommendation.number}", _detail_url(recommendation)),
                ("Löschen", None),
            ),
        },
    )


@login_required
@require_POST
def recommendation_move(request, pk):
    """Admins and coordinators: move a recommendation up or down; the numbers follow."""
    recommendation = recommendation_for(request.user, pk, "participation.group")
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.recommendation_move(
        recommendation=recommendation, direction=direction, by=request.user
    )
    return redirect(
        reverse("participation:recommendation_list", args=[recommendation.process_id])
        + f"#empfehlung-{recommendation.pk}"
    )


@login_required
@require_POST
def recommendations_renumber(request, pk):
    """Admins and coordinators: number the recommendations 1, 2, 3 … without gaps."""
    process = process_for(request.user, pk, "participation.group")
    changed = services.recommendations_renumber(process=process, by=request.user)
    if changed:
        messages.success(request, f"Neu nummeriert: {changed} Empfehlung(en) mit neuer Nummer.")
    else:
        messages.info(request, "Die Nummern sind schon lückenlos.")
    return redirect("participation:recommendation_list", process.pk)


def _group_filters(request, process, ideas):
    """The idea list's filters: working group or format, field of action, not yet grouped."""
    phase = request.GET.get("format", "")
    field = request.GET.get("handlungsfeld", "")
    ungrouped = request.GET.get("offen") == "1"
    if phase.isdigit():
        ideas = ideas.filter(phase_id=int(phase))
    if field.isdigit():
        ideas = ideas.filter(field_id=int(field))
    if ungrouped:
        ideas = ideas.filter(recommendations=None)
    return ideas, {"format": phase, "handlungsfeld": field, "offen": ungrouped}


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_group(request, pk):
    """Admins and coordinators: pick published ideas and ideas from workshop cards and add them
    to a recommendation, to one of its sub-items, or to a new recommendation."""
    process = process_for(request.user, pk, "participation.group")
    groupable = services.groupable_ideas(process)
    recommendations = (
        Recommendation.objects.filter(process=process).prefetch_related("items").order_by("number")
    )
    form = GroupForm(
        request.POST or None,
        ideas=groupable,
        recommendations=recommendations,
        initial={"target": request.GET.get("ziel", "new")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind, _sep, target_id = data["target"].partition(":")
        recommendation = item = None
        if kind == "rec":
            recommendation = get_object_or_404(Recommendation, process=process, pk=target_id)
        elif kind == "item":
            item = get_object_or_404(
                RecommendationItem.objects.select_related("recommendation"),
                recommendation__process=process,
                pk=target_id,
            )
        saved = save_or_conflict(
            request,
            form,
            lambda: services.ideas_group(
                process=process,
                ideas=data["ideas"],
                recommendation=recommendation,
                item=item,
                new_text=data["new_text"],
                by=request.user,
            ),
        )
        if saved is not None:
            messages.success(
                request, f"{len(data['ideas'])} Idee(n) der Empfehlung {saved.number} zugeordnet."
            )
            return redirect(_detail_url(saved))
    ideas, filters = _group_filters(request, process, groupable)
    page = Paginator(
        _ideas_with_origin(ideas).prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.only("id", "number"))
        ),
        IDEAS_PER_PAGE,
    ).get_page(request.GET.get("seite"))
    selected = {str(v) for v in form["ideas"].value() or []}
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "participation/backoffice/recommendation_group.html",
        {
            "plan": process.plan,
            "process": process,
            "form": form,
            "page": page,
            "selected": selected,
            "filters": filters,
            "page_query": query.urlencode(),
            "formats": ParticipationFormat.objects.filter(process=process).order_by(
                "position", "number", "id"
            ),
            "fields": process.plan.fields.order_by("number"),
            "breadcrumbs": _crumbs(process, _list_crumb(process), ("Ideen zuordnen", None)),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def recommendation_idea_remove(request, pk, idea_id):
    """Admins and coordinators: remove an idea from the recommendation (or from one sub-item)."""
    recommendation = recommendation_for(request.user, pk, "participation.group")
    idea = get_object_or_404(recommendation.ideas.all(), pk=idea_id)
    item_id = request.POST.get("item", "")
    item = get_object_or_404(recommendation.items.all(), pk=item_id) if item_id.isdigit() else None
    services.idea_unlink(recommendation=recommendation, idea=idea, item=item, by=request.user)
    messages.success(request, f"Idee „{idea.title}“ entfernt.")
    return redirect(_detail_url(recommendation) + "#ideen")


@login_required
@require_POST
def recommendation_measure_add(request, pk):
    """Admins and coordinators: link a measure of the plan to the recommendation."""
    recommendation = recommendation_for(request.user, pk, "participation.group")
    form = MeasureLinkForm(
        request.POST, measures=Measure.objects.for_plan(recommendation.process.plan)
    )
    if not form.is_valid():
        for error in form.errors.get("measure", []):
            messages.error(request, error)
        return redirect(_detail_url(recommendation) + "#massnahmen")
    measure = form.cleaned_data["measure"]
    try:
        services.measure_link(recommendation=recommendation, measure=measure, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Maßnahme {measure.number} verknüpft.")
    return redirect(_detail_url(recommendation) + "#massnahmen")


@login_required
@require_POST
def recommendation_measure_remove(request, pk, measure_id):
    """Admins and coordinators: remove the link to a measure."""
    recommendation = recommendation_for(request.user, pk, "participation.group")
    measure = get_object_or_404(recommendation.measures.all(), pk=measure_id)
    services.measure_unlink(recommendation=recommendation, measure=measure, by=request.user)
    messages.success(request, f"Verknüpfung mit Maßnahme {measure.number} entfernt.")
    return redirect(_detail_url(recommendation) + "#massnahmen")


def _diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference: (kind, text) with kind "same", "added" or "removed"."""
    before, after = (old or "").split(), (new or "").split()
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("removed", " ".join(before[a1:a2])))
        if b2 > b1:
            parts.append(("added", " ".join(after[b1:b2])))
    return parts


def _history_text(record) -> str:
    return getattr(record, "text_de", None) or record.text or ""


@login_required
@require_GET
def recommendation_versions(request, pk):
    """Members of the plan's organisation: every version of the recommendation — who, when,
    why — with the change of its text, and the changes of its sub-items."""
    recommendation = recommendation_for(request.user, pk)
    records = list(
        recommendation.history.select_related("history_user").order_by("history_date", "history_id")
    )
    versions = []
    previous = None
    for record in records:
        text = _history_text(record)
        versions.append(
            {
                "record": record,
                "diff": _diff(_history_text(previous), text) if previous else [("same", text)],
                "changed": previous is None or _history_text(previous) != text,
                "adopted_changed": previous is not None
                and previous.adopted_on != record.adopted_on,
            }
        )
        previous = record
    versions.reverse()
    item_records = list(
        RecommendationItem.history.filter(recommendation_id=recommendation.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    item_changes = []
    last_text: dict[int, str] = {}
    for record in item_records:
        text = _history_text(record)
        item_changes.append(
            {
                "record": record,
                "diff": _diff(last_text[record.id], text) if record.id in last_text else [],
            }
        )
        last_text[record.id] = text
    item_changes.sort(key=lambda c: c["record"].history_date, reverse=True)
    process = recommendation.process
    return render(
        request,
        "participation/backoffice/recommendation_versions.html",
        {
            "plan": process.plan,
            "process": process,
            "recommendation": recommendation,
            "versions": versions,
            "item_changes": item_changes,
            "breadcrumbs": _crumbs(
                process,
                _list_crumb(process),
                (f"Empfehlung {recommendation.number}", _detail_url(recommendation)),
                ("Versionen", None),
            ),
        },
    )


# Portal -----------------------------------------------------------------------------------------


def _public_recommendations(process):
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


@require_GET
@cached_public_page
def portal_recommendation_list(request, org_slug, plan_slug, process_slug):
    """Anyone: the numbered recommendations of a public process, what they came from and what
    became of them."""
    process = public_process(org_slug, plan_slug, process_slug)
    recommendations, report = _public_recommendations(process)
    return render(
        request,
        "participation/portal/recommendation_list.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "recommendations": recommendations,
            "report": report,
        },
    )


@require_GET
@cached_public_page
def portal_recommendation_detail(request, org_slug, plan_slug, process_slug, recommendation_id):
    """Anyone: one recommendation of a public process with the published ideas it came from."""
    process = public_process(org_slug, plan_slug, process_slug)
    recommendation = get_object_or_404(
        Recommendation.objects.filter(process=process).prefetch_related("items"),
        pk=recommendation_id,
    )
    ideas = _ideas_with_origin(recommendation.ideas.published())
    return render(
        request,
        "participation/portal/recommendation_detail.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "recommendation": recommendation,
            "ideas": ideas,
        },
    )
