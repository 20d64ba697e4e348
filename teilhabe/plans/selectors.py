"""Reads of plans that pages of several apps need: the public organisations and plans behind
every portal address (404 for anything unknown or unpublished)."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from teilhabe.organizations.models import Organization

from .models import Plan


def public_organizations() -> QuerySet[Organization]:
    """Organisations with at least one published (adopted or archived) plan."""
    return Organization.objects.filter(pk__in=Plan.objects.public().values("organization_id"))


def public_organization(org_slug: str) -> Organization:
    """The organisation behind a portal address; 404 unless it publishes a plan."""
    return get_object_or_404(public_organizations(), slug=org_slug)


def public_plan(org_slug: str, plan_slug: str | None = None) -> Plan:
    """The organisation's plan (its current one without a slug); 404 unless it is public."""
    plans = Plan.objects.public().select_related("organization").filter(organization__slug=org_slug)
    if plan_slug is not None:
        return get_object_or_404(plans, slug=plan_slug)
    plan = plans.current_first().first()
    if plan is None:
        raise Http404
    return plan
