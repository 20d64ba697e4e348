"""`{% backoffice_sections as sections %}`: the main navigation of the back office's layout
(see teilhabe/backoffice/navigation.py)."""

from django import template

from teilhabe.backoffice.navigation import current_section, sections
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan

register = template.Library()


@register.simple_tag(takes_context=True)
def backoffice_sections(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"items": [], "current": ""}
    plan = context.get("plan")
    organization = context.get("organization")
    # Pages about a report, field or process know their plan through it.
    for name in ("report", "process", "field"):
        if not isinstance(plan, Plan) and context.get(name) is not None:
            plan = getattr(context[name], "plan", None)
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    return {
        "items": sections(
            user,
            plan=plan if isinstance(plan, Plan) else None,
            organization=organization if isinstance(organization, Organization) else None,
        ),
        "current": current_section(view_name),
    }
