"""The public portal's shell: the site's start page, an organisation's start page (its current
plan), the legal pages and the 404 page. Everybody may read them, with or without an account.
The pages of plans, participation and council live in their apps (`views_portal`).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop
from django.views.decorators.http import require_http_methods, require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page, cached_site_page
from teilhabe.participation.models import ParticipationProcess
from teilhabe.plans.contributions import organization_links
from teilhabe.plans.models import Plan
from teilhabe.plans.selectors import (
    drafting_plans,
    public_organization,
    public_organizations,
)
from teilhabe.plans.views_portal import plan_page

from .forms import FeedbackForm
from .pages import profile_for, site_operator
from .services import feedback_submit


@rule(PUBLIC)
@require_safe
@cached_site_page
def home(request):
    """Anyone: what the platform is and which municipalities publish their plan here."""
    organizations = public_organizations().order_by("name")
    return render(request, "portal/home.html", {"organizations": organizations})


@rule(PUBLIC)
@require_safe
@cached_public_page
def organization_start(request, org_slug):
    """Anyone: the organisation's start page, showing its current plan — or, while its plan is
    being drafted, the draft's public participation."""
    organization = public_organization(org_slug)
    plan = Plan.objects.on_portal().filter(organization=organization).current_first().first()
    if plan is not None:
        return plan_page(request, plan)
    plans = list(drafting_plans(organization))
    return render(
        request,
        "portal/organization_drafting.html",
        {
            "organization": organization,
            "plans": plans,
            "processes": ParticipationProcess.objects.public()
            .filter(plan__in=plans)
            .select_related("plan")
            .order_by("-pk"),
            "links": organization_links(organization),
        },
    )


def _legal_organization(org_slug):
    """The organisation a legal page belongs to: the one in the path, or the site's operator
    (None when no operator is configured)."""
    if org_slug:
        return public_organization(org_slug)
    return site_operator()


# The site-wide legal pages without an operator: their title, and the route of the same page of
# each organisation.
LEGAL_PAGES = {
    "imprint": (_noop("Impressum"), "portal:imprint"),
    "privacy": (_noop("Datenschutzerklärung"), "portal:privacy"),
    "accessibility": (_noop("Erklärung zur Barrierefreiheit"), "portal:accessibility"),
}


def _without_operator(request, page):
    """A site-wide legal page when no operator is configured: it says so and points to the same
    page of every organisation that publishes here, instead of naming an organisation at random."""
    title, route = LEGAL_PAGES[page]
    return render(
        request,
        "portal/legal_without_operator.html",
        {
            "title": _(title),
            "route": route,
            "site_wide": True,
            "organizations": public_organizations().order_by("name"),
        },
    )


def _legal_page(request, org_slug, template, page):
    organization = _legal_organization(org_slug)
    if organization is None:
        return _without_operator(request, page)
    return render(
        request,
        template,
        {
            "organization": organization,
            "site_wide": org_slug is None,
            "profile": profile_for(organization),
        },
    )


@rule(PUBLIC)
@require_safe
def imprint(request, org_slug=None):
    """Anyone: the organisation's Impressum."""
    return _legal_page(request, org_slug, "portal/imprint.html", "imprint")


@rule(PUBLIC)
@require_safe
def privacy(request, org_slug=None):
    """Anyone: the organisation's Datenschutzerklärung."""
    return _legal_page(request, org_slug, "portal/privacy.html", "privacy")


@rule(PUBLIC)
@require_safe
def easy_language(request, org_slug=None):
    """Anyone: what the site offers and how to find one's way, in Leichte Sprache (also without
    an operator: then the page speaks of the site, not of an organisation)."""
    organization = _legal_organization(org_slug)
    plan = None
    if organization is not None:
        plan = Plan.objects.public().of_organization(organization).current_first().first()
    return render(
        request,
        "portal/easy_language.html",
        {
            "organization": organization,
            "site_wide": org_slug is None,
            "profile": profile_for(organization) if organization else None,
            "plan": plan,
        },
    )


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
def accessibility(request, org_slug=None):
    """Anyone: the Erklärung zur Barrierefreiheit and its feedback form (stored and mailed)."""
    organization = _legal_organization(org_slug)
    if organization is None:
        return _without_operator(request, "accessibility")
    form = FeedbackForm(request.POST or None, initial={"page_url": request.GET.get("seite", "")})
    if request.method == "POST" and form.is_valid():
        feedback_submit(organization=organization, **form.cleaned_data)
        messages.success(
            request, _("Vielen Dank! Ihre Rückmeldung ist angekommen. Wir melden uns bei Ihnen.")
        )
        return redirect(request.path)
    profile = profile_for(organization)
    return render(
        request,
        "portal/accessibility.html",
        {
            "organization": organization,
            "site_wide": org_slug is None,
            "profile": profile,
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


def page_not_found(request, exception=None):
    """A 404 in the reader's language, with a way back (the back office keeps its own)."""
    template = "404.html" if request.path.startswith("/verwaltung/") else "portal/404.html"
    return render(request, template, status=404)
