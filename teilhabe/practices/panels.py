"""What good practice adds to a plan's pages (registered in apps.py): on a field of action's
page, its published practices."""

from teilhabe.plans.contributions import Panel

from .selectors import published_for_field


def field_panel(field, audience):
    practices = published_for_field(field)
    if not practices:
        return None
    return Panel(
        template=f"practices/{audience}/_field_panel.html",
        context={"practices": practices, "organization_slug": field.plan.organization.slug},
        order=70,
    )
