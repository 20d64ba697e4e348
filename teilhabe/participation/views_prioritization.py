"""Prioritisation pages: the coordinators' back office (German only), the member's ballot (by
personal link or signed in), and the public Prioritätenliste. Each docstring says who may use
the view; 404 for what a person may not see, 403 for what they may see but not do."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page

from .forms_prioritization import BallotForm, BallotGridForm, PrioritizationForm
from .models import (
    GroupMember,
    ParticipationFormat,
    Prioritization,
    PrioritizationMethod,
    PrioritizationOption,
    PrioritizationStatus,
    Vote,
)
from .services import prioritization as services
from .services.prioritization import BallotError, BallotGridError

RELATED = ("group__process__plan__organization",)


# Back office ----------------------------------------------------------------------------------


def prioritization_for(user, pk: int, perm: str | None = None) -> Prioritization:
    """The prioritisation if the person may see it (members of the organisation), else 404;
    403 if they may see it but not do `perm`."""
    prioritization = get_object_or_404(Prioritization.objects.select_related(*RELATED), pk=pk)
    if not user.has_perm("participation.view_internal", prioritization):
        raise Http404
    if perm and not user.has_perm(perm, prioritization):
        raise PermissionDenied
    return prioritization


def _breadcrumbs(prioritization=None, group=None, last: str = ""):
    group = group or prioritization.group
    process = group.process
    plan = process.plan
    crumbs = [
        (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
        (process.title, reverse("participation:process_detail", args=[process.pk])),
    ]
    if prioritization is not None:
        crumbs.append(
            (
                prioritization.title,
                reverse("participation:prioritization_detail", args=[prioritization.pk])
                if last
                else "",
            )
        )
    if last:
        crumbs.append((last, ""))
    return crumbs


@login_required
def prioritization_create(request, group_id):
    """Admins and coordinators of the organisation: a new vote of a project or steering group."""
    group = get_object_or_404(
        ParticipationFormat.objects.select_related("process__plan__organization"), pk=group_id
    )
    if not request.user.has_perm("participation.view_internal", group):
        raise Http404
    if not request.user.has_perm("participation.manage", group):
        raise PermissionDenied
    if not group.is_group:
        raise Http404
    form = PrioritizationForm(
        request.POST or None,
        process=group.process,
        initial={"title": f"Prioritätenliste der {group.title}", "method": "dots"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            prioritization = services.prioritization_create(
                group=group, options=form.entries(), by=request.user, **form.settings()
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Die Abstimmung „{prioritization.title}“ ist angelegt.")
            return redirect("participation:prioritization_detail", pk=prioritization.pk)
    return render(
        request,
        "participation/backoffice/prioritization_form.html",
        {
            "form": form,
            "group": group,
            "heading": f"Neue Abstimmung: {group.title}",
            "breadcrumbs": _breadcrumbs(group=group),
            "cancel_url": reverse("participation:process_detail", args=[group.process_id]),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def prioritization_edit(request, pk):
    """Admins and coordinators: title, method, points and entries (the rules only before the
    first vote)."""
    prioritization = prioritization_for(request.user, pk, "participation.manage")
    locked = (
        prioritization.status == PrioritizationStatus.CLOSED
        or prioritization.options.filter(votes__isnull=False).exists()
    )
    form = PrioritizationForm(
        request.POST or None,
        process=prioritization.group.process,
        instance=prioritization,
        locked=locked,
    )
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        try:
            if locked:
                services.prioritization_update(
                    prioritization=prioritization,
                    version=version,
                    by=request.user,
                    title=form.cleaned_data["title"],
                )
            else:
                services.prioritization_update(
                    prioritization=prioritization,
                    version=version,
                    by=request.user,
                    options=form.entries(),
                    **form.settings(),
                )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Die Abstimmung wurde gespeichert.")
            return redirect("participation:prioritization_detail", pk=prioritization.pk)
    return render(
        request,
        "participation/backoffice/prioritization_form.html",
        {
            "form": form,
            "group": prioritization.group,
            "prioritization": prioritization,
            "heading": f"Abstimmung bearbeiten: {prioritization.title}",
            "breadcrumbs": _breadcrumbs(prioritization, last="Bearbeiten"),
            "cancel_url": reverse("participation:prioritization_detail", args=[pk]),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def prioritization_detail(request, pk):
    """Members of the organisation: the vote, who voted (names only for coordinators), the
    participation rate and the Prioritätenliste; coordinators run it from here."""
    prioritization = prioritization_for(request.user, pk)
    with_names = request.user.has_perm("participation.view_personal", prioritization)
    result = services.prioritization_result(prioritization, with_names=with_names)
    can_manage = request.user.has_perm("participation.manage", prioritization)
    process = prioritization.group.process
    ballot_options = services.options_of(prioritization)
    for option in ballot_options:
        option.label = services.option_label(option)
    return render(
        request,
        "participation/backoffice/prioritization_detail.html",
        {
            "prioritization": prioritization,
            "group": prioritization.group,
            "process": process,
            "plan": process.plan,
            "result": result,
            "with_names": with_names,
            "can_manage": can_manage,
            "can_record": request.user.has_perm("participation.record_votes", prioritization),
            "ballot_options": ballot_options,
            "signed_in_url": reverse(
                "portal:ballot_signed_in",
                kwargs={
                    "org_slug": process.plan.organization.slug,
                    "plan_slug": process.plan.slug,
                    "process_slug": process.slug,
                    "prioritization_id": prioritization.pk,
                },
            ),
            "breadcrumbs": _breadcrumbs(prioritization),
        },
    )


@login_required
@require_POST
def prioritization_close(request, pk):
    """Admins and coordinators: end the vote; the list becomes public with the process."""
    prioritization = prioritization_for(request.user, pk, "participation.manage")
    services.prioritization_close(prioritization=prioritization, by=request.user)
    messages.success(request, "Die Abstimmung ist abgeschlossen; die Prioritätenliste steht fest.")
    return redirect("participation:prioritization_detail", pk=pk)


@login_required
@require_POST
def prioritization_reopen(request, pk):
    """Admins and coordinators: open the vote again (e.g. for late paper ballots)."""
    prioritization = prioritization_for(request.user, pk, "participation.manage")
    services.prioritization_reopen(prioritization=prioritization, by=request.user)
    messages.success(request, "Die Abstimmung ist wieder geöffnet.")
    return redirect("participation:prioritization_detail", pk=pk)


@login_required
@require_POST
def prioritization_option_move(request, pk, option_id, direction):
    """Admins and coordinators: move an entry up or down on the ballot (works without JS)."""
    prioritization = prioritization_for(request.user, pk, "participation.manage")
    option = get_object_or_404(
        PrioritizationOption.objects.select_related("prioritization"),
        pk=option_id,
        prioritization=prioritization,
    )
    try:
        services.prioritization_option_move(
            option=option, direction=-1 if direction == "hoch" else 1, by=request.user
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(reverse("participation:prioritization_detail", args=[pk]) + "#eintraege")


@login_required
@require_POST
def prioritization_send(request, pk):
    """Admins and coordinators: mail every voting member their personal ballot link."""
    prioritization = prioritization_for(request.user, pk, "participation.manage")
    try:
        sent = services.ballot_links_send(prioritization=prioritization, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Stimmzettel-Links an {len(sent.sent)} Mitglieder verschickt.")
        if sent.without_email:
            names = ", ".join(m.name for m in sent.without_email)
            messages.warning(
                request,
                f"Ohne E-Mail-Adresse (bitte auf Papier abstimmen lassen und erfassen): {names}.",
            )
    return redirect("participation:prioritization_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def prioritization_record(request, pk):
    """Admins and coordinators: type in paper ballots (the dots on the flip chart), a row per
    member; all rows or none are saved."""
    prioritization = prioritization_for(request.user, pk, "participation.record_votes")
    if prioritization.status != PrioritizationStatus.OPEN:
        messages.error(
            request, "Die Abstimmung ist abgeschlossen. Öffnen Sie sie, um Stimmzettel zu erfassen."
        )
        return redirect("participation:prioritization_detail", pk=pk)
    options = services.options_of(prioritization)
    for option in options:
        option.label = services.option_label(option)
    members = list(prioritization.group.members.filter(may_vote=True).order_by("name", "id"))
    ballots: dict[int, dict[int, int]] = {}
    for vote in Vote.objects.filter(option__prioritization=prioritization):
        ballots.setdefault(vote.member_id, {})[vote.option_id] = (
            vote.points if prioritization.method == PrioritizationMethod.DOTS else vote.rank
        )
    form = BallotGridForm(
        request.POST or None,
        prioritization=prioritization,
        options=options,
        members=members,
        ballots=ballots,
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.ballots_record(
                prioritization=prioritization,
                ballots=form.ballots(),
                shown=form.shown(),
                by=request.user,
            )
        except BallotGridError as error:
            form.row_errors = error.errors
            form.add_error(None, error.message)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{count} Stimmzettel gespeichert.")
            return redirect("participation:prioritization_detail", pk=pk)
    return render(
        request,
        "participation/backoffice/prioritization_record.html",
        {
            "prioritization": prioritization,
            "form": form,
            "options": options,
            "is_dots": prioritization.method == PrioritizationMethod.DOTS,
            "limit": services.rank_limit(prioritization, len(options)),
            "breadcrumbs": _breadcrumbs(prioritization, last="Papier-Stimmzettel erfassen"),
        },
        status=400 if form.is_bound else 200,
    )


def _download(result, fmt: str, title: str) -> HttpResponse:
    if fmt not in services.EXPORTS:
        raise Http404
    render_export, content_type = services.EXPORTS[fmt]
    response = HttpResponse(render_export(result), content_type=content_type)
    filename = f"prioritaetenliste-{slugify(title)[:60] or 'abstimmung'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def prioritization_export(request, pk, fmt):
    """Members of the organisation: the list with the votes as CSV or XLSX — with names for
    coordinators, numbered ballots for everybody else."""
    prioritization = prioritization_for(request.user, pk)
    with_names = request.user.has_perm("participation.view_personal", prioritization)
    result = services.prioritization_result(prioritization, with_names=with_names)
    return _download(result, fmt, prioritization.title)


# Portal ---------------------------------------------------------------------------------------


def _portal_prioritization(queryset, org_slug, plan_slug, process_slug, prioritization_id):
    return get_object_or_404(
        queryset.select_related(*RELATED),
        pk=prioritization_id,
        group__process__slug=process_slug,
        group__process__plan__slug=plan_slug,
        group__process__plan__organization__slug=org_slug,
    )


def _public_context(prioritization, result):
    process = prioritization.group.process
    plan = process.plan
    return {
        "organization": plan.organization,
        "plan": plan,
        "process": process,
        "group": prioritization.group,
        "prioritization": prioritization,
        "result": result,
    }


@require_GET
@cached_public_page
def prioritization_page(request, org_slug, plan_slug, process_slug, prioritization_id):
    """Anyone, once the vote is closed and the process public: the Prioritätenliste with the
    anonymous votes behind it."""
    prioritization = _portal_prioritization(
        services.public_prioritizations(), org_slug, plan_slug, process_slug, prioritization_id
    )
    result = services.prioritization_result(prioritization)
    return render(
        request,
        "participation/portal/prioritization_result.html",
        _public_context(prioritization, result),
    )


@require_GET
def prioritization_download(request, org_slug, plan_slug, process_slug, prioritization_id, fmt):
    """Anyone, like the list page: the list and the anonymous votes as CSV or XLSX."""
    prioritization = _portal_prioritization(
        services.public_prioritizations(), org_slug, plan_slug, process_slug, prioritization_id
    )
    return _download(services.prioritization_result(prioritization), fmt, prioritization.title)


def _ballot_page(request, prioritization, member, *, action_url):
    """The ballot of `member`: a form while the vote is open, the result once it is closed."""
    options = services.options_of(prioritization)
    context = {
        **_public_context(prioritization, None),
        "member": member,
        "action_url": action_url,
        "is_dots": prioritization.method == PrioritizationMethod.DOTS,
        "limit": services.rank_limit(prioritization, len(options)),
        "option_count": len(options),
    }
    if prioritization.status != PrioritizationStatus.OPEN:
        context["result"] = services.prioritization_result(prioritization)
        context["own"] = services.member_ballot(prioritization, member)
        context["own_rows"] = [
            (services.option_label(o), context["own"].get(o.pk)) for o in options
        ]
        return render(request, "participation/portal/prioritization_ballot.html", context)
    current = services.member_ballot(prioritization, member)
    initial = {f"option_{option_id}": value for option_id, value in current.items()}
    form = BallotForm(
        request.POST or None,
        prioritization=prioritization,
        options=options,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_submit(
                prioritization=prioritization, member=member, values=form.values(), by=None
            )
        except BallotError as error:
            form.add_ballot_error(error)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Vielen Dank, Ihre Stimme ist gespeichert. Bis zum Ende der Abstimmung "
                    "können Sie sie hier noch ändern."
                ),
            )
            return redirect(action_url)
    context.update({"form": form, "has_voted": bool(current)})
    return render(
        request,
        "participation/portal/prioritization_ballot.html",
        context,
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def ballot(request, org_slug, plan_slug, process_slug, prioritization_id, token):
    """The member holding the personal link (no account needed): their ballot. A wrong link, or
    one of another vote or group, is a 404."""
    prioritization = _portal_prioritization(
        Prioritization.objects.all(), org_slug, plan_slug, process_slug, prioritization_id
    )
    member = get_object_or_404(
        GroupMember, group_id=prioritization.group_id, token=token, may_vote=True
    )
    return _ballot_page(request, prioritization, member, action_url=request.path)


@login_required
@require_http_methods(["GET", "POST"])
def ballot_signed_in(request, org_slug, plan_slug, process_slug, prioritization_id):
    """A signed-in person whose group membership names their account: their ballot; anybody
    else gets a 404."""
    prioritization = _portal_prioritization(
        Prioritization.objects.all(), org_slug, plan_slug, process_slug, prioritization_id
    )
    if not request.user.has_perm("participation.vote", prioritization):
        raise Http404
    member = (
        GroupMember.objects.filter(
            group_id=prioritization.group_id, user=request.user, may_vote=True
        )
        .order_by("pk")
        .first()
    )
    return _ballot_page(request, prioritization, member, action_url=request.path)
