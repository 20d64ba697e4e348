"""Public pages of recommendations: anyone reads the recommendations of a public process, with
the published ideas they came from and the measures they led to."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page

from .. import selectors


@rule(PUBLIC)
@require_safe
@cached_public_page
def portal_recommendation_list(request, org_slug, plan_slug, process_slug):
    """Anyone: the numbered recommendations of a public process, what they came from and what
    became of them."""
    process = selectors.public_process(org_slug, plan_slug, process_slug)
    recommendations, report = selectors.public_recommendations(process)
    return render(
        request,
        "participation/portal/recommendation_list.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "recommendations": recommendations,
            "report": report,
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def portal_recommendation_detail(request, org_slug, plan_slug, process_slug, recommendation_id):
    """Anyone: one recommendation of a public process with the published ideas it came from."""
    process = selectors.public_process(org_slug, plan_slug, process_slug)
    recommendation = selectors.public_recommendation(process, recommendation_id)
    ideas = selectors.published_ideas_of(recommendation)
    return render(
        request,
        "participation/portal/recommendation_detail.html",
        {
            "organization": process.plan.organization,
            "plan": process.plan,
            "process": process,
            "recommendation": recommendation,
            "ideas": ideas,
        },
    )
