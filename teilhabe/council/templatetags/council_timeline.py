"""`{% load council_timeline %}{% plan_timeline plan as timeline %}`: a plan's milestones with their state and papers, for
pages whose view does not load them (the plan dashboard) — two queries however many there are."""

from django import template

from teilhabe.plans.milestones import overdue_count, timeline

register = template.Library()


@register.simple_tag
def plan_timeline(plan, public_only=False):
    entries = timeline(plan, public_only=public_only)
    return {"entries": entries, "overdue_count": overdue_count(entries)}
