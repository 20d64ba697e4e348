"""Back office: an organisation's offices and people (its administrators), and whom requests to
the offices reach (its administrators and coordinators)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.organizations import rules as organization_rules
from teilhabe.organizations import services as org_services
from teilhabe.organizations.models import Membership, Unit
from teilhabe.organizations.selectors import people_by_unit, recipients_by_unit

from .forms import MemberForm, UnitEmailForm, UnitForm, UnitPersonForm


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


@rule("organizations.manage_contacts", load=organization_rules.organization)
def unit_contacts(request, organization):
    """Administrators and coordinators: every office with whom a request reaches (its address
    and its people), and forms to add an address or a person."""
    units = list(Unit.objects.of_organization(organization.pk))
    recipients = recipients_by_unit(units)
    people = people_by_unit(units)
    rows = [
        {
            "unit": unit,
            "recipients": recipients.get(unit.pk, []),
            "people": people.get(unit.pk, []),
            "email_form": UnitEmailForm(initial={"email": unit.email}, prefix=f"unit-{unit.pk}"),
            "person_form": UnitPersonForm(prefix=f"person-{unit.pk}"),
        }
        for unit in units
    ]
    return render(
        request,
        "backoffice/unit_contacts.html",
        {
            "organization": organization,
            "rows": rows,
            "back": request.GET.get("zurueck", ""),
        },
    )


@rule("organizations.manage_contacts", load=organization_rules.unit)
@require_POST
def unit_contacts_edit(request, unit):
    """Administrators and coordinators: set or remove the office's address, add a person to it
    or stop writing to one."""
    organization = unit.organization
    target = reverse("backoffice:unit_contacts", args=[organization.slug]) + f"#amt-{unit.pk}"
    back = request.POST.get("zurueck", "")
    if back.startswith("/verwaltung/"):
        target = target.replace("#", f"?zurueck={back}#", 1)
    if "entfernen" in request.POST:
        try:
            membership = org_services.unit_person_remove(
                unit=unit, membership_id=_int_or_zero(request.POST["entfernen"]), by=request.user
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"{membership.user.email} erhält keine Anfragen an {unit.name} mehr."
            )
        return redirect(target)
    if f"person-{unit.pk}-email" in request.POST:
        form = UnitPersonForm(request.POST, prefix=f"person-{unit.pk}")
        if not form.is_valid():
            messages.error(request, "Bitte eine gültige E-Mail-Adresse der Person angeben.")
            return redirect(target)
        try:
            user, invited = org_services.unit_person_add(
                unit=unit, by=request.user, **form.cleaned_data
            )
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect(target)
        invitation = (
            " Eine Einladung zum Festlegen des Passworts wurde verschickt." if invited else ""
        )
        messages.success(
            request, f"{user.email} erhält jetzt die Anfragen an {unit.name}.{invitation}"
        )
        return redirect(target)
    form = UnitEmailForm(request.POST, prefix=f"unit-{unit.pk}")
    if not form.is_valid():
        messages.error(request, "Bitte eine gültige E-Mail-Adresse des Amts angeben.")
        return redirect(target)
    org_services.unit_email_set(unit=unit, email=form.cleaned_data["email"], by=request.user)
    if unit.email:
        messages.success(request, f"Anfragen an {unit.name} gehen jetzt auch an {unit.email}.")
    else:
        messages.success(request, f"Die E-Mail-Adresse von {unit.name} wurde entfernt.")
    return redirect(target)


def _int_or_zero(value: str) -> int:
    return int(value) if value.isdigit() else 0
