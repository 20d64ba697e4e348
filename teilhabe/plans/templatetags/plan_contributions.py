"""`{% contributed_panels measure "portal" %}`: the panels that modules above plans add to a
measure's or field's page (see teilhabe/plans/contributions.py)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from teilhabe.plans import contributions
from teilhabe.plans.models import FieldOfAction

register = template.Library()


@register.simple_tag(takes_context=True)
def contributed_panels(context, obj, audience):
    panels = (
        contributions.field_panels(obj, audience)
        if isinstance(obj, FieldOfAction)
        else contributions.measure_panels(obj, audience)
    )
    # A panel sees the page's context (organisation, plan, can_manage …) and its own.
    base = context.flatten()
    request = context.get("request")
    html = [render_to_string(p.template, {**base, **p.context}, request=request) for p in panels]
    # Each panel was rendered by its template with autoescaping; joining them adds nothing.
    return mark_safe("".join(html))  # noqa: S308
