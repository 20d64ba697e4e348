"""Reads of the portal's own details."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404

from teilhabe.organizations.models import Organization

from .models import PortalProfile


def profile_for(organization) -> PortalProfile:
    """The organisation's portal details; an unsaved empty one until somebody fills them in."""
    return PortalProfile.objects.filter(organization=organization).first() or PortalProfile(
        organization=organization
    )


def site_operator() -> Organization:
    """The organisation that runs the installation (settings.TEILHABE_OPERATOR, else the first
    organisation without a parent): it owns the site-wide legal pages."""
    organizations = Organization.objects.all()
    if settings.TEILHABE_OPERATOR:
        return get_object_or_404(organizations, slug=settings.TEILHABE_OPERATOR)
    operator = organizations.filter(parent=None).order_by("pk").first()
    if operator is None:
        raise Http404
    return operator
