"""Anyone: open data files, the milestone calendar and the progress badge of a public plan.

Every view finds its plan through `public_plan` and its report through `public_report`, so a
draft plan, a draft report or another plan's report is a 404, like the pages.
"""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.council.selectors import plan_timeline
from teilhabe.plans.models import ProgressReport
from teilhabe.plans.selectors import public_plan, public_report

from . import open_data
from .badge import badge_for, badge_svg, plan_progress
from .feeds import milestone_calendar

DATA_CACHE_SECONDS = 15 * 60
BADGE_CACHE_SECONDS = 60 * 60
CALENDAR_CACHE_SECONDS = 60 * 60


def _data_response(data: open_data.DataFile, fmt: str) -> HttpResponse:
    response = HttpResponse(data.content, content_type=data.content_type)
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{data.filename}"'
    # CSV has no room for metadata: the licence travels with every file as a link header.
    response["Link"] = f'<{data.licence.url}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=DATA_CACHE_SECONDS)
    return response


@rule(PUBLIC)
@require_safe
def plan_data(request, org_slug, plan_slug, fmt):
    """Anyone: every measure of the plan with its latest published state (CSV, XLSX, JSON)."""
    if fmt not in open_data.FORMATS:
        raise Http404
    plan = public_plan(org_slug, plan_slug)
    return _data_response(open_data.data_file(plan, fmt), fmt)


@rule(PUBLIC)
@require_safe
def report_data(request, org_slug, plan_slug, report_id, fmt):
    """Anyone: the measures of a published Bilanz with what it says (CSV, XLSX, JSON)."""
    if fmt not in open_data.FORMATS:
        raise Http404
    plan = public_plan(org_slug, plan_slug)
    report = public_report(plan, report_id)
    return _data_response(open_data.data_file(plan, fmt, report=report), fmt)


@rule(PUBLIC)
@require_safe
def milestones_ics(request, org_slug, plan_slug):
    """Anyone: the plan's milestones as an iCalendar file to subscribe to, with their state
    (done, overdue) and the public papers that fulfil them."""
    plan = public_plan(org_slug, plan_slug)
    entries = plan_timeline(plan, public_only=True)
    response = HttpResponse(
        milestone_calendar(plan, entries), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{plan.slug}-zeitplan.ics"'
    patch_cache_control(response, public=True, max_age=CALENDAR_CACHE_SECONDS)
    return response


@rule(PUBLIC)
@require_safe
def badge(request, org_slug, plan_slug):
    """Anyone: an SVG badge with the plan's progress, for <img> on other websites."""
    plan = public_plan(org_slug, plan_slug)
    report = ProgressReport.objects.latest_for(plan, published_only=True)
    svg = badge_svg(badge_for(plan_progress(plan, report)))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    # Other municipalities' sites embed it; browsers that isolate origins need permission.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    patch_cache_control(response, public=True, max_age=BADGE_CACHE_SECONDS)
    return response
