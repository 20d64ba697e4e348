"""Who may do what with plans, measures and reports, and how back-office views load them.

Roles (per organisation): admin and coordinator manage everything in the organisation's plans;
an office editor updates the progress of the measures their office leads; an internal reader
(e.g. a council member) reads drafts; everybody else reads published content only.

Every back-office object of a plan is visible to the members of the plan's organisation
(`plans.view_drafts`); to anybody else it does not exist (404).
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.permissions import editor_unit_ids, organization_id_via
from teilhabe.organizations.rules import member_predicate, role_predicate

from .models import (
    Example,
    FieldOfAction,
    Measure,
    Milestone,
    Plan,
    ProgressEntry,
    ProgressReport,
    UpdateRequest,
)

ORGANIZATION_PATHS = (
    "organization_id",
    "plan.organization_id",
    "field.plan.organization_id",
    "report.plan.organization_id",
)


def _plan_of(obj):
    for attr in ("plan", "field", "report"):
        if hasattr(obj, attr):
            return _plan_of(getattr(obj, attr))
    return obj


is_member = member_predicate(ORGANIZATION_PATHS)
is_manager = role_predicate(ORGANIZATION_PATHS)


@rules.predicate
def is_public(user, obj):
    plan = _plan_of(obj)
    if plan.status == "draft":
        return False
    report = getattr(obj, "report", obj if hasattr(obj, "as_of") else None)
    return report is None or report.status == "published"


@rules.predicate
def leads_measure(user, obj):
    """An office editor of the office that leads the measure (or the entry's measure)."""
    if obj is None:
        return False
    measure = getattr(obj, "measure", obj)
    organization_id = organization_id_via(obj, ORGANIZATION_PATHS)
    return measure.lead_unit_id in editor_unit_ids(user, organization_id)


@rules.predicate
def leads_any_measure(user, plan):
    """An office editor whose office leads at least one measure of the plan."""
    if plan is None:
        return False
    units = editor_unit_ids(user, plan.organization_id)
    return bool(units) and Measure.objects.for_plan(plan).led_by_units(units).exists()


@rules.predicate
def answers_for_unit(user, update_request):
    """An office editor of the office an update request was sent to."""
    if update_request is None:
        return False
    organization_id = organization_id_via(update_request, ORGANIZATION_PATHS)
    return update_request.unit_id in editor_unit_ids(user, organization_id)


@rules.predicate
def is_draft_report(user, obj):
    """A report (or an entry or example of a report) that is still a draft."""
    report = getattr(obj, "report", obj)
    return report is not None and report.status == "draft"


is_superuser = rules.is_superuser

rules.add_perm("plans.view", is_superuser | is_member | is_public)
rules.add_perm("plans.view_drafts", is_superuser | is_member)
rules.add_perm("plans.manage", is_superuser | is_manager)
rules.add_perm("plans.update_progress", is_superuser | is_manager | leads_measure)
rules.add_perm("plans.edit_entry", (is_superuser | is_manager | leads_measure) & is_draft_report)
rules.add_perm("plans.edit_report", (is_superuser | is_manager) & is_draft_report)
rules.add_perm("plans.publish_report", (is_superuser | is_manager) & is_draft_report)
# A published Bilanz is put right by a corrected edition (plans.services.corrections).
rules.add_perm("plans.correct_report", (is_superuser | is_manager) & ~is_draft_report)
# The progress table's import: whoever may update the progress of at least one measure.
rules.add_perm("plans.import_progress", is_superuser | is_manager | leads_any_measure)
rules.add_perm("plans.answer_request", is_superuser | is_manager | answers_for_unit)

# Loaders of the back office -----------------------------------------------------------------

VISIBLE = "plans.view_drafts"

plan = load(Plan.objects.select_related("organization"), visible=VISIBLE, name="plan", slug="slug")
field = load(
    FieldOfAction.objects.select_related("plan__organization"),
    visible=VISIBLE,
    name="field",
    slug="plan__slug",
    number="number",
)
measure = load(
    Measure.objects.select_related(
        "field__plan__organization", "goal", "lead_unit", "lead_organization"
    ),
    visible=VISIBLE,
    name="measure",
    pk="pk",
)
report = load(
    ProgressReport.objects.select_related("plan__organization"),
    visible=VISIBLE,
    name="report",
    pk="pk",
)
# A plan for the API's key holders: a public plan exists for everybody (403 for those outside
# its organisation), a draft plan only for its members.
any_plan = load(
    Plan.objects.select_related("organization"), visible="plans.view", name="plan", slug="slug"
)
# A report's documents: published ones for anybody, drafts for members (404 for the rest).
any_report = load(
    ProgressReport.objects.select_related("plan__organization"),
    visible="plans.view",
    name="report",
    report_id="pk",
)
entry = load(
    ProgressEntry.objects.select_related(
        "report__plan__organization", "measure__field__plan__organization", "measure__lead_unit"
    ),
    visible=VISIBLE,
    name="entry",
    pk="pk",
)
example = load(
    Example.objects.select_related("report__plan__organization"),
    visible=VISIBLE,
    name="example",
    pk="pk",
)
update_request = load(
    UpdateRequest.objects.select_related("report__plan__organization", "unit"),
    visible=VISIBLE,
    name="update_request",
    pk="report_id",
    unit_id="unit_id",
)
milestone = load(
    Milestone.objects.select_related("plan__organization"),
    visible=VISIBLE,
    name="milestone",
    pk="pk",
)
