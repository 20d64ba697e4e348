"""The back office's main navigation: the sections a person may use, each shown only when the
rule its page declares lets them in — the navigation asks the pages' own `@rule`s, so it can
never offer a link that ends in 403 or 404.

The sections belong to one organisation and its current plan: the plan or organisation of the
page being shown, else the person's first organisation and its newest plan that is not
archived (drafts count: a town drafting its plan works in it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_urlconf, resolve, reverse

from teilhabe.core.access import access_of
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan, PlanStatus


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url: str


# Route namespaces and names → the section they belong to (for aria-current).
SECTION_OF_ROUTE = {
    "backoffice:home": "home",
    "plans:milestone": "timeline",
    "plans:report": "reports",
    "plans:entry": "reports",
    "plans:bilanz": "reports",
    "plans": "plan",
    "participation": "participation",
    "council": "council",
    "indicators": "indicators",
    "offers": "offers",
    "funding": "funding",
    "practices": "practices",
    "backoffice:organization": "organization",
    "backoffice:membership": "organization",
    "backoffice:profile": "organization",
    "backoffice:feedback": "organization",
    "api_tokens": "api",
    "interpreters": "interpreters",
    "interpreters:survey": "survey",
    "interpreters:own_": "survey",
    "interpreters:directory": "survey",
    "interpreters:entry_detail": "survey",
}


def current_section(view_name: str) -> str:
    """The section of a route name such as "plans:milestone_edit" (longest prefix wins)."""
    matches = [prefix for prefix in SECTION_OF_ROUTE if view_name.startswith(prefix)]
    return SECTION_OF_ROUTE[max(matches, key=len)] if matches else ""


@lru_cache(maxsize=4096)
def _access_at(url: str, urlconf: str):
    # A path's view never changes while the process runs; resolving the dozen section links
    # of every back-office page walked the URL patterns each time (~1 ms a page).
    return access_of(resolve(url, urlconf).func)


def may_open(user, url: str, obj) -> bool:
    """Whether the page at `url` lets `user` in, by the rule it declares, for `obj`."""
    access = _access_at(url, get_urlconf() or settings.ROOT_URLCONF)
    if access is None:
        return False
    if access.loader is not None and not user.has_perm(access.loader.visible, obj):
        return False
    return access.public or user.has_perm(access.rule, obj)


def _context_of(user, plan: Plan | None, organization: Organization | None):
    """(organisation, plan) the sections are about."""
    if plan is not None:
        return plan.organization, plan
    if organization is None:
        organization = Organization.objects.of_member(user).first()
    if organization is None:
        return None, None
    plan = (
        Plan.objects.of_organization(organization)
        .exclude(status=PlanStatus.ARCHIVED)
        .order_by("-pk")
        .first()
    )
    return organization, plan


def sections(user, *, plan: Plan | None = None, organization: Organization | None = None):
    """The sections `user` may use, in the order of the header."""
    organization, plan = _context_of(user, plan, organization)
    candidates = [("home", "Übersicht", reverse("backoffice:home"), None)]
    if plan is not None:
        dashboard = reverse("plans:plan_dashboard", args=[plan.slug])
        candidates += [
            ("plan", "Integrationsplan", dashboard, plan),
            ("reports", "Bilanzen", dashboard + "#bilanzen", plan),
            (
                "participation",
                "Beteiligung",
                reverse("participation:process_list", args=[plan.slug]),
                plan,
            ),
            ("timeline", "Zeitplan", reverse("plans:milestone_list", args=[plan.slug]), plan),
        ]
    if organization is not None:
        candidates += [
            (
                "council",
                "Drucksachen",
                reverse("council:paper_list", args=[organization.slug]),
                organization,
            ),
            (
                "indicators",
                "Kennzahlen",
                reverse("indicators:indicator_list", args=[organization.slug]),
                organization,
            ),
            (
                "interpreters",
                "Sprachmittlung",
                reverse("interpreters:pool_list", args=[organization.slug]),
                organization,
            ),
            (
                "offers",
                "Angebote",
                reverse("offers:offer_list", args=[organization.slug]),
                organization,
            ),
            (
                "funding",
                "Förderung",
                reverse("funding:fund_list", args=[organization.slug]),
                organization,
            ),
            (
                "practices",
                "Gute Beispiele",
                reverse("practices:practice_list", args=[organization.slug]),
                organization,
            ),
            (
                "organization",
                "Organisation",
                reverse("backoffice:organization_detail", args=[organization.slug]),
                organization,
            ),
        ]
    # Every signed-in person may open the survey list (it says when their administration takes
    # part in none), so the link costs no query on every page.
    candidates.append(("survey", "Sprachkompetenzen", reverse("interpreters:survey_list"), None))
    candidates.append(("api", "API-Schlüssel", reverse("api_tokens:list"), None))
    return [
        Section(key, label, url)
        for key, label, url, obj in candidates
        if may_open(user, url.split("#")[0], obj)
    ]
