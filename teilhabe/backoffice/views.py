"""The back office's start page: what a signed-in person works on."""

from django.shortcuts import render

from teilhabe.core.access import SIGNED_IN, rule
from teilhabe.indicators.selectors import targets_of_organizations
from teilhabe.organizations.models import Organization
from teilhabe.organizations.permissions import editor_unit_ids
from teilhabe.plans.models import Plan, PlanStatus, ProgressReport, UpdateRequest
from teilhabe.plans.selectors import public_organizations

from .lifecycle import plan_steps


@rule(SIGNED_IN)
def home(request):
    """Any signed-in person: their organisations' plans, and the open requests of their office."""
    user = request.user
    organizations = list(Organization.objects.of_member(user))
    own_units = editor_unit_ids(user)
    # A plan being drafted gets its way to adoption as a checklist (its organisation's members).
    drafting = Plan.objects.filter(organization__in=organizations, status=PlanStatus.DRAFT)
    return render(
        request,
        "backoffice/home.html",
        {
            "plans": Plan.objects.visible_in_backoffice(user).with_measure_count(),
            "open_requests": UpdateRequest.objects.open().to_units(own_units).in_drafts(),
            "own_drafts": ProgressReport.objects.drafts_with_measures_of(own_units),
            "creatable": [o for o in organizations if user.has_perm("plans.manage", o)],
            # The people of a Land read the state of the Kreise and Gemeinden below it.
            "lands": [o for o in organizations if user.has_perm("indicators.view_land", o)],
            # Only an organisation the portal shows gets the link to its public page.
            "public_ids": set(
                public_organizations()
                .filter(pk__in=[o.pk for o in organizations])
                .values_list("pk", flat=True)
            ),
            "administered": [o for o in organizations if user.has_perm("organizations.manage", o)],
            "checklists": [
                (plan, plan_steps(plan, user)) for plan in drafting.select_related("organization")
            ],
            # Beside the measures: do the figures the plans want to move move?
            "indicator_targets": targets_of_organizations(organizations),
            "contacts": [
                o for o in organizations if user.has_perm("organizations.manage_contacts", o)
            ],
        },
    )
