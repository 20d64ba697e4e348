"""Back office: a fund's calls, their reviewers and the round's ranking."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.saving import render_form_page, save_form

from .. import rules, selectors
from ..forms import CallForm, ReviewerForm
from ..models import CallReviewer
from ..services import setup
from .pages import call_crumbs, fund_crumbs


@rule("funding.manage", load=rules.fund)
def call_create(request, fund):
    """Admins and coordinators of the organisation."""
    form = CallForm(request.POST or None, with_year=True)
    call = save_form(
        request,
        form,
        lambda version, year, **data: setup.call_create(
            fund=fund, year=year, by=request.user, **data
        ),
    )
    if call:
        messages.success(request, f"Der Aufruf „{call}“ wurde angelegt.")
        return redirect("funding:call_detail", pk=call.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Förderaufruf – {fund.name}",
        cancel_url=reverse("funding:fund_detail", args=[fund.pk]),
        breadcrumbs=fund_crumbs(fund, ("Neuer Aufruf", None)),
    )


@rule("funding.manage", load=rules.call)
def call_edit(request, call):
    """Admins and coordinators of the organisation."""
    form = CallForm(request.POST or None, instance=call)
    saved = save_form(
        request,
        form,
        lambda version, **data: setup.call_update(
            call=call, version=version, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Der Aufruf wurde gespeichert.")
        return redirect("funding:call_detail", pk=call.pk)
    return render_form_page(
        request,
        form,
        heading=f"{call.title} bearbeiten",
        cancel_url=reverse("funding:call_detail", args=[call.pk]),
        intro="Übersetzungen des Aufrufs für das Portal pflegen Sie unter „Übersetzungen“.",
    )


@rule("funding.see_applications", load=rules.call)
def call_detail(request, call):
    """The fund's office and the call's reviewers: the round's ranking against the budget."""
    ranking = selectors.ranking(call, request.user)
    return render(
        request,
        "funding/backoffice/call_detail.html",
        {
            "call": call,
            "fund": call.fund,
            "ranking": ranking,
            "can_manage": request.user.has_perm("funding.manage", call),
            "is_reviewer": request.user.has_perm("funding.declare_conflict", call),
            "breadcrumbs": call_crumbs(call),
        },
    )


@rule("funding.manage", load=rules.call)
def call_reviewers(request, call):
    """Admins and coordinators of the organisation: who scores the call's applications."""
    form = ReviewerForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        setup.reviewer_add(
            call=call,
            user=form.cleaned_data["user"],
            kind=form.cleaned_data["kind"],
            by=request.user,
        )
        messages.success(request, "Die Person bewertet jetzt die Anträge dieses Aufrufs.")
        return redirect("funding:call_reviewers", pk=call.pk)
    return render(
        request,
        "funding/backoffice/call_reviewers.html",
        {
            "call": call,
            "form": form,
            "reviewers": call.reviewers.select_related("user").order_by("user__email"),
            "breadcrumbs": call_crumbs(call, ("Bewertende", None)),
        },
    )


@rule("funding.manage", load=rules.call)
@require_POST
def call_reviewer_remove(request, call):
    """Admins and coordinators of the organisation."""
    reviewer = get_object_or_404(CallReviewer, call=call, pk=request.POST.get("reviewer") or 0)
    setup.reviewer_remove(reviewer=reviewer, by=request.user)
    messages.success(request, f"{reviewer.user} bewertet diesen Aufruf nicht mehr.")
    return redirect("funding:call_reviewers", pk=call.pk)
