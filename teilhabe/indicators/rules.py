"""Who may do what with indicators, and how back-office views load them.

Members of an organisation read its indicators, values and targets; its admins and coordinators
define, adopt, import and set targets. Published indicators (`public`) are read by everybody on
the portal, through public querysets; suppressed values are shown to nobody as a number.
"""

import rules

from teilhabe.core.access import load
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
