"""Reads for the public pages that span apps (plans, reports, organisations)."""

from functools import cached_property

from django.utils import timezone

from teilhabe.plans.models import Plan, ProgressReport
from teilhabe.reports import charts
from teilhabe.reports.data import bilanz_data
from teilhabe.reports.render_html import bilanz_context

from .models import PortalProfile


def profile_for(organization) -> PortalProfile:
    """The organisation's portal details; an unsaved empty one until somebody fills them in."""
    return PortalProfile.objects.filter(organization=organization).first() or PortalProfile(
        organization=organization
    )


class PlanOverview:
    """What a plan's start page and a report page show, computed only when a cached fragment
    has to be rendered (templates cache it under the plan's revision and the language)."""

    def __init__(self, plan: Plan, report: ProgressReport | None = None):
        self.plan = plan
        self._report = report

    @cached_property
    def report(self) -> ProgressReport | None:
        """The report shown: the given one, else the latest published."""
        if self._report is not None:
            return self._report
        return ProgressReport.objects.latest_for(self.plan, published_only=True)

    @cached_property
    def reports(self):
        return ProgressReport.objects.published().filter(plan=self.plan).order_by("-as_of")

    @cached_property
    def data(self):
        # The start page shows the figures only: no rows, no comparison, no history.
        return bilanz_data(self.report, with_rows=False, with_trend=False) if self.report else None

    @cached_property
    def full_data(self):
        return bilanz_data(self.report) if self.report else None

    @cached_property
    def field_summaries(self) -> dict:
        return {item.field.pk: item.summary for item in self.data.fields} if self.data else {}

    @cached_property
    def fields(self) -> list:
        """Every field of the plan with its summary in the shown report (None if not reported)."""
        summaries = self.field_summaries
        return [(field, summaries.get(field.pk)) for field in self.plan.fields.order_by("number")]

    @cached_property
    def next_milestones(self):
        today = timezone.localdate()
        return list(
            self.plan.milestones.filter(done_on__isnull=True)
            .order_by("due_on", "position")
            .filter(due_on__gte=today)[:3]
        )

    @cached_property
    def status_svg(self):
        return charts.field_status_svg(self.data) if self.data else ""

    @cached_property
    def status_table(self):
        return charts.field_status_table(self.data) if self.data else ""

    @cached_property
    def report_context(self) -> dict:
        """The context of `reports/bilanz_body.html` for the shown report."""
        return bilanz_context(self.full_data) if self.report else {}
