"""Back office: the offers of an organisation's inventory, their places, and the gap view."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations import rules as organization_rules

from .. import languages as language_names
from .. import rules, selectors, services
from ..forms import OfferForm, PlaceForm, municipalities_of
from ..models import Offer, ReviewState, TargetGroup
from .pages import confirm_delete, crumbs, int_or_none

OFFERS_PER_PAGE = 50


def list_filters(request) -> dict:
    """The list's filters from the query string (the gap view links to them)."""
    return {
        "query": request.GET.get("q", "").strip()[:100],
        "field_id": int_or_none(request.GET.get("feld")),
        "target_group": request.GET.get("zielgruppe", "")
        if request.GET.get("zielgruppe") in TargetGroup.values
        else "",
        "language": request.GET.get("sprache", "")
        if language_names.is_known(request.GET.get("sprache", ""))
        else "",
        "municipality_id": int_or_none(request.GET.get("kommune")),
        "state": request.GET.get("stand", "")
        if request.GET.get("stand") in ReviewState.values
        else "",
        "provider_id": int_or_none(request.GET.get("traeger")),
    }


@rule("offers.view_internal", load=organization_rules.organization)
def offer_list(request, organization):
    """Members of the organisation: its offers with filters; managers also create and import."""
    filters = list_filters(request)
    offers = Offer.objects.of_organization(organization).filtered(**filters).for_list()
    page = Paginator(offers.order_by("title", "pk"), OFFERS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    query_string = request.GET.copy()
    query_string.pop("seite", None)
    return render(
        request,
        "offers/backoffice/offer_list.html",
        {
            "organization": organization,
            "page": page,
            "filters": filters,
            "query_string": query_string.urlencode(),
            "counts": selectors.inventory_counts(organization),
            "fields": selectors.plan_fields(organization),
            "target_groups": TargetGroup.choices,
            "languages": language_names.choices(),
            "municipalities": municipalities_of(organization),
            "states": ReviewState.choices,
            "can_manage": request.user.has_perm("offers.manage", organization),
            "breadcrumbs": [("Angebote und Netzwerke", None)],
        },
    )


def _offer_data(data: dict) -> dict:
    data.pop("version", None)
    return data


@rule("offers.manage", load=organization_rules.organization)
def offer_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = OfferForm(request.POST or None, organization=organization)
    offer = save_form(
        request,
        form,
        lambda version, **data: services.offer_create(
            organization=organization, by=request.user, **data
        ),
    )
    if offer:
        messages.success(request, f"Das Angebot „{offer}“ wurde angelegt.")
        return redirect("offers:offer_detail", pk=offer.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neues Angebot für {organization.name}",
        cancel_url=reverse("offers:offer_list", args=[organization.slug]),
        intro="Legen Sie den Träger zuerst an, wenn er noch fehlt.",
    )


@rule("offers.view_internal", load=rules.offer)
def offer_detail(request, offer):
    """Members of the organisation: an offer with its places, links and proposed changes."""
    organization = offer.organization
    offer = Offer.objects.for_page().get(pk=offer.pk)
    return render(
        request,
        "offers/backoffice/offer_detail.html",
        {
            "organization": organization,
            "offer": offer,
            "languages": [language_names.name(lang.code) for lang in offer.languages.all()],
            "pending": offer.pending_changes.pending().first(),
            "can_manage": request.user.has_perm("offers.manage", offer),
            "breadcrumbs": crumbs(organization, (offer.title, None)),
        },
    )


@rule("offers.manage", load=rules.offer)
def offer_edit(request, offer):
    """Admins and coordinators of the organisation."""
    form = OfferForm(request.POST or None, instance=offer, organization=offer.organization)
    saved = save_form(
        request,
        form,
        lambda version, **data: services.offer_update(
            offer=offer, by=request.user, version=version, **data
        ),
    )
    if saved:
        messages.success(request, "Das Angebot wurde gespeichert.")
        return redirect("offers:offer_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Angebot bearbeiten: {offer}",
        cancel_url=reverse("offers:offer_detail", args=[offer.pk]),
    )


@rule("offers.manage", load=rules.offer)
def offer_delete(request, offer):
    """Admins and coordinators of the organisation."""
    organization = offer.organization
    if request.method == "POST":
        services.offer_delete(offer=offer, by=request.user)
        messages.success(request, f"Das Angebot „{offer}“ wurde gelöscht.")
        return redirect("offers:offer_list", org_slug=organization.slug)
    return confirm_delete(
        request,
        heading=f"Angebot „{offer}“ löschen?",
        text="Orte und offene Änderungsvorschläge des Trägers werden mitgelöscht. "
        "Ein Angebot, das es nicht mehr gibt, können Sie stattdessen auf „eingestellt“ setzen.",
        cancel_url=reverse("offers:offer_detail", args=[offer.pk]),
    )


@rule("offers.manage", load=rules.offer)
def place_add(request, offer):
    """Admins and coordinators of the organisation."""
    form = PlaceForm(request.POST or None)
    place = save_form(
        request,
        form,
        lambda version, **data: services.place_add(offer=offer, by=request.user, **data),
    )
    if place:
        messages.success(request, f"Der Ort „{place}“ wurde hinzugefügt.")
        return redirect("offers:offer_detail", pk=offer.pk)
    return render_form_page(
        request,
        form,
        heading=f"Ort für „{offer}“",
        cancel_url=reverse("offers:offer_detail", args=[offer.pk]),
    )


@rule("offers.manage", load=rules.place)
@require_POST
def place_delete(request, place):
    """Admins and coordinators of the organisation."""
    offer_id = place.offer_id
    services.place_delete(place=place, by=request.user)
    messages.success(request, f"Der Ort „{place}“ wurde entfernt.")
    return redirect("offers:offer_detail", pk=offer_id)


@rule("offers.view_internal", load=organization_rules.organization)
def gap_view(request, organization):
    """Members of the organisation: where no offer exists, by field × target group (for a
    language and municipality) and by language × municipality."""
    language = request.GET.get("sprache", "")
    if not language_names.is_known(language):
        language = ""
    municipality_id = int_or_none(request.GET.get("kommune"))
    include_drafts = request.GET.get("entwuerfe") == "1"
    return render(
        request,
        "offers/backoffice/gap_view.html",
        {
            "organization": organization,
            "gaps": selectors.gap_view(
                organization,
                language=language,
                municipality_id=municipality_id,
                include_drafts=include_drafts,
            ),
            "language": language,
            "municipality_id": municipality_id,
            "include_drafts": include_drafts,
            "breadcrumbs": crumbs(organization, ("Lücken", None)),
        },
    )
