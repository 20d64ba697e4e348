"""Who may do what with indicators, and how back-office views load them.

Members of an organisation read its indicators, values and targets; its admins and coordinators
define, adopt, import and set targets. Published indicators (`public`) are read by everybody on
the portal, through public querysets; suppressed values are shown to nobody as a number.
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.models import Organization, OrganizationKind
from teilhabe.organizations.rules import member_predicate, role_predicate
from teilhabe.plans.models import Measure, Plan

from .models import Alignment, Indicator

ORGANIZATION_PATHS = (
    "organization_id",
    "field.plan.organization_id",
    "goal.field.plan.organization_id",
    "measure.field.plan.organization_id",
)

is_member = member_predicate(ORGANIZATION_PATHS)
is_manager = role_predicate(ORGANIZATION_PATHS)

rules.add_perm("indicators.view_internal", rules.is_superuser | is_member)


@rules.predicate
def is_state(user, organization) -> bool:
    return organization is not None and organization.kind == OrganizationKind.STATE


# The Land overview with the internal state of the Kreise and Gemeinden below a Land: for the
# Land's own people (any role there; none of them gains a right in the towns themselves).
rules.add_perm(
    "indicators.view_land",
    is_state & (rules.is_superuser | member_predicate(("pk",), name="is_land_member")),
)
rules.add_perm("indicators.manage", rules.is_superuser | is_manager)

indicator = load(
    Indicator.objects.filter(organization__isnull=False).select_related("organization"),
    visible="indicators.view_internal",
    name="indicator",
    pk="pk",
)
plan = load(
    Plan.objects.select_related("organization"),
    visible="indicators.view_internal",
    name="plan",
    plan_slug="slug",
)
measure = load(
    Measure.objects.select_related("field__plan__organization"),
    visible="indicators.view_internal",
    name="measure",
    pk="pk",
)
alignment = load(
    Alignment.objects.select_related(
        "goal__field__plan__organization", "measure__field__plan__organization"
    ),
    visible="indicators.view_internal",
    name="alignment",
    pk="pk",
)
state = load(
    Organization.objects.filter(kind=OrganizationKind.STATE),
    visible="indicators.view_land",
    name="state",
    org_slug="slug",
)
