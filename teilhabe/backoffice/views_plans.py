"""Back office: plans, fields of action, goals and measures. All views require a login; each
docstring says who may use it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations.models import Organization, Unit
from teilhabe.organizations.permissions import editor_unit_ids, has_role, memberships
from teilhabe.plans import services
from teilhabe.plans.models import (
    Measure,
    Plan,
    ProgressEntry,
    ProgressReport,
    ProgressStatus,
    UpdateRequest,
)
from teilhabe.reports import charts
from teilhabe.reports.data import bilanz_data

from .access import field_for, measure_for, plan_for
from .forms import FieldOfActionForm, GoalForm, MeasureForm, PlanForm

MEASURES_PER_PAGE = 50


@login_required
def home(request):
    """Any signed-in person: their organisations' plans, and the open requests of their office."""
    own = Plan.objects.filter(
        organization__in=[m.organization_id for m in memberships(request.user)]
    )
    if request.user.is_superuser:
        own = Plan.objects.all()
    plans = own.select_related("organization").annotate(
        measure_count=Count("fields__measures", distinct=True)
    )
    open_requests = (
        UpdateRequest.objects.open()
        .filter(unit_id__in=editor_unit_ids(request.user), report__status="draft")
        .select_related("report__plan", "unit")
    )
    creatable = [
        m.organization
        for m in memberships(request.user)
        if has_role(request.user, m.organization_id, "admin", "coordinator")
    ]
    own_units = editor_unit_ids(request.user)
    own_drafts = (
        ProgressReport.objects.filter(status="draft", entries__measure__lead_unit_id__in=own_units)
        .annotate(own_measures=Count("entries"))
        .select_related("plan")
        .order_by("-as_of")
        if own_units
        else ProgressReport.objects.none()
    )
    administered = [
        m.organization
        for m in memberships(request.user)
        if has_role(request.user, m.organization_id, "admin")
    ]
    return render(
        request,
        "backoffice/home.html",
        {
            "plans": plans,
            "open_requests": open_requests,
            "own_drafts": own_drafts,
            "creatable": creatable,
            "administered": administered,
            "nav": "home",
        },
    )


@login_required
def plan_create(request, org_slug):
    """Admins and coordinators of the organisation."""
    organization = get_object_or_404(Organization, slug=org_slug)
    if not has_role(request.user, organization.pk, "admin", "coordinator"):
        raise Http404
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
        return redirect("backoffice:plan_dashboard", slug=plan.slug)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Integrationsplan für {organization.name}",
        cancel_url=reverse("backoffice:home"),
    )


