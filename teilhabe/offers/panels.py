"""What the inventory adds to a plan's pages (registered in apps.py): the offers and networks
linked to a measure, on its page in the back office and, published ones only, in the portal."""

from django.urls import reverse
from django.utils.translation import gettext

from teilhabe.plans.contributions import MeasurePanel, OrganizationLink

from .models import Offer
from .selectors import measure_offers


def measure_panel(measure, audience):
    found = measure_offers(measure, public=audience == "portal")
    if not found["offers"] and not found["networks"]:
        return None
    return MeasurePanel(
        template=f"offers/{audience}/_measure_panel.html",
        context={**found, "organization_slug": measure.field.plan.organization.slug},
        order=60,
    )


def organization_link(organization):
    if not Offer.objects.of_organization(organization).published().exists():
        return None
    return OrganizationLink(
        gettext("Angebote"),
        gettext("Was es schon gibt: Beratung, Kurse, Treffpunkte und Hilfen vor Ort."),
        reverse("portal:offers_directory", args=[organization.slug]),
        order=20,
    )
