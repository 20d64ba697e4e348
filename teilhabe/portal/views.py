"""Public pages: everybody may read them, with or without an account.

Only published content appears: plans that are adopted or archived (never drafts), and progress
from published reports only — a draft Bilanz the offices are filling in stays in the back office.
Every lookup goes through `public_plan` or the public querysets, so an unknown or unpublished
organisation, plan, field, measure or report is a 404 in the reader's language.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.page_cache import cached_public_page
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import FieldOfAction, Measure, Plan, ProgressEntry, ProgressReport
from teilhabe.plans.selectors import public_organization, public_organizations, public_plan
from teilhabe.reports import views as report_views

from .forms import FeedbackForm
from .pages import PlanOverview, profile_for
from .services import feedback_submit


@require_GET
def home(request):
    """Anyone: what the platform is and which municipalities publish their plan here."""
    organizations = public_organizations().order_by("name")
    return render(request, "portal/home.html", {"organizations": organizations})


@require_GET
@cached_public_page
def organization_start(request, org_slug):
    """Anyone: the organisation's start page, showing its current plan."""
    organization = public_organization(org_slug)
    plan = public_plan(org_slug)
    return _plan_page(request, organization, plan)


@require_GET
@cached_public_page
def plan_start(request, org_slug, plan_slug):
    """Anyone: the start page of one of the organisation's published plans."""
    plan = public_plan(org_slug, plan_slug)
    return _plan_page(request, plan.organization, plan)


def _plan_page(request, organization, plan):
    other_plans = Plan.objects.public().filter(organization=organization).exclude(pk=plan.pk)
    return render(
        request,
        "portal/plan.html",
        {
            "organization": organization,
            "plan": plan,
            "overview": PlanOverview(plan),
            "other_plans": other_plans.order_by("-adopted_on"),
        },
    )


@require_GET
@cached_public_page
def field_detail(request, org_slug, plan_slug, number):
    """Anyone: a field of action with its goals and measures and their published status."""
    plan = public_plan(org_slug, plan_slug)
    field = get_object_or_404(FieldOfAction.objects.for_plan(plan), number=number)
    report = ProgressReport.objects.latest_for(plan, published_only=True)
    measures = (
        Measure.objects.filter(field=field).with_lead().with_entry_of(report).order_by("position")
    )
    return render(
        request,
        "portal/field.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "field": field,
            "goals": field.goals.order_by("position", "id"),
            "measures": measures,
            "report": report,
        },
    )


@require_GET
@cached_public_page
def measure_detail(request, org_slug, plan_slug, pk):
    """Anyone: a measure, who is responsible, and its timeline across published reports."""
    plan = public_plan(org_slug, plan_slug)
    measure = get_object_or_404(Measure.objects.for_plan(plan).with_lead(), pk=pk)
    entries = (
        ProgressEntry.objects.filter(measure=measure, report__status="published")
        .select_related("report")
        .order_by("report__as_of")
    )
    return render(
        request,
        "portal/measure.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "field": measure.field,
            "measure": measure,
            "entries": entries,
            "latest": entries[len(entries) - 1] if entries else None,
        },
    )


def _public_report(plan, report_id) -> ProgressReport:
    return get_object_or_404(ProgressReport.objects.published(), plan=plan, pk=report_id)


@require_GET
@cached_public_page
def report_detail(request, org_slug, plan_slug, report_id):
    """Anyone: a published Bilanz as a page, with its downloads."""
    plan = public_plan(org_slug, plan_slug)
    report = _public_report(plan, report_id)
    return render(
        request,
        "portal/report.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "report": report,
            "overview": PlanOverview(plan, report=report),
        },
    )


@require_GET
def report_download(request, org_slug, plan_slug, report_id, fmt):
    """Anyone: the published Bilanz as PDF, DOCX or HTML, exactly as it was published."""
    plan = public_plan(org_slug, plan_slug)
    report = _public_report(plan, report_id)
    return report_views.bilanz_download(request, report_id=report.pk, fmt=fmt)


@require_GET
@cached_public_page
def milestones(request, org_slug, plan_slug):
    """Anyone: the plan's milestones as a timeline, overdue ones flagged in words, with the
    public council papers that fulfil them (non-public papers never appear)."""
    from teilhabe.plans.milestones import overdue_count, timeline

    plan = public_plan(org_slug, plan_slug)
    entries = timeline(plan, public_only=True)
    for entry in entries:
        entry.paper_links = [(paper, _public_paper_url(paper)) for paper in entry.papers]
    return render(
        request,
        "portal/milestones.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "entries": entries,
            "overdue_count": overdue_count(entries),
        },
    )


def _public_paper_url(paper) -> str | None:
    """The public page of a paper; None while the council pages are not installed."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(
            "portal:paper_detail",
            kwargs={"org_slug": paper.organization.slug, "paper_id": paper.pk},
        )
    except NoReverseMatch:
        return None


def _legal_organization(org_slug):
    """The organisation a legal page belongs to: the one in the path, or the platform's operator."""
    if org_slug:
        return public_organization(org_slug)
    organizations = Organization.objects.all()
    if settings.TEILHABE_OPERATOR:
        return get_object_or_404(organizations, slug=settings.TEILHABE_OPERATOR)
    operator = organizations.filter(parent=None).order_by("pk").first()
    if operator is None:
        raise Http404
    return operator


def _legal_page(request, org_slug, template):
    organization = _legal_organization(org_slug)
    return render(
        request,
        template,
        {
            "organization": organization,
            "site_wide": org_slug is None,
            "profile": profile_for(organization),
        },
    )


@require_GET
def imprint(request, org_slug=None):
    """Anyone: the organisation's Impressum."""
    return _legal_page(request, org_slug, "portal/imprint.html")


@require_GET
def privacy(request, org_slug=None):
    """Anyone: the organisation's Datenschutzerklärung."""
    return _legal_page(request, org_slug, "portal/privacy.html")


@require_GET
def easy_language(request, org_slug=None):
    """Anyone: what the site offers and how to find one's way, in Leichte Sprache."""
    organization = _legal_organization(org_slug)
    return render(
        request,
        "portal/easy_language.html",
        {
            "organization": organization,
            "site_wide": org_slug is None,
            "profile": profile_for(organization),
            "plan": Plan.objects.public().filter(organization=organization).current_first().first(),
        },
    )


@require_http_methods(["GET", "POST"])
def accessibility(request, org_slug=None):
    """Anyone: the Erklärung zur Barrierefreiheit and its feedback form (stored and mailed)."""
    organization = _legal_organization(org_slug)
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