@login_required
def plan_edit(request, slug):
    """Admins and coordinators of the plan's organisation."""
    plan = plan_for(request.user, slug, "plans.manage")
    form = PlanForm(request.POST or None, instance=plan, organization=plan.organization)
    saved = save_form(
        request, form, lambda **data: services.plan_update(plan=plan, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Die Angaben zum Plan wurden gespeichert.")
        return redirect("backoffice:plan_dashboard", slug=saved.slug)
    return render_form_page(
        request,
        form,
        heading=f"Plan bearbeiten: {plan.title}",
        cancel_url=reverse("backoffice:plan_dashboard", args=[plan.slug]),
    )


@login_required
def field_create(request, slug):
    """Admins and coordinators of the plan's organisation."""
    plan = plan_for(request.user, slug, "plans.manage")
    next_number = (
        plan.fields.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    form = FieldOfActionForm(request.POST or None, plan=plan, initial={"number": next_number})
    field = save_form(
        request,
        form,
        lambda version, **data: services.field_create(plan=plan, by=request.user, **data),
    )
    if field:
        messages.success(request, f"Das Handlungsfeld „{field}“ wurde angelegt.")
        return redirect("backoffice:field_detail", slug=plan.slug, number=field.number)
    return render_form_page(
        request,
        form,
        heading=f"Neues Handlungsfeld in {plan.title}",
        cancel_url=reverse("backoffice:plan_dashboard", args=[plan.slug]),
    )


@login_required
def field_edit(request, slug, number):
    """Admins and coordinators of the plan's organisation."""
    field = field_for(request.user, slug, number, "plans.manage")
    form = FieldOfActionForm(request.POST or None, instance=field, plan=field.plan)
    saved = save_form(
        request, form, lambda **data: services.field_update(field=field, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Das Handlungsfeld wurde gespeichert.")
        return redirect("backoffice:field_detail", slug=slug, number=saved.number)
    return render_form_page(
        request,
        form,
        heading=f"Handlungsfeld bearbeiten: {field}",
        cancel_url=reverse("backoffice:field_detail", args=[slug, number]),
    )


def _latest_report(plan):
    return ProgressReport.objects.latest_for(plan)


@login_required
def field_detail(request, slug, number):
    """Members of the plan's organisation (and superusers)."""
    field = field_for(request.user, slug, number)
    report = _latest_report(field.plan)
    measures = (
        Measure.objects.filter(field=field)
        .with_lead()
        .with_entry_of(report)
        .order_by("position", "id")
    )
    goals = field.goals.all()
    return render(
        request,
        "backoffice/field_detail.html",
        {
            "plan": field.plan,
            "field": field,
            "goals": goals,
            "measures": measures,
            "report": report,
            "can_manage": request.user.has_perm("plans.manage", field.plan),
            "goal_form": GoalForm(prefix="goal"),
        },
    )


@login_required
@require_POST
def goal_create(request, slug, number):
    """Admins and coordinators of the plan's organisation."""
    field = field_for(request.user, slug, number, "plans.manage")
    form = GoalForm(request.POST, prefix="goal")
    if form.is_valid():
        services.goal_create(field=field, by=request.user, **form.cleaned_data)
        messages.success(request, "Das Ziel wurde angelegt.")
    else:
        messages.error(request, "Das Ziel braucht einen Titel.")
    return redirect("backoffice:field_detail", slug=slug, number=number)


@login_required
def measure_list(request, slug):
    """Members of the plan's organisation: all measures with filters by field, status and office."""
    plan = plan_for(request.user, slug)
    report = _latest_report(plan)
    measures = (
        Measure.objects.for_plan(plan)
        .with_lead()
        .with_entry_of(report)
        .order_by("field__number", "position", "id")
    )
    fields = list(plan.fields.order_by("number"))
    units = Unit.objects.filter(organization=plan.organization).order_by("name")
    selected = {k: request.GET.get(k, "") for k in ("field", "status", "unit", "q")}
    if selected["field"].isdigit():
        measures = measures.filter(field__number=int(selected["field"]))
    if selected["status"] in ProgressStatus.values:
        measures = measures.filter(entry_status=selected["status"])
    if selected["unit"].isdigit():
        measures = measures.filter(lead_unit_id=int(selected["unit"]))
    if selected["q"]:
        measures = measures.filter(
            Q(title__icontains=selected["q"]) | Q(number__iexact=selected["q"])
        )
    page = Paginator(measures, MEASURES_PER_PAGE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "backoffice/measure_list.html",
        {
            "plan": plan,
            "report": report,
            "page": page,
            "fields": fields,
            "units": units,
            "statuses": ProgressStatus.choices,
            "selected": selected,
            "query": query.urlencode(),
        },
    )


@login_required
def measure_create(request, slug, number):
    """Admins and coordinators of the plan's organisation."""
    field = field_for(request.user, slug, number, "plans.manage")
    form = MeasureForm(request.POST or None, field=field)
    measure = save_form(
        request,
        form,
        lambda version, **data: services.measure_create(field=field, by=request.user, **data),
    )
    if measure:
        messages.success(request, f"Die Maßnahme {measure.number} wurde angelegt.")
        return redirect("backoffice:measure_detail", pk=measure.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neue Maßnahme im Handlungsfeld {field}",
        cancel_url=reverse("backoffice:field_detail", args=[slug, number]),
    )


@login_required
def measure_edit(request, pk):
    """Admins and coordinators of the plan's organisation."""
    measure = measure_for(request.user, pk, "plans.manage")
    form = MeasureForm(request.POST or None, instance=measure, field=measure.field)

    def update(number, **data):
        return services.measure_update(
            measure=measure, number=number or measure.number, by=request.user, **data
        )

    saved = save_form(request, form, update)
    if saved:
        messages.success(request, "Die Maßnahme wurde gespeichert.")
        return redirect("backoffice:measure_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Maßnahme {measure.number} bearbeiten",
        cancel_url=reverse("backoffice:measure_detail", args=[measure.pk]),
    )


@login_required
def measure_delete(request, pk):
    """Admins and coordinators: delete a measure that no published Bilanz contains."""
    measure = measure_for(request.user, pk, "plans.manage")
    field = measure.field
    if request.method == "POST":
        try:
            services.measure_delete(measure=measure, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("backoffice:measure_detail", pk=measure.pk)
        messages.success(request, f"Die Maßnahme {measure.number} wurde gelöscht.")
        return redirect("backoffice:field_detail", slug=field.plan.slug, number=field.number)
    return render(
        request, "backoffice/measure_delete.html", {"plan": field.plan, "measure": measure}
    )


@login_required
@require_POST
def measure_move(request, pk):
    """Admins and coordinators of the plan's organisation: move a measure up or down in its field."""
    measure = measure_for(request.user, pk, "plans.manage")
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.measure_move(measure=measure, direction=direction, by=request.user)
    return redirect(
        reverse("backoffice:field_detail", args=[measure.field.plan.slug, measure.field.number])
        + f"#massnahme-{measure.pk}"
    )


@login_required
def measure_detail(request, pk):
    """Members of the plan's organisation: the measure, its timeline across reports and its history."""
    measure = measure_for(request.user, pk)
    entries = measure.entries.select_related("report", "updated_by").order_by("report__as_of")
    history = measure.history.select_related("history_user").order_by("-history_date")[:50]
    entry_history = (
        ProgressEntry.history.filter(measure_id=measure.pk)
        .select_related("history_user", "report")
        .order_by("-history_date")[:50]
    )
    draft_entry = next((e for e in entries if e.report.status == "draft"), None)
    return render(
        request,
        "backoffice/measure_detail.html",
        {
            "plan": measure.field.plan,
            "measure": measure,
            "entries": entries,
            "history": history,
            "entry_history": entry_history,
            "draft_entry": draft_entry,
            "can_manage": request.user.has_perm("plans.manage", measure.field.plan),
            "can_update": request.user.has_perm("plans.update_progress", measure),
        },
    )


class DashboardFigures:
    """The dashboard's content, computed only when the cached fragment has to be rendered."""

    def __init__(self, plan, report):
        self.plan = plan
        self.report = report

    @cached_property
    def data(self):
        return bilanz_data(self.report, with_rows=False) if self.report else None

    @cached_property
    def fields(self):
        return self.plan.fields.annotate(measure_count=Count("measures")).order_by("number")

    @cached_property
    def reports(self):
        return ProgressReport.objects.filter(plan=self.plan).order_by("-as_of")

    @cached_property
    def milestones(self):
        return self.plan.milestones.order_by("position", "due_on")

    @cached_property
    def status_svg(self):
        return charts.field_status_svg(self.data)

    @cached_property
    def history_svg(self):
        return charts.progress_history_svg(self.data)


@login_required
def plan_dashboard(request, slug):
    """Members of the plan's organisation: progress per field and plan, changes, history.

    The figures are cached under the plan's revision, which every change to its content bumps."""
    plan = plan_for(request.user, slug)
    report = ProgressReport.objects.latest_for(plan)
    return render(
        request,
        "backoffice/plan_dashboard.html",
        {
            "plan": plan,
            "report": report,
            "figures": DashboardFigures(plan, report),
            "can_manage": request.user.has_perm("plans.manage", plan),
        },
    )
