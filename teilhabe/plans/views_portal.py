"""Public pages of plans: everybody may read them, with or without an account, in every portal
language.

Only published content appears: plans that are adopted or archived (never drafts), and progress
from published reports only — a draft Bilanz the offices are filling in stays in the back office.
Every lookup goes through `selectors.public_plan` or the public querysets, so an unknown or
unpublished organisation, plan, field, measure or report is a 404 in the reader's language.
"""

import copy

from django.shortcuts import render
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page

from . import snapshot
from .contributions import organization_links
from .models import Goal, Measure, Plan, ProgressEntry, ProgressReport
from .selectors import (
    PlanOverview,
    field_summary,
    public_field,
    public_measure,
    public_plan,
    public_report,
)
from .views_backoffice.reports import bilanz_download


def plan_page(request, plan: Plan):
    """The start page of a plan; the organisation's start page shows its current plan so."""
    return render(
        request,
        "plans/portal/plan.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "overview": PlanOverview(plan),
            "other_plans": Plan.objects.public()
            .others_of_organization(plan)
            .newest_adoption_first(),
            "links": organization_links(plan.organization),
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def plan_start(request, org_slug, plan_slug):
    """Anyone: the start page of one of the organisation's published plans (or of a draft its
    coordinator shows as a draft)."""
    return plan_page(request, public_plan(org_slug, plan_slug, drafts=True))


@rule(PUBLIC)
@require_safe
@cached_public_page
def field_detail(request, org_slug, plan_slug, number):
    """Anyone: a field of action with its goals and measures and their published status."""
    plan = public_plan(org_slug, plan_slug, drafts=True)
    field = public_field(plan, number)
    # A draft shown as a draft has no Bilanz on the portal.
    report = (
        ProgressReport.objects.latest_for(plan, published_only=True) if plan.is_public else None
    )
    return render(
        request,
        "plans/portal/field.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "field": field,
            "goals": Goal.objects.of_field(field),
            "measures": Measure.objects.of_field(field).with_lead().with_entry_of(report),
            "report": report,
            "summary": field_summary(field, report),
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def measure_detail(request, org_slug, plan_slug, pk):
    """Anyone: a measure, who is responsible, and its timeline across published reports."""
    plan = public_plan(org_slug, plan_slug, drafts=True)
    measure = public_measure(plan, pk)
    entries = list(ProgressEntry.objects.of_measure(measure).published()) if plan.is_public else []
    return render(
        request,
        "plans/portal/measure.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "field": measure.field,
            "measure": measure,
            "entries": entries,
            "latest": entries[-1] if entries else None,
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def report_detail(request, org_slug, plan_slug, report_id):
    """Anyone: a published Bilanz as a page, with its downloads."""
    plan = public_plan(org_slug, plan_slug)
    report = snapshot.apply_to_report(public_report(plan, report_id))
    # The page is about this report: the plan's title as it was published (a copy, so that
    # nothing else of this request sees it).
    plan = snapshot.apply_to_plan(report, copy.copy(plan))
    return render(
        request,
        "plans/portal/report.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "report": report,
            "overview": PlanOverview(plan, report=report),
        },
    )


@rule(PUBLIC)
@require_safe
def report_download(request, org_slug, plan_slug, report_id, fmt):
    """Anyone: the published Bilanz as PDF, DOCX or HTML, exactly as it was published."""
    report = public_report(public_plan(org_slug, plan_slug), report_id)
    return bilanz_download(request, report_id=report.pk, fmt=fmt)


@rule(PUBLIC)
@require_safe
@cached_public_page
def milestones(request, org_slug, plan_slug):
    """Anyone: the plan's milestones as a timeline, overdue ones flagged in words, with the
    public council papers that fulfil them (non-public papers never appear; the council's
    template tags read them)."""
    plan = public_plan(org_slug, plan_slug)
    return render(
        request, "plans/portal/milestones.html", {"organization": plan.organization, "plan": plan}
    )
