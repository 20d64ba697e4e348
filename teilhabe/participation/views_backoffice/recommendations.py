"""Back office: a process's recommendations (Empfehlungen). Members of the plan's organisation
read them with their ideas, measures and versions; admins and coordinators (permission
participation.group) create, edit, renumber and delete them, group ideas into them and link them
to measures."""

import difflib

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_or_conflict

from .. import rules, selectors
from ..forms_recommendations import (
    AdoptionForm,
    GroupForm,
    MeasureLinkForm,
    RecommendationCreateForm,
    RecommendationEditForm,
)
from ..services import recommendations as services
from ..services.adoption import measures_from_recommendations
from .pages import crumbs as _crumbs

IDEAS_PER_PAGE = 50


def _list_crumb(process):
    return ("Empfehlungen", reverse("participation:recommendation_list", args=[process.pk]))


def _detail_url(recommendation) -> str:
    return reverse("participation:recommendation_detail", args=[recommendation.pk])


# Back office ------------------------------------------------------------------------------------


@rule("participation.view_internal", load=rules.process)
@require_safe
def recommendation_list(request, process):
    """Members of the plan's organisation: the process's numbered recommendations with their
    sub-items and the number of ideas and measures; coordinators reorder and renumber."""
    recommendations = selectors.process_recommendations(process)
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


@rule("participation.group", load=rules.process)
@require_http_methods(["GET", "POST"])
def recommendation_create(request, process):
    """Admins and coordinators: a new recommendation with its sub-items."""
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


@rule("participation.view_internal", load=rules.recommendation)
@require_safe
def recommendation_detail(request, recommendation):
    """Members of the plan's organisation: the recommendation, its sub-items, the ideas it came
    from (with working group and field of action), the measures it led to, the decisions.
    Coordinators remove ideas and link measures (search by number or title)."""
    process = recommendation.process
    can_group = request.user.has_perm("participation.group", process)
    query = request.GET.get("q", "").strip()
    candidates = None
    link_form = None
    adoption_form = None
    if can_group:
        candidates = selectors.link_candidates(recommendation, query)
        link_form = MeasureLinkForm(measures=candidates)
        adoption_form = AdoptionForm(fields=selectors.plan_fields(process.plan))
    return render(
        request,
        "participation/backoffice/recommendation_detail.html",
        {
            "plan": process.plan,
            "process": process,
            "recommendation": recommendation,
            **selectors.recommendation_page(recommendation),
            "can_group": can_group,
            "query": query,
            "link_form": link_form,
            "adoption_form": adoption_form,
            "breadcrumbs": _crumbs(
                process, _list_crumb(process), (f"Empfehlung {recommendation.number}", None)
            ),
        },
    )


@rule("participation.group", load=rules.recommendation)
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, recommendation):
    """Admins and coordinators: text, adoption date and sub-items, versioned (a concurrent
    change shows a conflict and keeps what was typed)."""
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


@rule("participation.group", load=rules.recommendation)
@require_http_methods(["GET", "POST"])
def recommendation_delete(request, recommendation):
    """Admins and coordinators: delete a recommendation that is not adopted (after asking)."""
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


@rule("participation.group", load=rules.recommendation)
@require_POST
def recommendation_move(request, recommendation):
    """Admins and coordinators: move a recommendation up or down; the numbers follow."""
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.recommendation_move(
        recommendation=recommendation, direction=direction, by=request.user
    )
    return redirect(
        reverse("participation:recommendation_list", args=[recommendation.process_id])
        + f"#empfehlung-{recommendation.pk}"
    )


@rule("participation.group", load=rules.process)
@require_POST
def recommendations_renumber(request, process):
    """Admins and coordinators: number the recommendations 1, 2, 3 … without gaps."""
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
    ideas = selectors.filtered_ideas(ideas, phase=phase, field=field, ungrouped=ungrouped)
    return ideas, {"format": phase, "handlungsfeld": field, "offen": ungrouped}


@rule("participation.group", load=rules.process)
@require_http_methods(["GET", "POST"])
def recommendation_group(request, process):
    """Admins and coordinators: pick published ideas and ideas from workshop cards and add them
    to a recommendation, to one of its sub-items, or to a new recommendation."""
    groupable = services.groupable_ideas(process)
    recommendations = selectors.recommendation_choices(process)
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
            recommendation = selectors.recommendation_of(process, target_id)
        elif kind == "item":
            item = selectors.item_of(process, target_id)
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
        selectors.grouping_ideas(ideas),
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
            "formats": selectors.formats_in_order(process),
            "fields": selectors.fields_in_order(process.plan),
            "breadcrumbs": _crumbs(process, _list_crumb(process), ("Ideen zuordnen", None)),
        },
        status=400 if form.is_bound else 200,
    )


@rule("participation.group", load=rules.recommendation)
@require_POST
def recommendation_idea_remove(request, recommendation, idea_id):
    """Admins and coordinators: remove an idea from the recommendation (or from one sub-item)."""
    idea = selectors.linked_idea(recommendation, idea_id)
    item_id = request.POST.get("item", "")
    item = selectors.linked_item(recommendation, item_id) if item_id.isdigit() else None
    services.idea_unlink(recommendation=recommendation, idea=idea, item=item, by=request.user)
    messages.success(request, f"Idee „{idea.title}“ entfernt.")
    return redirect(_detail_url(recommendation) + "#ideen")


@rule("participation.group", load=rules.recommendation)
@require_POST
def recommendation_measure_add(request, recommendation):
    """Admins and coordinators: link a measure of the plan to the recommendation."""
    form = MeasureLinkForm(
        request.POST, measures=selectors.plan_measures(recommendation.process.plan)
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


@rule("participation.group", load=rules.recommendation)
@require_POST
def recommendation_measure_remove(request, recommendation, measure_id):
    """Admins and coordinators: remove the link to a measure."""
    measure = selectors.linked_measure(recommendation, measure_id)
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


@rule("participation.view_internal", load=rules.recommendation)
@require_safe
def recommendation_versions(request, recommendation):
    """Members of the plan's organisation: every version of the recommendation — who, when,
    why — with the change of its text, and the changes of its sub-items."""
    records = selectors.recommendation_history(recommendation)
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
    item_records = selectors.item_history(recommendation)
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


@rule("participation.group", load=rules.recommendation)
@require_POST
def recommendation_measure_create(request, recommendation):
    """Admins and coordinators: a new measure of the plan made from the recommendation, linked."""
    form = AdoptionForm(request.POST, fields=selectors.plan_fields(recommendation.process.plan))
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie ein Handlungsfeld des Plans.")
        return redirect(_detail_url(recommendation) + "#massnahmen")
    try:
        adoption = measures_from_recommendations(
            recommendations=[recommendation], field=form.cleaned_data["field"], by=request.user
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_detail_url(recommendation) + "#massnahmen")
    if adoption.skipped:
        messages.info(request, "Aus dieser Empfehlung ist schon eine Maßnahme entstanden.")
    for _recommendation, measure in adoption.created:
        messages.success(
            request,
            f"Maßnahme {measure.number} „{measure.title}“ angelegt und mit der Empfehlung verknüpft.",
        )
    return redirect(_detail_url(recommendation) + "#massnahmen")
