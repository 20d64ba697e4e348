"""Back office: providers (Träger), their personal links, and what they propose through them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations import rules as organization_rules

from .. import rules, selectors, services
from ..forms import ProviderForm, RejectForm
from ..models import PendingChange
from .pages import confirm_delete, crumbs


@rule("offers.view_internal", load=organization_rules.organization)
def provider_list(request, organization):
    """Members of the organisation: the providers of its inventory."""
    return render(
        request,
        "offers/backoffice/provider_list.html",
        {
            "organization": organization,
            "providers": selectors.providers_of(organization),
            "can_manage": request.user.has_perm("offers.manage", organization),
            "breadcrumbs": crumbs(organization, ("Träger", None)),
        },
    )


@rule("offers.manage", load=organization_rules.organization)
def provider_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = ProviderForm(request.POST or None)
    provider = save_form(
        request,
        form,
        lambda version, **data: services.provider_create(
            organization=organization, by=request.user, **data
        ),
    )
    if provider:
        messages.success(request, f"Der Träger „{provider}“ wurde angelegt.")
        return redirect("offers:provider_detail", pk=provider.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Träger für {organization.name}",
        cancel_url=reverse("offers:provider_list", args=[organization.slug]),
    )


@rule("offers.view_internal", load=rules.provider)
def provider_detail(request, provider):
    """Members of the organisation: a provider and its offers; its contact person only for
    those who keep the inventory."""
    organization = provider.organization
    return render(
        request,
        "offers/backoffice/provider_detail.html",
        {
            "organization": organization,
            "provider": provider,
            "offers": provider.offers.order_by("title"),
            "can_manage": request.user.has_perm("offers.manage", provider),
            "sees_personal": request.user.has_perm("offers.view_personal", provider),
            "interval_days": services.reminder_interval().days,
            "breadcrumbs": crumbs(
                organization,
                ("Träger", reverse("offers:provider_list", args=[organization.slug])),
                (provider.name, None),
            ),
        },
    )


@rule("offers.manage", load=rules.provider)
def provider_edit(request, provider):
    """Admins and coordinators of the organisation."""
    form = ProviderForm(request.POST or None, instance=provider)
    saved = save_form(
        request,
        form,
        lambda version, **data: services.provider_update(
            provider=provider, by=request.user, version=version, **data
        ),
    )
    if saved:
        messages.success(request, "Der Träger wurde gespeichert.")
        return redirect("offers:provider_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Träger bearbeiten: {provider}",
        cancel_url=reverse("offers:provider_detail", args=[provider.pk]),
    )


@rule("offers.manage", load=rules.provider)
def provider_delete(request, provider):
    """Admins and coordinators: a provider without offers."""
    organization = provider.organization
    if request.method == "POST":
        try:
            services.provider_delete(provider=provider, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("offers:provider_detail", pk=provider.pk)
        messages.success(request, f"Der Träger „{provider}“ wurde gelöscht.")
        return redirect("offers:provider_list", org_slug=organization.slug)
    return confirm_delete(
        request,
        heading=f"Träger „{provider}“ löschen?",
        text="Ein Träger mit Angeboten kann nicht gelöscht werden.",
        cancel_url=reverse("offers:provider_detail", args=[provider.pk]),
    )


@rule("offers.manage", load=rules.provider)
@require_POST
def provider_link_send(request, provider):
    """Admins and coordinators: a new personal link for the provider, sent by e-mail."""
    try:
        services.provider_link_send(provider=provider, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"Ein neuer persönlicher Link ging an {provider.contact_email}; "
            "ein früherer Link gilt nicht mehr.",
        )
    return redirect("offers:provider_detail", pk=provider.pk)


@rule("offers.manage", load=organization_rules.organization)
def change_list(request, organization):
    """Admins and coordinators: what providers proposed through their links."""
    changes = (
        PendingChange.objects.of_organization(organization)
        .select_related("offer", "provider", "decided_by")
        .order_by("state", "-submitted_at")[:200]
    )
    return render(
        request,
        "offers/backoffice/change_list.html",
        {
            "organization": organization,
            "changes": changes,
            "breadcrumbs": crumbs(organization, ("Änderungsvorschläge", None)),
        },
    )


@rule("offers.manage", load=rules.change)
def change_detail(request, change):
    """Admins and coordinators: a proposal against what is saved now, to accept or reject."""
    organization = change.offer.organization
    return render(
        request,
        "offers/backoffice/change_detail.html",
        {
            "organization": organization,
            "change": change,
            "diff": services.change_diff(change),
            "outdated": change.offer.version != change.base_version,
            "reject_form": RejectForm(),
            "breadcrumbs": crumbs(
                organization,
                (
                    "Änderungsvorschläge",
                    reverse("offers:change_list", args=[organization.slug]),
                ),
                (change.offer.title, None),
            ),
        },
    )


@rule("offers.manage", load=rules.change)
@require_POST
def change_accept(request, change):
    """Admins and coordinators: the proposal goes live."""
    try:
        services.change_accept(change=change, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("offers:change_detail", pk=change.pk)
    messages.success(request, f"Die Änderungen an „{change.offer}“ sind übernommen.")
    return redirect("offers:change_list", org_slug=change.offer.organization.slug)


@rule("offers.manage", load=rules.change)
@require_POST
def change_reject(request, change):
    """Admins and coordinators: the proposal is not taken over."""
    form = RejectForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.change_reject(change=change, by=request.user, note=note)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("offers:change_detail", pk=change.pk)
    messages.success(request, f"Der Vorschlag zu „{change.offer}“ wurde abgelehnt.")
    return redirect("offers:change_list", org_slug=change.offer.organization.slug)
