"""Ideas: the public list, idea pages, submission, support and comments on the portal; the
moderation queue, lists, card entry and editing in the back office.

Portal: anyone reads the published ideas of a public process; anyone may send an idea while an
online phase runs, agree with a published idea once per browser and comment on it — ideas and
comments are public only after moderation. Back office (German, sign-in required): members of
the plan's organisation see the ideas without personal data; admins and coordinators moderate,
type in workshop cards, correct ideas and alone see names and email addresses.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.core.templatetags.languages import lang_of
from teilhabe.plans.models import FieldOfAction

from .forms_ideas import CommentForm, IdeaCardForm, IdeaEditForm, IdeaSubmitForm
from .models import Idea, IdeaComment, IdeaSource, IdeaSupport, ModerationStatus
from .services import antispam, ideas
from .views_processes import process_for, public_process

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
BACKOFFICE_PER_PAGE = 50
QUEUE_LIMIT = 100


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


# Portal ----------------------------------------------------------------------------------------


def _portal_crumbs(process, *extra) -> list:
    plan = process.plan
    organization = plan.organization
    return [
        (
            plan.title,
            reverse("portal:plan", args=[organization.slug, plan.slug]),
            lang_of(plan, "title"),
        ),
        (
            process.title,
            reverse("portal:process", args=[organization.slug, plan.slug, process.slug]),
            lang_of(process, "title"),
        ),
        *extra,
    ]


def _list_url(process) -> str:
    plan = process.plan
    return reverse("portal:idea_list", args=[plan.organization.slug, plan.slug, process.slug])


def _public_idea(process, idea_id) -> Idea:
    idea = get_object_or_404(
        Idea.objects.filter(process=process, status=ModerationStatus.PUBLISHED).select_related(
            "field", "phase__parent"
        ),
        pk=idea_id,
    )
    idea.process = process
    return idea


def _public_filter(params) -> ideas.IdeaFilter:
    """The reader's filters; anything unknown is ignored (a list, not an error)."""
    language = params.get("sprache", "")
    order = params.get("sortierung", "neu")
    return ideas.IdeaFilter(
        field=_int(params.get("feld")),
        phase=_int(params.get("gruppe")),
        language=language if language in LANGUAGE_CODES else "",
        order=order if order in ideas.PUBLIC_ORDERS else "neu",
    )


@require_GET
@cached_public_page
def idea_list(request, org_slug, plan_slug, process_slug):
    """Anyone: the published ideas of a public process, by field, group and language, newest
    or most supported first, 20 a page."""
    process = public_process(org_slug, plan_slug, process_slug)
    chosen = _public_filter(request.GET)
    page = ideas.public_idea_page(process, chosen, request.GET.get("page"))
    query = {
        key: value
        for key, value in (
            ("feld", chosen.field),
            ("gruppe", chosen.phase),
            ("sprache", chosen.language),
            ("sortierung", chosen.order if chosen.order != "neu" else ""),
        )
        if value
    }
    return render(
        request,
        "participation/portal/idea_list.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "page": page,
            "chosen": chosen,
            "filtered": bool(chosen.field or chosen.phase or chosen.language),
            "query": urlencode(query),
            "fields": FieldOfAction.objects.for_plan(process.plan),
            "formats": ideas.idea_formats(process),
            "languages": _language_choices(),
            "phase": ideas.running_phase(process),
            # Idea pages are at <list>/<id>/: one reverse() instead of one per idea.
            "list_url": _list_url(process),
            "breadcrumbs": _portal_crumbs(process, (_("Ideen"), None)),
        },
    )


def _language_choices() -> list[tuple[str, str]]:
    return [(code, get_language_info(code)["name_local"]) for code in LANGUAGE_CODES]


