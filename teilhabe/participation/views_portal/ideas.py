"""Public pages of ideas: the list of a public process's published ideas, an idea's page,
submission, support and comments. Anyone reads the published ideas; anyone may send an idea
while an online phase runs, agree with a published idea once per browser and comment on it —
ideas and comments are public only after moderation."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page
from teilhabe.core.templatetags.languages import lang_of

from .. import selectors
from ..forms_ideas import CommentForm, IdeaSubmitForm
from ..selectors import public_process
from ..services import antispam, ideas

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


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


@rule(PUBLIC)
@require_safe
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
            "fields": selectors.plan_fields(process.plan),
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
    supported = selectors.has_supported(idea, key)
    return render(
        request,
        "participation/portal/idea_detail.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "idea": idea,
            "comments": selectors.published_comments(idea),
            "supported": supported,
            "comment_form": comment_form,
            "breadcrumbs": _portal_crumbs(
                process, (_("Ideen"), _list_url(process)), (idea.title, None)
            ),
        },
        status=status,
    )


@rule(PUBLIC)
@require_safe
def idea_detail(request, org_slug, plan_slug, process_slug, idea_id):
    """Anyone: a published idea with its support, its published comments and its trail; the
    forms to agree and to comment (so the page is not cached whole: it carries a CSRF token)."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = selectors.public_idea(process, idea_id)
    return _detail_page(request, process, idea, CommentForm())


@rule(PUBLIC)
@require_POST
def idea_support(request, org_slug, plan_slug, process_slug, idea_id):
    """Anyone: agree with a published idea, once per browser (or account); a flood from one
    address is refused with a message on the idea page."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = selectors.public_idea(process, idea_id)
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


@rule(PUBLIC)
@require_POST
def idea_comment(request, org_slug, plan_slug, process_slug, idea_id):
    """Anyone: comment on a published idea; the comment waits for moderation."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = selectors.public_idea(process, idea_id)
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


@rule(PUBLIC)
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


@rule(PUBLIC)
@never_cache
@require_safe
def idea_thanks(request, org_slug, plan_slug, process_slug, token):
    """The person who just sent an idea (the link carries its secret token): thanks, what
    happens next, and the personal link to see or delete their data."""
    process = public_process(org_slug, plan_slug, process_slug)
    idea = selectors.idea_by_token(process, token)
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
