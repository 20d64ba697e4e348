"""Back office: a process's ideas — the list, the moderation queue, card entry, an idea's page
and its correction. Members of the plan's organisation see the ideas without personal data;
admins and coordinators moderate, type in workshop cards, correct ideas and alone see names and
email addresses."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form

from .. import rules, selectors
from ..forms_ideas import IdeaCardForm, IdeaEditForm
from ..models import IdeaSource, ModerationStatus
from ..services import ideas
from .pages import crumbs as _crumbs

BACKOFFICE_PER_PAGE = 50
QUEUE_LIMIT = 100


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _backoffice_filter(params) -> ideas.IdeaFilter:
    status = params.get("status", "")
    source = params.get("quelle", "")
    return ideas.IdeaFilter(
        field=_int(params.get("feld")),
        phase=_int(params.get("gruppe")),
        status=status if status in ModerationStatus.values else "",
        source=source if source in IdeaSource.values else "",
    )


@rule("participation.view_internal", load=rules.process_by_id)
@require_safe
def backoffice_idea_list(request, process):
    """Members of the plan's organisation: all ideas of the process, filtered by status, field,
    group and source; names and email addresses only for admins and coordinators."""
    chosen = _backoffice_filter(request.GET)
    page = Paginator(ideas.backoffice_ideas(process, chosen), BACKOFFICE_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    query = {
        key: value
        for key, value in (
            ("status", chosen.status),
            ("feld", chosen.field),
            ("gruppe", chosen.phase),
            ("quelle", chosen.source),
        )
        if value
    }
    return render(
        request,
        "participation/backoffice/idea_list.html",
        {
            "plan": process.plan,
            "process": process,
            "page": page,
            "chosen": chosen,
            "query": urlencode(query),
            "fields": selectors.plan_fields(process.plan),
            "formats": ideas.idea_formats(process),
            "statuses": ModerationStatus.choices,
            "sources": IdeaSource.choices,
            "show_personal": request.user.has_perm("participation.view_personal", process),
            "can_moderate": request.user.has_perm("participation.moderate", process),
            "can_manage": request.user.has_perm("participation.manage", process),
            "breadcrumbs": _crumbs(process, ("Ideen", None)),
        },
    )


def _queue_context(request, process) -> dict:
    pending_ideas = selectors.pending_ideas(process, QUEUE_LIMIT)
    for idea in pending_ideas:
        # After a refused decision the reasons typed so far are shown again.
        idea.posted_reason = request.POST.get(f"reason-{idea.pk}", "")
    pending_comments = selectors.pending_comments(process, QUEUE_LIMIT)
    return {
        "plan": process.plan,
        "process": process,
        "pending_ideas": pending_ideas,
        "pending_comments": pending_comments,
        "counts": ideas.pending_counts(process),
        "queue_limit": QUEUE_LIMIT,
        "show_personal": request.user.has_perm("participation.view_personal", process),
        "breadcrumbs": _crumbs(process, ("Moderation", None)),
    }


def _moderate_from_post(request, process) -> str:
    """Carry out the decision the queue's form asks for; returns the message for the person."""
    post = request.POST
    decisions = {"publish": ModerationStatus.PUBLISHED, "reject": ModerationStatus.REJECTED}
    if "comment_action" in post:
        status = decisions.get(post["comment_action"])
        if status is None:
            raise ServiceError("Unbekannte Entscheidung.")
        ids = [i for i in (_int(v) for v in post.getlist("comment")) if i]
        count = ideas.comments_moderate(
            process=process, comment_ids=ids, status=status, by=request.user
        )
        verb = "veröffentlicht" if status == ModerationStatus.PUBLISHED else "abgelehnt"
        return f"{count} Kommentar{'e' if count != 1 else ''} {verb}."
    for action, status in decisions.items():
        single = _int(post.get(action))
        if single:
            note = post.get(f"reason-{single}", "") or post.get("reason", "")
            ideas.ideas_moderate(
                process=process, idea_ids=[single], status=status, note=note, by=request.user
            )
            verb = "veröffentlicht" if status == ModerationStatus.PUBLISHED else "abgelehnt"
            return f"Die Idee wurde {verb}."
    status = decisions.get(post.get("bulk", ""))
    if status is None:
        raise ServiceError("Unbekannte Entscheidung.")
    ids = [i for i in (_int(v) for v in post.getlist("idea")) if i]
    count = ideas.ideas_moderate(
        process=process,
        idea_ids=ids,
        status=status,
        note=post.get("reason", ""),
        by=request.user,
    )
    verb = "veröffentlicht" if status == ModerationStatus.PUBLISHED else "abgelehnt"
    return f"{count} Idee{'n' if count != 1 else ''} {verb}."


