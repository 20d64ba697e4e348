"""Back office: the measures of a plan — list with filters, detail with their timeline and
history, creating, editing, moving and deleting."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations.models import Unit

from .. import rules, selectors, services
from ..forms import MeasureForm
from ..models import FieldOfAction, Measure, ProgressEntry, ProgressReport, ProgressStatus

MEASURES_PER_PAGE = 50
FILTERS = ("field", "status", "unit", "q")


@rule("plans.view_drafts", load=rules.plan)
def measure_list(request, plan):
    """Members of the plan's organisation: all measures with filters by field, status and office."""
    report = ProgressReport.objects.latest_for(plan)
    selected = {key: request.GET.get(key, "") for key in FILTERS}
    measures = (
        Measure.objects.for_plan(plan)
        .with_lead()
        .with_entry_of(report)
        .matching(**selected)
        .in_plan_order()
    )
    page = Paginator(measures, MEASURES_PER_PAGE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "plans/backoffice/measure_list.html",
        {
            "plan": plan,
            "report": report,
            "page": page,
            "fields": FieldOfAction.objects.for_plan(plan),
            "units": Unit.objects.of_organization(plan.organization_id),
            "statuses": ProgressStatus.choices,
            "selected": selected,
            "query": query.urlencode(),
        },
    )


@rule("plans.manage", load=rules.field)
def measure_create(request, field):
    """Admins and coordinators of the plan's organisation."""
    form = MeasureForm(request.POST or None, field=field)
    measure = save_form(
        request,
        form,
        lambda version, **data: services.measure_create(field=field, by=request.user, **data),
    )
    if measure:
        messages.success(request, f"Die Maßnahme {measure.number} wurde angelegt.")
        return redirect("plans:measure_detail", pk=measure.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neue Maßnahme im Handlungsfeld {field}",
        cancel_url=reverse("plans:field_detail", args=[field.plan.slug, field.number]),
    )


@rule("plans.manage", load=rules.measure)
def measure_edit(request, measure):
    """Admins and coordinators of the plan's organisation."""
    form = MeasureForm(request.POST or None, instance=measure, field=measure.field)

    def update(number, **data):
        return services.measure_update(
            measure=measure, number=number or measure.number, by=request.user, **data
        )

    saved = save_form(request, form, update)
    if saved:
        messages.success(request, "Die Maßnahme wurde gespeichert.")
        return redirect("plans:measure_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Maßnahme {measure.number} bearbeiten",
        cancel_url=reverse("plans:measure_detail", args=[measure.pk]),
    )


@rule("plans.manage", load=rules.measure)
def measure_delete(request, measure):
    """Admins and coordinators: delete a measure that no published Bilanz contains."""
    field = measure.field
    if request.method == "POST":
        try:
            services.measure_delete(measure=measure, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("plans:measure_detail", pk=measure.pk)
        messages.success(request, f"Die Maßnahme {measure.number} wurde gelöscht.")
        return redirect("plans:field_detail", slug=field.plan.slug, number=field.number)
    return render(
        request, "plans/backoffice/measure_delete.html", {"plan": field.plan, "measure": measure}
    )


@rule("plans.manage", load=rules.measure)
@require_POST
def measure_move(request, measure):
    """Admins and coordinators of the plan's organisation: move a measure up or down in its field."""
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.measure_move(measure=measure, direction=direction, by=request.user)
    field = measure.field
    return redirect(
        reverse("plans:field_detail", args=[field.plan.slug, field.number])
        + f"#massnahme-{measure.pk}"
    )


@rule("plans.view_drafts", load=rules.measure)
def measure_detail(request, measure):
    """Members of the plan's organisation: the measure, its timeline across reports and its history."""
    entries = list(ProgressEntry.objects.of_measure(measure))
    return render(
        request,
        "plans/backoffice/measure_detail.html",
        {
            "plan": measure.field.plan,
            "measure": measure,
            "entries": entries,
            "history": selectors.measure_history(measure),
            "entry_history": selectors.progress_history(measure),
            "draft_entry": next((e for e in entries if e.report.status == "draft"), None),
            "can_manage": request.user.has_perm("plans.manage", measure.field.plan),
            "can_update": request.user.has_perm("plans.update_progress", measure),
        },
    )
