"""Reads of the portal's own details."""

from django.conf import settings

from teilhabe.organizations.models import Organization

from .models import PortalProfile


def profile_for(organization) -> PortalProfile:
    """The organisation's portal details; an unsaved empty one until somebody fills them in."""
    return PortalProfile.objects.filter(organization=organization).first() or PortalProfile(
        organization=organization
    )


def site_operator() -> Organization | None:
    """The organisation that runs the installation and owns the site-wide legal pages
    (/impressum/, /datenschutz/, /barrierefreiheit/, /leichte-sprache/), or None.

    It is named by the setting TEILHABE_SITE_OPERATOR (an organisation's slug), not guessed and
    not a flag on the organisation: who runs the server is a fact of the deployment, answerable for
    its Impressum and Datenschutz, not something a coordinator of one of the organisations may
    change in the back office; and a setting cannot be claimed by two organisations at once. When
    it is unset or names no organisation, the pages say so plainly instead of naming one."""
    slug = settings.TEILHABE_SITE_OPERATOR
    if not slug:
        return None
    return Organization.objects.filter(slug=slug).first()
