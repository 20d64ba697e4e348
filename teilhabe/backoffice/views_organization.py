"""Back office: an organisation's offices and people. Only the organisation's administrators."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.organizations import rules as organization_rules
from teilhabe.organizations import services as org_services
from teilhabe.organizations.models import Membership, Unit

from .forms import MemberForm, UnitForm


@rule("organizations.manage", load=organization_rules.organization)
def organization_detail(request, organization):
    """Administrators of the organisation: offices, people and their roles (other members 403,
    everybody else 404)."""
    slug = organization.slug
    posted = request.POST if request.method == "POST" else None
    unit_form = UnitForm(
        posted if posted and "unit-name" in posted else None,
        prefix="unit",
        organization=organization,
    )
    member_form = MemberForm(
        posted if posted and "member-email" in posted else None,
        prefix="member",
        organization=organization,
    )
    if unit_form.is_bound and unit_form.is_valid():
        org_services.unit_create(organization=organization, **unit_form.cleaned_data)
        messages.success(request, f"Das Amt „{unit_form.cleaned_data['name']}“ wurde angelegt.")
        return redirect("backoffice:organization_detail", org_slug=slug)
    if member_form.is_bound and member_form.is_valid():
        data = member_form.cleaned_data
        try:
            user, invited = org_services.member_add(organization=organization, **data)
        except ServiceError as error:
            member_form.add_error(None, error.message)
        else:
            role = Membership(role=data["role"]).get_role_display()
            invitation = (
                " Eine Einladung mit Link zum Festlegen des Passworts wurde verschickt."
                if invited
                else ""
            )
            messages.success(
                request, f"{user.email} ist jetzt Mitglied mit der Rolle „{role}“.{invitation}"
            )
            return redirect("backoffice:organization_detail", org_slug=slug)
    return render(
        request,
        "backoffice/organization_detail.html",
        {
            "organization": organization,
            "units": Unit.objects.of_organization(organization.pk),
            "memberships": Membership.objects.of_organization(organization.pk),
            "unit_form": unit_form,
            "member_form": member_form,
        },
    )


@rule("organizations.manage", load=organization_rules.membership)
@require_POST
def membership_remove(request, membership):
    """Administrators of the organisation; nobody removes their own administration role."""
    slug = membership.organization.slug
    if membership.user_id == request.user.pk:
        messages.error(request, "Sie können sich nicht selbst entfernen.")
        return redirect("backoffice:organization_detail", org_slug=slug)
    try:
        org_services.membership_remove(membership=membership)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{membership.user.email} ist nicht mehr Mitglied.")
    return redirect("backoffice:organization_detail", org_slug=slug)
