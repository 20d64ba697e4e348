"""Back office: creating and editing a plan, and its dashboard."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from teilhabe.core.access import rule
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations import rules as organization_rules

from .. import rules, services
from ..forms import PlanForm
from ..models import ProgressReport
from ..selectors import DashboardFigures


@rule("plans.manage", load=organization_rules.organization)
def plan_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = PlanForm(request.POST or None, organization=organization)
    plan = save_form(
        request,
        form,
        lambda version, **data: services.plan_create(
            organization=organization, by=request.user, **data
        ),
    )
    if plan:
        messages.success(request, f"Der Plan „{plan.title}“ wurde angelegt.")
        return redirect("plans:plan_dashboard", slug=plan.slug)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Integrationsplan für {organization.name}",
        cancel_url=reverse("backoffice:home"),
    )


@rule("plans.manage", load=rules.plan)
def plan_edit(request, plan):
    """Admins and coordinators of the plan's organisation."""
    form = PlanForm(request.POST or None, instance=plan, organization=plan.organization)
    saved = save_form(
        request, form, lambda **data: services.plan_update(plan=plan, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Die Angaben zum Plan wurden gespeichert.")
        return redirect("plans:plan_dashboard", slug=saved.slug)
    return render_form_page(
        request,
        form,
        heading=f"Plan bearbeiten: {plan.title}",
        cancel_url=reverse("plans:plan_dashboard", args=[plan.slug]),
    )


@rule("plans.view_drafts", load=rules.plan)
def plan_dashboard(request, plan):
    """Members of the plan's organisation: progress per field and plan, changes, history.

    The figures are cached under the plan's revision, which every change to its content bumps."""
    report = ProgressReport.objects.latest_for(plan)
    return render(
        request,
        "plans/backoffice/plan_dashboard.html",
        {
            "plan": plan,
            "report": report,
            "figures": DashboardFigures(plan, report),
            "can_manage": request.user.has_perm("plans.manage", plan),
        },
    )
