"""Template helpers for the open-data section of the plan and report pages."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from teilhabe.portal import open_data
from teilhabe.portal.badge import badge_for, plan_progress

register = template.Library()


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@register.simple_tag
def data_licence(organization) -> open_data.LicenceInfo:
    """`{% data_licence organization as licence %}`: the licence its open data is under."""
    return open_data.licence_for(organization)


@dataclass(frozen=True)
class BadgeEmbed:
    src: str
    alt: str
    snippet: str


@register.simple_tag
def plan_badge(plan, report=None) -> BadgeEmbed:
    """`{% plan_badge plan overview.report as badge %}`: the badge as shown on the page (its
    alternative text says what it shows now) and the HTML for other websites, whose alternative
    text cannot know later figures and so names what the badge is about."""
    organization = plan.organization
    path = reverse("portal:badge", args=[organization.slug, plan.slug])
    # Plain text with escaped attribute values: the page shows it as code to copy.
    snippet = '<a href="{}"><img src="{}" alt="{}" height="20"></a>'.format(
        escape(_absolute(reverse("portal:plan", args=[organization.slug, plan.slug]))),
        escape(_absolute(path)),
        escape(
            _("Integrationsplan %(organization)s: aktueller Stand der Umsetzung")
            % {"organization": organization.name}
        ),
    )
    badge = badge_for(plan_progress(plan, report))
    return BadgeEmbed(src=path, alt=badge.description, snippet=snippet)
