"""Reads of good practice: the lists pages are built from, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from teilhabe.funding.models import Application
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Example

from .models import Partner, Practice, PracticeTargetGroup, State


def practices_of(organization, **filters) -> list[Practice]:
    return list(
        Practice.objects.of_organization(organization)
        .filtered(**filters)
        .annotate(adoption_count=Count("adoptions"))
        .order_by("area", "title")
    )


def promotable_examples(organization) -> list[Example]:
    """Bilanz examples of the organisation that are no practice yet."""
    promoted = Practice.objects.filter(source_example=OuterRef("pk"))
    return list(
        Example.objects.filter(field__plan__organization=organization)
        .exclude(Exists(promoted))
        .select_related("field", "report")
        .order_by("report__as_of", "field__number", "pk")
    )


def promotable_grants(organization) -> list[Application]:
    """Closed funded projects (proof of use accepted) that are no practice yet."""
    return list(
        Application.objects.funded()
        .filter(call__fund__organization=organization, proof__status="accepted")
        .exclude(Exists(Practice.objects.filter(grant=OuterRef("pk"))))
        .select_related("call")
        .order_by("-call__year", "title")
    )


def practice_page(practice: Practice) -> Practice:
    return (
        Practice.objects.select_related("organization", "grant__call", "source_example__report")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("position", "pk")),
            "fields__plan",
            "target_groups",
            "pictures",
            "adoptions__organization",
        )
        .get(pk=practice.pk)
    )


# --- Portal ---------------------------------------------------------------------------------


def catalogue_organization(org_slug: str) -> Organization:
    published = Practice.objects.filter(organization=OuterRef("pk"), state=State.PUBLISHED)
    return get_object_or_404(Organization.objects.filter(Exists(published)), slug=org_slug)


def public_practices(organization, **filters) -> list[Practice]:
    return list(
        Practice.objects.of_organization(organization)
        .published()
        .filtered(**filters)
        .prefetch_related(
            Prefetch("target_groups", queryset=PracticeTargetGroup.objects.order_by("group"))
        )
        .order_by("area", "title")
    )


def public_practice(organization, pk: int) -> Practice:
    return get_object_or_404(
        Practice.objects.of_organization(organization)
        .published()
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("position", "pk")),
            "fields__plan",
            "target_groups",
            "pictures",
            "adoptions__organization",
        ),
        pk=pk,
    )


def public_choices(organization) -> dict:
    published = Practice.objects.of_organization(organization).published()
    return {
        "municipalities": sorted(
            {m for m in published.values_list("municipality", flat=True) if m}
        ),
        "fields": list(
            Practice.fields.rel.model.objects.filter(practices__in=published)
            .exclude(plan__status="draft")
            .distinct()
            .order_by("plan", "number")
        ),
    }


def published_for_field(field) -> list[Practice]:
    return list(Practice.objects.published().filter(fields=field).order_by("title"))
