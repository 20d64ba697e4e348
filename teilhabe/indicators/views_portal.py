"""Public pages of indicators: an organisation's published indicators and each one's page, in
every portal language. Suppressed values are said, never shown as a number."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page
from teilhabe.plans.selectors import public_organization

from . import open_data, overview, selectors
from .models import Indicator
from .progress import RULE


@rule(PUBLIC)
@require_safe
@cached_public_page
def public_indicator_list(request, org_slug):
    """Anyone: the organisation's published indicators."""
    organization = public_organization(org_slug)
    return render(
        request,
        "indicators/portal/indicator_list.html",
        {
            "organization": organization,
            "indicators": Indicator.objects.public().filter(organization=organization),
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def public_indicator_detail(request, org_slug, pk):
    """Anyone: a published indicator with its values, the comparison and the plan's target."""
    organization = public_organization(org_slug)
    indicator = selectors.public_indicator(organization, pk)
    return render(
        request,
        "indicators/portal/indicator_detail.html",
        {
            "organization": organization,
            "indicator": indicator,
            "page": selectors.indicator_page(indicator, public=True),
            "rule_text": RULE,
            "data_formats": open_data.FORMATS,
        },
    )


@rule(PUBLIC)
@require_safe
def land_overview(request):
    """Anyone: the municipalities' published plans, phases, Bilanzen, progress and indicators,
    a hundred to a page and filtered by Landkreis (a Land has over a thousand)."""
    return render(
        request,
        "indicators/portal/land_overview.html",
        overview.page_context(overview.land_overview(), request.GET),
    )


@rule(PUBLIC)
@require_safe
def public_indicator_data(request, org_slug, pk, fmt):
    """Anyone: a published indicator's values as CSV, XLSX or JSON (suppressed ones empty)."""
    if fmt not in open_data.FORMATS:
        raise Http404
    organization = public_organization(org_slug)
    indicator = selectors.public_indicator(organization, pk)
    data = open_data.render(indicator, fmt)
    response = HttpResponse(data.content, content_type=data.content_type)
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{data.filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=15 * 60)
    return response
