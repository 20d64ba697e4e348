"""`{% plan_timeline plan public_only=False as timeline %}`: a plan's milestones with their state
and the council papers that fulfil them, and how many are overdue (`timeline.entries`,
`timeline.overdue_count`), for pages whose view does not load them (the plan dashboard) — two
queries however many there are."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def plan_timeline(plan, public_only=False):
    return selectors.plan_timeline_summary(plan, public_only=public_only)
