"""Public pages of the inventory, in the portal at /<organisation>/angebote/ (namespace portal):
the directory of published offers with filters and search, offer and network pages, the open
data (CSV, XLSX, JSON, Open Referral HSDS) and the providers' personal link.

Anyone reads published offers and networks; drafts, archived entries, other organisations'
entries and everything personal (a provider's contact person, persons in networks) do not exist
here. The personal link is the provider's only key: the page answers 404 for any other token.
"""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page

from . import languages as language_names
from . import opendata, selectors, services
from .forms import ProviderUpdateForm, municipalities_of
from .models import Offer, ReviewState, TargetGroup
from .views_backoffice.pages import int_or_none

OFFERS_PER_PAGE = 30
DATA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _language_filter(code: str) -> str:
    return code if language_names.is_known(code) else ""


@rule(PUBLIC)
@require_safe
@cached_public_page
def directory(request, org_slug):
    """Anyone: the published offers with filters (field, target group, language, municipality)
    and a search."""
    organization = selectors.directory_organization(org_slug)
    filters = {
        "query": request.GET.get("q", "").strip()[:100],
        "field_id": int_or_none(request.GET.get("feld")),
        "target_group": request.GET.get("zielgruppe", "")
        if request.GET.get("zielgruppe") in TargetGroup.values
        else "",
        "language": _language_filter(request.GET.get("sprache", "")),
        "municipality_id": int_or_none(request.GET.get("kommune")),
    }
    offers = selectors.public_offers(organization).filtered(**filters).for_list()
    page = Paginator(offers.order_by("title", "pk"), OFFERS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    query_string = request.GET.copy()
    query_string.pop("seite", None)
    return render(
        request,
        "offers/portal/directory.html",
        {
            "organization": organization,
            "page": page,
            "filters": filters,
            "query_string": query_string.urlencode(),
            "fields": selectors.public_fields(organization),
            "target_groups": TargetGroup.choices,
            "languages": language_names.choices(),
            "municipalities": municipalities_of(organization),
            "network_count": selectors.public_networks(organization).count(),
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def offer_detail(request, org_slug, offer_id):
    """Anyone: a published offer with its places, languages, times, cost and provider."""
    organization = selectors.directory_organization(org_slug)
    offer = selectors.public_offer(organization, offer_id)
    return render(
        request,
        "offers/portal/offer.html",
        {
            "organization": organization,
            "offer": offer,
            "languages": [
                (language_names.name(lang.code), language_names.local_name(lang.code), lang.code)
                for lang in offer.languages.all()
            ],
            **selectors.public_offer_links(offer),
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def network_list(request, org_slug):
    """Anyone: the published networks."""
    organization = selectors.directory_organization(org_slug)
    return render(
        request,
        "offers/portal/network_list.html",
        {"organization": organization, "networks": selectors.public_networks(organization)},
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def network_detail(request, org_slug, network_id):
    """Anyone: a published network; its members that are providers, the others counted."""
    organization = selectors.directory_organization(org_slug)
    network, details = selectors.public_network(organization, network_id)
    return render(
        request,
        "offers/portal/network.html",
        {"organization": organization, "network": network, **details},
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def offers_data(request, org_slug, fmt):
    """Anyone: the published offers as open data (CSV, XLSX, JSON; licence dl-de/by-2-0)."""
    organization = selectors.directory_organization(org_slug)
    if fmt not in DATA_TYPES:
        raise Http404
    content = {"csv": opendata.as_csv, "xlsx": opendata.as_xlsx, "json": opendata.as_json}[fmt](
        organization
    )
    response = HttpResponse(content, content_type=DATA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="angebote-{organization.slug}.{fmt}"'
    return response


@rule(PUBLIC)
@require_safe
@cached_public_page
def offers_hsds(request, org_slug):
    """Anyone: the published offers in the Open Referral HSDS 3.0 (see offers/opendata.py)."""
    organization = selectors.directory_organization(org_slug)
    document = opendata.as_hsds(organization)
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json"
    )


@rule(PUBLIC)
@never_cache
def provider_link(request, org_slug, token):
    """The provider, by its personal link: its offers, each with a form to confirm or update
    it. What it sends waits for the coordinator's review; nothing is public before."""
    provider = selectors.provider_by_token(org_slug, token)
    offers = list(
        provider.offers.exclude(state=ReviewState.ARCHIVED)
        .prefetch_related("languages", "target_groups")
        .order_by("title")
    )
    pending = set(provider.changes.pending().values_list("offer_id", flat=True))
    chosen: Offer | None = None
    form = None
    offer_id = int_or_none(request.GET.get("angebot") or request.POST.get("angebot"))
    if offer_id is not None:
        chosen = next((offer for offer in offers if offer.pk == offer_id), None)
        if chosen is None:
            raise Http404
        initial = services.offer_editable_values(chosen)
        form = ProviderUpdateForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            note = data.pop("note", "")
            change = services.change_submit(
                provider=provider, offer=chosen, proposed=data, note=note
            )
            if change is None:
                messages.success(request, _("Danke! Das Angebot ist als aktuell bestätigt."))
            else:
                messages.success(
                    request,
                    _(
                        "Danke! Ihre Änderungen sind angekommen. Sie erscheinen, sobald die "
                        "Koordination sie geprüft hat."
                    ),
                )
            return redirect(request.path)
    return render(
        request,
        "offers/portal/provider_link.html",
        {
            "organization": provider.organization,
            "provider": provider,
            "offers": offers,
            "pending": pending,
            "chosen": chosen,
            "form": form,
        },
    )
