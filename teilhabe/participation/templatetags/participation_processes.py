"""Template tags of the processes part: the plan's processes for the placeholders included by
the plan pages (one query each, whatever the number of processes)."""

from django import template

from teilhabe.participation.models import ParticipationProcess

register = template.Library()


@register.simple_tag
def plan_processes_internal(plan):
    """Every process of the plan, for the back-office plan dashboard (members only)."""
    return list(ParticipationProcess.objects.filter(plan=plan).order_by("-id"))


@register.simple_tag
def plan_processes_public(plan):
    """The plan's public processes, for the public plan page."""
    return list(ParticipationProcess.objects.public().filter(plan=plan).order_by("-id"))
