"""Back office: plans across levels — the Kreis sees per goal which towns contribute and where
nobody does; a town points its measures at the Kreis's plan, sees when the Kreis changed what it
points at, and can start its plan from the Kreis's structure."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.plans.models import Goal, Measure, Plan

from .. import alignment as selectors
from .. import rules, services
from ..models import AlignmentKind


@rule("indicators.view_internal", load=rules.plan)
def kreis_rollup(request, plan):
    """Members of the Kreis: per goal of its plan, the towns that contribute, how far their
    measures are, and the goals nobody contributes to."""
    rows = selectors.kreis_rollup(plan)
    return render(
        request,
        "indicators/backoffice/kreis_rollup.html",
        {
            "plan": plan,
            "organization": plan.organization,
            "rows": rows,
            "chart": selectors.rollup_svg(rows),
            "kreis_plan": _kreis_plan(plan),
            "can_manage": request.user.has_perm("indicators.manage", plan),
            # Called by the template only where the offer could show (one query less otherwise).
            "plan_is_empty": lambda: not plan.fields.exists(),
        },
    )


def _kreis_plan(plan):
    parent_id = plan.organization.parent_id
    if parent_id is None:
        return None
    return (
        Plan.objects.filter(organization_id=parent_id)
        .exclude(status="archived")
        .order_by("-pk")
        .first()
    )


@rule("indicators.manage", load=rules.plan)
@require_POST
def plan_start_from_kreis(request, plan):
    """Admins and coordinators of a town: copy the Kreis's fields and goals into an empty plan."""
    kreis_plan = _kreis_plan(plan)
    try:
        if kreis_plan is None:
            raise ServiceError("Die Organisation hat keinen Kreis mit einem Plan.")
        copied = services.plan_start_from_kreis(plan=plan, kreis_plan=kreis_plan, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Gliederung übernommen: {copied} Ziele, jedes mit dem Kreis verknüpft."
        )
    return redirect("plans:plan_dashboard", plan.slug)


@rule("indicators.manage", load=rules.measure)
@require_POST
def measure_align(request, measure):
    """Admins and coordinators: point the measure at a goal or measure of the Kreis's plan."""
    choice, kind = request.POST.get("ziel", ""), request.POST.get("art", "")
    model = {"g": Goal, "m": Measure}.get(choice[:1])
    target = model.objects.filter(pk=choice[1:]).first() if model and choice[1:].isdigit() else None
    try:
        if target is None:
            raise ServiceError("Bitte ein Ziel oder eine Maßnahme des Kreis-Plans wählen.")
        services.alignment_create(
            source=measure,
            target=target,
            kind=kind,
            note=request.POST.get("anmerkung", ""),
            by=request.user,
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Abgestimmt: {AlignmentKind(kind).label} „{target}“.")
    return redirect("plans:measure_detail", pk=measure.pk)


@rule("indicators.manage", load=rules.alignment)
@require_POST
def alignment_delete(request, alignment):
    """Admins and coordinators of the town: the item no longer points at the Kreis's."""
    back = _back_to(alignment)
    services.alignment_delete(alignment=alignment, by=request.user)
    messages.success(request, "Die Verknüpfung mit dem Plan des Kreises ist entfernt.")
    return back


@rule("indicators.manage", load=rules.alignment)
@require_POST
def alignment_seen(request, alignment):
    """Admins and coordinators of the town: the Kreis's change is read, the notice goes away."""
    services.alignment_seen(alignment=alignment, by=request.user)
    return _back_to(alignment)


def _back_to(alignment):
    """The page the link is shown on: its measure's, or its goal's field."""
    if alignment.measure_id is not None:
        return redirect("plans:measure_detail", pk=alignment.measure_id)
    field = alignment.goal.field
    return redirect("plans:field_detail", field.plan.slug, field.number)
