"""Back office: fields of action (Handlungsfelder) and their goals."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.saving import render_form_page, save_form

from .. import rules, services
from ..forms import FieldOfActionForm, GoalForm
from ..models import FieldOfAction, Goal, Measure, ProgressReport


@rule("plans.manage", load=rules.plan)
def field_create(request, plan):
    """Admins and coordinators of the plan's organisation."""
    initial = {"number": FieldOfAction.objects.next_number(plan)}
    form = FieldOfActionForm(request.POST or None, plan=plan, initial=initial)
    field = save_form(
        request,
        form,
        lambda version, **data: services.field_create(plan=plan, by=request.user, **data),
    )
    if field:
        messages.success(request, f"Das Handlungsfeld „{field}“ wurde angelegt.")
        return redirect("plans:field_detail", slug=plan.slug, number=field.number)
    return render_form_page(
        request,
        form,
        heading=f"Neues Handlungsfeld in {plan.title}",
        cancel_url=reverse("plans:plan_dashboard", args=[plan.slug]),
    )


@rule("plans.manage", load=rules.field)
def field_edit(request, field):
    """Admins and coordinators of the plan's organisation."""
    form = FieldOfActionForm(request.POST or None, instance=field, plan=field.plan)
    saved = save_form(
        request, form, lambda **data: services.field_update(field=field, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Das Handlungsfeld wurde gespeichert.")
        return redirect("plans:field_detail", slug=field.plan.slug, number=saved.number)
    return render_form_page(
        request,
        form,
        heading=f"Handlungsfeld bearbeiten: {field}",
        cancel_url=reverse("plans:field_detail", args=[field.plan.slug, field.number]),
    )


@rule("plans.view_drafts", load=rules.field)
def field_detail(request, field):
    """Members of the plan's organisation (and superusers)."""
    report = ProgressReport.objects.latest_for(field.plan)
    return render(
        request,
        "plans/backoffice/field_detail.html",
        {
            "plan": field.plan,
            "field": field,
            "goals": Goal.objects.of_field(field),
            "measures": Measure.objects.of_field(field).with_lead().with_entry_of(report),
            "report": report,
            "can_manage": request.user.has_perm("plans.manage", field.plan),
            "goal_form": GoalForm(prefix="goal"),
        },
    )


@rule("plans.manage", load=rules.field)
@require_POST
def goal_create(request, field):
    """Admins and coordinators of the plan's organisation."""
    form = GoalForm(request.POST, prefix="goal")
    if form.is_valid():
        services.goal_create(field=field, by=request.user, **form.cleaned_data)
        messages.success(request, "Das Ziel wurde angelegt.")
    else:
        messages.error(request, "Das Ziel braucht einen Titel.")
    return redirect("plans:field_detail", slug=field.plan.slug, number=field.number)