@rule("participation.moderate", load=rules.process_by_id)
@require_http_methods(["GET", "POST"])
def idea_moderation(request, process):
    """Admins and coordinators: the moderation queue — pending ideas and comments, oldest first,
    published or rejected one by one or several at once (a rejection needs a reason)."""
    error = ""
    if request.method == "POST":
        try:
            message = _moderate_from_post(request, process)
        except ServiceError as failure:
            error = failure.message
        else:
            messages.success(request, message)
            return redirect("participation:idea_moderation", process_id=process.pk)
    return render(
        request,
        "participation/backoffice/idea_moderation.html",
        {**_queue_context(request, process), "error": error, "posted": request.POST},
        status=400 if error else 200,
    )


@rule("participation.manage", load=rules.process_by_id)
@require_http_methods(["GET", "POST"])
def idea_cards(request, process):
    """Admins and coordinators: type in the ideas of a workshop's cards one after another; the
    form keeps the working group and field for the next card."""
    initial = {
        "phase": _int(request.GET.get("gruppe")),
        "field": _int(request.GET.get("feld")),
        "publish": request.GET.get("pruefen") != "1",
    }
    form = IdeaCardForm(
        request.POST if request.method == "POST" else None, process=process, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = ideas.idea_card_create(
                process=process,
                phase=data["phase"],
                field=data["field"],
                title=data["title"],
                text=data["text"],
                publish=data["publish"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Karte „{idea.title}“ gespeichert. Die nächste, bitte.")
            query = {
                "gruppe": idea.phase_id or "",
                "feld": idea.field_id or "",
                "pruefen": "" if data["publish"] else "1",
            }
            return redirect(
                reverse("participation:idea_cards", args=[process.pk])
                + "?"
                + urlencode({k: v for k, v in query.items() if v})
            )
    recent = selectors.recent_cards(process)
    return render(
        request,
        "participation/backoffice/idea_cards.html",
        {
            "plan": process.plan,
            "process": process,
            "form": form,
            "recent": recent,
            "breadcrumbs": _crumbs(process, ("Karten erfassen", None)),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@rule("participation.view_internal", load=rules.idea)
@require_safe
def backoffice_idea_detail(request, idea):
    """Members of the plan's organisation: an idea with its comments; names and addresses only
    for admins and coordinators, who also moderate it here."""
    return _backoffice_detail(request, idea)


def _backoffice_detail(request, idea, *, error="", status=200):
    process = idea.process
    return render(
        request,
        "participation/backoffice/idea_detail.html",
        {
            "plan": process.plan,
            "process": process,
            "idea": idea,
            "comments": selectors.all_comments(idea),
            "show_personal": request.user.has_perm("participation.view_personal", process),
            "can_moderate": request.user.has_perm("participation.moderate", process),
            "can_manage": request.user.has_perm("participation.manage", process),
            "error": error,
            "posted": request.POST,
            "breadcrumbs": _crumbs(
                process,
                ("Ideen", reverse("participation:backoffice_idea_list", args=[process.pk])),
                (idea.title, None),
            ),
        },
        status=status,
    )


@rule("participation.moderate", load=rules.idea)
@require_POST
def idea_moderate(request, idea):
    """Admins and coordinators: publish or reject one idea (a rejection needs a reason)."""
    status = {"publish": ModerationStatus.PUBLISHED, "reject": ModerationStatus.REJECTED}.get(
        request.POST.get("action", "")
    )
    try:
        if status is None:
            raise ServiceError("Unbekannte Entscheidung.")
        ideas.ideas_moderate(
            process=idea.process,
            idea_ids=[idea.pk],
            status=status,
            note=request.POST.get("reason", ""),
            by=request.user,
        )
    except ServiceError as error:
        return _backoffice_detail(request, idea, error=error.message, status=400)
    messages.success(
        request,
        "Die Idee ist veröffentlicht."
        if status == ModerationStatus.PUBLISHED
        else "Die Idee wird nicht veröffentlicht.",
    )
    return redirect("participation:backoffice_idea_detail", idea_id=idea.pk)


@rule("participation.manage", load=rules.idea)
@require_http_methods(["GET", "POST"])
def idea_edit(request, idea):
    """Admins and coordinators: correct an idea's title, text, field or group."""
    form = IdeaEditForm(request.POST or None, instance=idea)
    saved = save_form(
        request, form, lambda **data: ideas.idea_update(idea=idea, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Die Idee wurde gespeichert.")
        return redirect("participation:backoffice_idea_detail", idea_id=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Idee bearbeiten: {idea.title}",
        cancel_url=reverse("participation:backoffice_idea_detail", args=[idea.pk]),
        breadcrumbs=_crumbs(
            idea.process,
            ("Ideen", reverse("participation:backoffice_idea_list", args=[idea.process_id])),
            ("Bearbeiten", None),
        ),
    )
