"""Object permissions for plans, measures and reports.

Roles (per organisation): admin and coordinator manage everything in the organisation's plans;
an office editor updates the progress of the measures their office leads; an internal reader
(e.g. a council member) reads drafts; everybody else reads published content only.
"""

import rules

from teilhabe.organizations.models import Role
from teilhabe.organizations.permissions import (
    editor_unit_ids,
    has_role,
    member_organization_ids,
    organization_id_via,
)

ORGANIZATION_PATHS = (
    "organization_id",
    "plan.organization_id",
    "field.plan.organization_id",
    "report.plan.organization_id",
)


def _organization_id(obj):
    """The organisation that owns a plan, field, measure, report or entry."""
    return organization_id_via(obj, ORGANIZATION_PATHS)


def _plan_of(obj):
    for attr in ("plan", "field", "report"):
        if hasattr(obj, attr):
            return _plan_of(getattr(obj, attr))
    return obj


@rules.predicate
def is_member(user, obj):
    if obj is None:
        return bool(member_organization_ids(user))
    return _organization_id(obj) in member_organization_ids(user)


@rules.predicate
def is_manager(user, obj):
    if obj is None:
        return False
    return has_role(user, _organization_id(obj), Role.ADMIN, Role.COORDINATOR)


@rules.predicate
def is_public(user, obj):
    plan = _plan_of(obj)
    if plan.status == "draft":
        return False
    report = getattr(obj, "report", obj if hasattr(obj, "as_of") else None)
    return report is None or report.status == "published"


@rules.predicate
def leads_measure(user, measure):
    if measure is None:
        return False
    return measure.lead_unit_id in editor_unit_ids(user, _organization_id(measure))


@rules.predicate
def is_draft_report(user, report):
    return report is not None and report.status == "draft"


is_superuser = rules.is_superuser

rules.add_perm("plans.view", is_superuser | is_member | is_public)
rules.add_perm("plans.view_drafts", is_superuser | is_member)
rules.add_perm("plans.manage", is_superuser | is_manager)
rules.add_perm("plans.update_progress", is_superuser | is_manager | leads_measure)
rules.add_perm("plans.edit_report", (is_superuser | is_manager) & is_draft_report)
rules.add_perm("plans.publish_report", (is_superuser | is_manager) & is_draft_report)