def _detail_page(request, process, idea, comment_form, *, status=200):
    key = antispam.known_supporter_key(request)
    supported = bool(key) and IdeaSupport.objects.filter(idea=idea, supporter_key=key).exists()
    return render(
        request,
        "participation/portal/idea_detail.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "idea": idea,
            "comments": idea.comments.filter(status=ModerationStatus.PUBLISHED).order_by(
                "created_at", "id"
            ),
            "supported": supported,
            "comment_form": comment_form,
            "breadcrumbs": _portal_crumbs(
                process, (_("Ideen"), _list_url(process)), (idea.title, None)
            ),
        },
        status=status,
    )


@require_GET
def idea_detail(request, org_slug, plan_slug, process_slug, idea_id):
    """Anyone: a published idea with its support, its published comments and its trail; the
    forms to agree and to comment (so the page is not cached whole: it carries a CSRF token)."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = _public_idea(process, idea_id)
    return _detail_page(request, process, idea, CommentForm())


@require_POST
def idea_support(request, org_slug, plan_slug, process_slug, idea_id):
    """Anyone: agree with a published idea, once per browser (or account); a flood from one
    address is refused with a message on the idea page."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = _public_idea(process, idea_id)
    try:
        counted = ideas.idea_support(
            idea=idea,
            supporter_key=antispam.supporter_key(request),
            sender_key=antispam.sender_key(request),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if counted:
            messages.success(request, _("Danke! Ihre Zustimmung ist gezählt."))
        else:
            messages.info(request, _("Sie haben dieser Idee schon zugestimmt."))
    return redirect(request.path.rsplit("zustimmen/", 1)[0] + "#zustimmung")


@require_POST
def idea_comment(request, org_slug, plan_slug, process_slug, idea_id):
    """Anyone: comment on a published idea; the comment waits for moderation."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = _public_idea(process, idea_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            ideas.comment_submit(
                idea=idea,
                text=form.cleaned_data["text"],
                author_name=form.cleaned_data["author_name"],
                show_name=form.cleaned_data["show_name"],
                language=get_language() or settings.LANGUAGE_CODE,
                sender_key=antispam.sender_key(request),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Danke für Ihren Kommentar! Er erscheint, sobald die Koordination ihn geprüft hat."
                ),
            )
            return redirect(request.path.rsplit("kommentieren/", 1)[0] + "#kommentare")
    form.renew_timestamp()
    return _detail_page(request, process, idea, form, status=400)


@require_http_methods(["GET", "POST"])
def idea_submit(request, org_slug, plan_slug, process_slug):
    """Anyone, without an account, while an online phase of the public process runs: send an
    idea in the language of the page. Outside a phase the page says so and shows no form."""
    process = public_process(org_slug, plan_slug, process_slug)
    phase = ideas.running_phase(process)
    context = {
        "organization": process.plan.organization,
        "plan": process.plan,
        "process": process,
        "phase": phase,
        "breadcrumbs": _portal_crumbs(
            process, (_("Ideen"), _list_url(process)), (_("Idee einreichen"), None)
        ),
    }
    if phase is None:
        return render(request, "participation/portal/idea_submit.html", context)
    form = IdeaSubmitForm(request.POST if request.method == "POST" else None, plan=process.plan)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            idea = ideas.idea_submit(
                process=process,
                title=data["title"],
                text=data["text"],
                field=data["field"],
                author_name=data["author_name"],
                author_email=data["author_email"],
                show_name=data["show_name"],
                notify=data["notify"],
                language=get_language() or settings.LANGUAGE_CODE,
                sender_key=antispam.sender_key(request),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            return redirect(
                "portal:idea_thanks",
                org_slug=org_slug,
                plan_slug=plan_slug,
                process_slug=process_slug,
                token=idea.token,
            )
    form.renew_timestamp()
    return render(
        request,
        "participation/portal/idea_submit.html",
        {**context, "form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_GET
def idea_thanks(request, org_slug, plan_slug, process_slug, token):
    """The person who just sent an idea (the link carries its secret token): thanks, what
    happens next, and the personal link to see or delete their data."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = get_object_or_404(Idea.objects.filter(process=process), token=token)
    idea.process = process
    return render(
        request,
        "participation/portal/idea_thanks.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "idea": idea,
            "personal_url": ideas.personal_url(idea),
            "breadcrumbs": _portal_crumbs(
                process, (_("Ideen"), _list_url(process)), (_("Danke"), None)
            ),
        },
    )


