"""Open data downloads, feeds and the progress badge.

Included at the portal's root before the organisation catch-all, so every path here starts with
the organisation's slug or is site-wide. Slugs cannot contain a dot, so "bilanzen.atom" never
clashes with an organisation.
"""

from django.urls import path
from django.views.decorators.http import require_safe

from . import views_data
from .feeds import OrganizationReportFeed, SiteReportFeed

plan_prefix = "<slug:org_slug>/plan/<slug:plan_slug>/"

urlpatterns = [
    path("bilanzen.atom", require_safe(SiteReportFeed()), name="site_report_feed"),
    path(
        "<slug:org_slug>/bilanzen.atom", require_safe(OrganizationReportFeed()), name="report_feed"
    ),
    path(plan_prefix + "daten.<str:fmt>", views_data.plan_data, name="plan_data"),
    path(
        plan_prefix + "bilanz/<int:report_id>/daten.<str:fmt>",
        views_data.report_data,
        name="report_data",
    ),
    path(plan_prefix + "zeitplan.ics", views_data.milestones_ics, name="milestones_ics"),
    path(plan_prefix + "fortschritt.svg", views_data.badge, name="badge"),
]
