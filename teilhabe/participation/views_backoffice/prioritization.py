"""Back office: prioritisations (German only) — coordinators create, run, close and reopen a
vote of a project or steering group, send the ballot links and record paper ballots; members of
the organisation see the vote and its Prioritätenliste (names of who voted only coordinators).
The member's ballot and the public list are in views_portal.prioritization."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError

from .. import rules, selectors
from ..downloads import prioritization_list_response
from ..forms_prioritization import BallotGridForm, PrioritizationForm
from ..forms_recommendations import AdoptionForm
from ..models import PrioritizationMethod, PrioritizationStatus
from ..services import prioritization as services
from ..services.adoption import measures_from_recommendations, ranked_recommendations
from ..services.prioritization import BallotGridError


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


@rule("participation.manage", load=rules.group)
def prioritization_create(request, group):
    """Admins and coordinators of the organisation: a new vote of a project or steering group."""
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


@rule("participation.manage", load=rules.prioritization)
def prioritization_edit(request, prioritization):
    """Admins and coordinators: title, method, points and entries (the rules only before the
    first vote)."""
    locked = selectors.prioritization_locked(prioritization)
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
            "cancel_url": reverse("participation:prioritization_detail", args=[prioritization.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@rule("participation.view_internal", load=rules.prioritization)
def prioritization_detail(request, prioritization):
    """Members of the organisation: the vote, who voted (names only for coordinators), the
    participation rate and the Prioritätenliste; coordinators run it from here."""
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


@rule("participation.manage", load=rules.prioritization)
@require_POST
def prioritization_close(request, prioritization):
    """Admins and coordinators: end the vote; the list becomes public with the process."""
    services.prioritization_close(prioritization=prioritization, by=request.user)
    messages.success(request, "Die Abstimmung ist abgeschlossen; die Prioritätenliste steht fest.")
    return redirect("participation:prioritization_detail", pk=prioritization.pk)


@rule("participation.manage", load=rules.prioritization)
@require_POST
def prioritization_reopen(request, prioritization):
    """Admins and coordinators: open the vote again (e.g. for late paper ballots)."""
    services.prioritization_reopen(prioritization=prioritization, by=request.user)
    messages.success(request, "Die Abstimmung ist wieder geöffnet.")
    return redirect("participation:prioritization_detail", pk=prioritization.pk)


@rule("participation.manage", load=rules.prioritization)
@require_POST
def prioritization_option_move(request, prioritization, option_id, direction):
    """Admins and coordinators: move an entry up or down on the ballot (works without JS)."""
    option = selectors.prioritization_option(prioritization, option_id)
    try:
        services.prioritization_option_move(
            option=option, direction=-1 if direction == "hoch" else 1, by=request.user
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(
        reverse("participation:prioritization_detail", args=[prioritization.pk]) + "#eintraege"
    )


@rule("participation.manage", load=rules.prioritization)
@require_POST
def prioritization_send(request, prioritization):
    """Admins and coordinators: mail every voting member their personal ballot link."""
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
    return redirect("participation:prioritization_detail", pk=prioritization.pk)


@rule("participation.record_votes", load=rules.prioritization)
@require_http_methods(["GET", "POST"])
def prioritization_record(request, prioritization):
    """Admins and coordinators: type in paper ballots (the dots on the flip chart), a row per
    member; all rows or none are saved."""
    if prioritization.status != PrioritizationStatus.OPEN:
        messages.error(
            request, "Die Abstimmung ist abgeschlossen. Öffnen Sie sie, um Stimmzettel zu erfassen."
        )
        return redirect("participation:prioritization_detail", pk=prioritization.pk)
    options = services.options_of(prioritization)
    for option in options:
        option.label = services.option_label(option)
    members = selectors.voting_members(prioritization)
    ballots: dict[int, dict[int, int]] = {}
    for vote in selectors.recorded_votes(prioritization):
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
            return redirect("participation:prioritization_detail", pk=prioritization.pk)
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


@rule("participation.view_internal", load=rules.prioritization)
@require_safe
def prioritization_export(request, prioritization, fmt):
    """Members of the organisation: the list with the votes as CSV or XLSX — with names for
    coordinators, numbered ballots for everybody else."""
    with_names = request.user.has_perm("participation.view_personal", prioritization)
    result = services.prioritization_result(prioritization, with_names=with_names)
    return prioritization_list_response(result, fmt, prioritization.title)


@rule("participation.manage", load=rules.prioritization)
@require_http_methods(["GET", "POST"])
def prioritization_measures(request, prioritization):
    """Admins and coordinators, for a closed vote: the Prioritätenliste's recommendations become
    measures of the plan in one step, in rank order, each linked to its recommendation."""
    plan = prioritization.group.process.plan
    try:
        ranked, still_open = ranked_recommendations(prioritization), ""
    except ServiceError as error:
        ranked, still_open = [], error.message
    form = AdoptionForm(request.POST or None, fields=selectors.plan_fields(plan))
    if request.method == "POST" and not still_open and form.is_valid():
        adoption = measures_from_recommendations(
            recommendations=ranked, field=form.cleaned_data["field"], by=request.user
        )
        created = len(adoption.created)
        messages.success(
            request,
            f"{created} Maßnahme{'n' if created != 1 else ''} in Rangfolge angelegt und mit "
            "ihren Empfehlungen verknüpft"
            + (
                f"; {len(adoption.skipped)} Empfehlung(en) hatten schon eine Maßnahme."
                if adoption.skipped
                else "."
            ),
        )
        return redirect(
            "plans:field_detail", slug=plan.slug, number=form.cleaned_data["field"].number
        )
    return render(
        request,
        "participation/backoffice/prioritization_measures.html",
        {
            "prioritization": prioritization,
            "plan": plan,
            "ranked": [(r, r.measures.exists()) for r in ranked],
            "still_open": still_open,
            "form": form,
            "breadcrumbs": _breadcrumbs(prioritization, last="Maßnahmen anlegen"),
        },
    )
