"""Loading objects for back-office views: 404 for what a person may not see, 403 for what they
may see but not do — so nobody learns of another organisation's drafts."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from teilhabe.plans.models import FieldOfAction, Measure, Plan, ProgressEntry, ProgressReport


def _check(user, obj, perm: str):
    if not user.has_perm("plans.view_drafts", obj):
        raise Http404
    if perm != "plans.view_drafts" and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def plan_for(user, slug: str, perm: str = "plans.view_drafts") -> Plan:
    return _check(
        user, get_object_or_404(Plan.objects.select_related("organization"), slug=slug), perm
    )


def field_for(user, slug: str, number: int, perm: str = "plans.view_drafts") -> FieldOfAction:
    field = get_object_or_404(
        FieldOfAction.objects.select_related("plan__organization"), plan__slug=slug, number=number
    )
    return _check(user, field, perm)


def measure_for(user, pk: int, perm: str = "plans.view_drafts") -> Measure:
    measure = get_object_or_404(
        Measure.objects.select_related(
            "field__plan__organization", "goal", "lead_unit", "lead_organization"
        ),
        pk=pk,
    )
    return _check(user, measure, perm)


def report_for(user, pk: int, perm: str = "plans.view_drafts") -> ProgressReport:
    report = get_object_or_404(ProgressReport.objects.select_related("plan__organization"), pk=pk)
    return _check(user, report, perm)


def entry_for(user, pk: int) -> ProgressEntry:
    entry = get_object_or_404(
        ProgressEntry.objects.select_related(
            "report__plan__organization", "measure__field__plan__organization", "measure__lead_unit"
        ),
        pk=pk,
    )
    _check(user, entry.report, "plans.view_drafts")
    if not user.has_perm("plans.update_progress", entry.measure):
        raise PermissionDenied
    return entry
