"""Reads of the portal's own details."""

from .models import PortalProfile


def profile_for(organization) -> PortalProfile:
    """The organisation's portal details; an unsaved empty one until somebody fills them in."""
    return PortalProfile.objects.filter(organization=organization).first() or PortalProfile(
        organization=organization
    )
