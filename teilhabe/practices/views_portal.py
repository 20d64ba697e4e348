"""Public pages of good practice, in the portal at /<organisation>/good-practice/ (namespace
portal): the catalogue of published practices with filters and a search, a practice's page, and
its pictures that have the consent of the people in them. Drafts, contact persons who did not
agree to be published, and pictures without consent do not exist here."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page

from . import selectors
from .models import Area, Picture, State, TargetGroup


def _int(value):
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@rule(PUBLIC)
@require_safe
@cached_public_page
def catalogue(request, org_slug):
    """Anyone: published practices, filtered by field, target group, municipality and area."""
    organization = selectors.catalogue_organization(org_slug)
    filters = {
        "query": request.GET.get("q", "").strip()[:100],
        "field_id": _int(request.GET.get("feld")),
        "target_group": request.GET.get("zielgruppe", "")
        if request.GET.get("zielgruppe") in TargetGroup.values
        else "",
        "municipality": request.GET.get("ort", "").strip()[:120],
        "area": request.GET.get("bereich", "") if request.GET.get("bereich") in Area.values else "",
    }
    return render(
        request,
        "practices/portal/catalogue.html",
        {
            "organization": organization,
            "practices": selectors.public_practices(organization, **filters),
            "filters": filters,
            "choices": selectors.public_choices(organization),
            "areas": Area.choices,
            "target_groups": TargetGroup.choices,
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def practice(request, org_slug, pk):
    """Anyone: a published practice."""
    organization = selectors.catalogue_organization(org_slug)
    found = selectors.public_practice(organization, pk)
    return render(
        request,
        "practices/portal/practice.html",
        {
            "organization": organization,
            "practice": found,
            "fields": [f for f in found.fields.all() if f.plan.status != "draft"],
            "pictures": [p for p in found.pictures.all() if p.consent],
            "target_groups": [g.get_group_display() for g in found.target_groups.all()],
        },
    )


@rule(PUBLIC)
@require_safe
def picture(request, org_slug, pk):
    """Anyone: a picture of a published practice, only with recorded consent."""
    found = get_object_or_404(
        Picture.objects.select_related("practice__organization"),
        pk=pk,
        consent=True,
        practice__state=State.PUBLISHED,
        practice__organization__slug=org_slug,
    )
    if not found.file:
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response
