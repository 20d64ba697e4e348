"""What good practice adds to a plan's pages (registered in apps.py): on a field of action's
page, its published practices."""

from django.urls import reverse
from django.utils.translation import gettext

from teilhabe.plans.contributions import OrganizationLink, Panel

from .models import Practice
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


def organization_link(organization):
    if not Practice.objects.filter(organization=organization).published().exists():
        return None
    return OrganizationLink(
        gettext("Gute Beispiele"),
        gettext("Projekte, die sich bewährt haben – zum Nachmachen."),
        reverse("portal:practices_catalogue", args=[organization.slug]),
        order=40,
    )