# Back office -----------------------------------------------------------------------------------


def _crumbs(process, *extra) -> list:
    plan = process.plan
    return [
        (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
        ("Beteiligung", reverse("participation:process_list", args=[plan.slug])),
        (process.title, reverse("participation:process_detail", args=[process.pk])),
        *extra,
    ]


def _idea_for(user, pk: int, perm: str = "participation.view_internal") -> Idea:
    idea = get_object_or_404(
        Idea.objects.select_related(
            "process__plan__organization", "field", "phase", "moderated_by"
        ),
        pk=pk,
    )
    if not user.has_perm("participation.view_internal", idea.process):
        raise Http404
    if perm != "participation.view_internal" and not user.has_perm(perm, idea.process):
        raise PermissionDenied
    return idea


def _backoffice_filter(params) -> ideas.IdeaFilter:
    status = params.get("status", "")
    source = params.get("quelle", "")
    return ideas.IdeaFilter(
        field=_int(params.get("feld")),
        phase=_int(params.get("gruppe")),
        status=status if status in ModerationStatus.values else "",
        source=source if source in IdeaSource.values else "",
    )


@login_required
@require_GET
def backoffice_idea_list(request, process_id):
    """Members of the plan's organisation: all ideas of the process, filtered by status, field,
    group and source; names and email addresses only for admins and coordinators."""
    process = process_for(request.user, process_id)
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
            "fields": FieldOfAction.objects.for_plan(process.plan),
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
    pending_ideas = list(
        Idea.objects.filter(process=process, status=ModerationStatus.PENDING)
        .select_related("field", "phase")
        .order_by("created_at", "id")[:QUEUE_LIMIT]
    )
    for idea in pending_ideas:
        # After a refused decision the reasons typed so far are shown again.
        idea.posted_reason = request.POST.get(f"reason-{idea.pk}", "")
    pending_comments = (
        IdeaComment.objects.filter(idea__process=process, status=ModerationStatus.PENDING)
        .select_related("idea")
        .order_by("created_at", "id")[:QUEUE_LIMIT]
    )
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


@login_required
@require_http_methods(["GET", "POST"])
def idea_moderation(request, process_id):
    """Admins and coordinators: the moderation queue — pending ideas and comments, oldest first,
    published or rejected one by one or several at once (a rejection needs a reason)."""
    process = process_for(request.user, process_id, "participation.moderate")
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


@login_required
@require_http_methods(["GET", "POST"])
def idea_cards(request, process_id):
    """Admins and coordinators: type in the ideas of a workshop's cards one after another; the
    form keeps the working group and field for the next card."""
    process = process_for(request.user, process_id, "participation.manage")
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
    recent = (
        Idea.objects.filter(process=process, source=IdeaSource.CARD)
        .select_related("phase", "field")
        .order_by("-created_at", "-id")[:10]
    )
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


@login_required
@require_GET
def backoffice_idea_detail(request, idea_id):
    """Members of the plan's organisation: an idea with its comments; names and addresses only
    for admins and coordinators, who also moderate it here."""
    idea = _idea_for(request.user, idea_id)
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
            "comments": idea.comments.order_by("created_at", "id"),
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


@login_required
@require_POST
def idea_moderate(request, idea_id):
    """Admins and coordinators: publish or reject one idea (a rejection needs a reason)."""
    idea = _idea_for(request.user, idea_id, "participation.moderate")
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


@login_required
@require_http_methods(["GET", "POST"])
def idea_edit(request, idea_id):
    """Admins and coordinators: correct an idea's title, text, field or group."""
    idea = _idea_for(request.user, idea_id, "participation.manage")
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
