"""Back office: networks (Runder Tisch, Arbeitskreis, Gremium), their members and meetings."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations import rules as organization_rules

from .. import rules, selectors, services
from ..forms import MeetingForm, MemberForm, NetworkForm
from .pages import confirm_delete, crumbs


def _network_crumbs(organization, *more):
    return crumbs(
        organization,
        ("Netzwerke", reverse("offers:network_list", args=[organization.slug])),
        *more,
    )


@rule("offers.view_internal", load=organization_rules.organization)
def network_list(request, organization):
    """Members of the organisation: the networks of its inventory."""
    return render(
        request,
        "offers/backoffice/network_list.html",
        {
            "organization": organization,
            "networks": selectors.networks_of(organization),
            "can_manage": request.user.has_perm("offers.manage", organization),
            "breadcrumbs": crumbs(organization, ("Netzwerke", None)),
        },
    )


@rule("offers.manage", load=organization_rules.organization)
def network_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = NetworkForm(request.POST or None, organization=organization)
    network = save_form(
        request,
        form,
        lambda version, **data: services.network_create(
            organization=organization, by=request.user, **data
        ),
    )
    if network:
        messages.success(request, f"Das Netzwerk „{network}“ wurde angelegt.")
        return redirect("offers:network_detail", pk=network.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neues Netzwerk für {organization.name}",
        cancel_url=reverse("offers:network_list", args=[organization.slug]),
    )


@rule("offers.view_internal", load=rules.network)
def network_detail(request, network):
    """Members of the organisation: a network, its members (persons' names only for those who
    keep the inventory) and meetings."""
    organization = network.organization
    return render(
        request,
        "offers/backoffice/network_detail.html",
        {
            "organization": organization,
            "network": network,
            **selectors.network_page(network),
            "can_manage": request.user.has_perm("offers.manage", network),
            "sees_personal": request.user.has_perm("offers.view_personal", network),
            "breadcrumbs": _network_crumbs(organization, (network.name, None)),
        },
    )


@rule("offers.manage", load=rules.network)
def network_edit(request, network):
    """Admins and coordinators of the organisation."""
    form = NetworkForm(request.POST or None, instance=network, organization=network.organization)
    saved = save_form(
        request,
        form,
        lambda version, **data: services.network_update(
            network=network, by=request.user, version=version, **data
        ),
    )
    if saved:
        messages.success(request, "Das Netzwerk wurde gespeichert.")
        return redirect("offers:network_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Netzwerk bearbeiten: {network}",
        cancel_url=reverse("offers:network_detail", args=[network.pk]),
    )


@rule("offers.manage", load=rules.network)
def network_delete(request, network):
    """Admins and coordinators of the organisation."""
    organization = network.organization
    if request.method == "POST":
        services.network_delete(network=network, by=request.user)
        messages.success(request, f"Das Netzwerk „{network}“ wurde gelöscht.")
        return redirect("offers:network_list", org_slug=organization.slug)
    return confirm_delete(
        request,
        heading=f"Netzwerk „{network}“ löschen?",
        text="Mitglieder und Treffen werden mitgelöscht.",
        cancel_url=reverse("offers:network_detail", args=[network.pk]),
    )


@rule("offers.manage", load=rules.network)
def member_add(request, network):
    """Admins and coordinators of the organisation."""
    form = MemberForm(request.POST or None, organization=network.organization)
    member = save_form(
        request,
        form,
        lambda version, **data: services.member_add(network=network, by=request.user, **data),
    )
    if member:
        messages.success(request, f"„{member}“ ist als Mitglied eingetragen.")
        return redirect("offers:network_detail", pk=network.pk)
    return render_form_page(
        request,
        form,
        heading=f"Mitglied von „{network}“",
        cancel_url=reverse("offers:network_detail", args=[network.pk]),
        intro="Ein Träger aus der Bestandsaufnahme oder eine Person bzw. Stelle mit Namen. "
        "Namen von Personen erscheinen nicht im Portal.",
    )


@rule("offers.manage", load=rules.member)
@require_POST
def member_remove(request, member):
    """Admins and coordinators of the organisation."""
    network_id = member.network_id
    services.member_remove(member=member, by=request.user)
    messages.success(request, "Das Mitglied wurde entfernt.")
    return redirect("offers:network_detail", pk=network_id)


@rule("offers.manage", load=rules.network)
def meeting_add(request, network):
    """Admins and coordinators of the organisation."""
    form = MeetingForm(request.POST or None)
    meeting = save_form(
        request,
        form,
        lambda version, **data: services.meeting_add(network=network, by=request.user, **data),
    )
    if meeting:
        messages.success(request, "Das Treffen wurde eingetragen.")
        return redirect("offers:network_detail", pk=network.pk)
    return render_form_page(
        request,
        form,
        heading=f"Treffen von „{network}“",
        cancel_url=reverse("offers:network_detail", args=[network.pk]),
    )


@rule("offers.manage", load=rules.meeting)
@require_POST
def meeting_delete(request, meeting):
    """Admins and coordinators of the organisation."""
    network_id = meeting.network_id
    services.meeting_delete(meeting=meeting, by=request.user)
    messages.success(request, "Das Treffen wurde gelöscht.")
    return redirect("offers:network_detail", pk=network_id)
