"""Reads of plans that span tables or build what a page shows: the public organisations and
plans behind every portal address (404 for anything unknown or unpublished), and the view models
of the back office's dashboard and report pages."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from teilhabe.organizations.models import Organization, Unit
from teilhabe.organizations.selectors import recipients_by_unit

from .bilanz import charts
from .bilanz.data import Summary, bilanz_data
from .bilanz.render_html import bilanz_context
from .models import (
    Example,
    FieldOfAction,
    Measure,
    Plan,
    ProgressEntry,
    ProgressReport,
    UpdateRequest,
)

# The portal ---------------------------------------------------------------------------------


def public_organizations() -> QuerySet[Organization]:
    """Organisations with a published (adopted or archived) plan, or a draft opened for
    participation: a town starting its plan has a public page from the first event on."""
    return Organization.objects.filter(
        pk__in=Plan.objects.open_for_participation().values("organization_id")
    )


def is_public_organization(organization: Organization) -> bool:
    return public_organizations().filter(pk=organization.pk).exists()


def public_organization(org_slug: str) -> Organization:
    """The organisation behind a portal address; 404 unless it publishes a plan."""
    return get_object_or_404(public_organizations(), slug=org_slug)


def public_plan(org_slug: str, plan_slug: str | None = None, *, drafts: bool = False) -> Plan:
    """The organisation's plan (its current one without a slug); 404 unless it is public.
    `drafts=True` also finds a draft shown as a draft (its own pages: plan, fields, measures);
    everything else of a draft — Bilanzen, data, feeds — stays behind a 404."""
    plans = (Plan.objects.on_portal() if drafts else Plan.objects.public()).select_related(
        "organization"
    )
    plans = plans.filter(organization__slug=org_slug)
    if plan_slug is not None:
        return get_object_or_404(plans, slug=plan_slug)
    plan = plans.current_first().first()
    if plan is None:
        raise Http404
    return plan


def participation_plan(org_slug: str, plan_slug: str) -> Plan:
    """A plan whose public participation the portal shows (adopted, or a draft opened early)."""
    plans = Plan.objects.open_for_participation().select_related("organization")
    return get_object_or_404(plans, organization__slug=org_slug, slug=plan_slug)


def drafting_plans(organization: Organization) -> QuerySet[Plan]:
    """The organisation's drafts opened for participation (its page while it has no plan yet)."""
    return (
        Plan.objects.filter(organization=organization, status="draft")
        .open_for_participation()
        .order_by("-pk")
    )


def public_field(plan: Plan, number: int) -> FieldOfAction:
    return get_object_or_404(FieldOfAction.objects.for_plan(plan), number=number)


def public_measure(plan: Plan, pk: int) -> Measure:
    return get_object_or_404(Measure.objects.for_plan(plan).with_lead(), pk=pk)


def public_report(plan: Plan, report_id: int) -> ProgressReport:
    """A published report of a public plan (drafts do not exist here)."""
    return get_object_or_404(ProgressReport.objects.published(), plan=plan, pk=report_id)


def field_summary(field: FieldOfAction, report: ProgressReport | None) -> Summary | None:
    """The field's counts and progress figure in `report` (one query; None without a report
    or when the report has no entry for the field)."""
    if report is None:
        return None
    row = ProgressEntry.objects.for_report(report).filter(measure__field=field).summary()
    return Summary.from_row(row) if row["n_total"] else None


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
        return ProgressReport.objects.in_force().filter(plan=self.plan).order_by("-as_of")

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
    def status_svg_narrow(self):
        return (
            charts.field_status_svg(self.data, "umsetzungsstand-schmal", narrow=True)
            if self.data
            else ""
        )

    @cached_property
    def status_table(self):
        return charts.field_status_table(self.data) if self.data else ""

    @cached_property
    def report_context(self) -> dict:
        """The context of `reports/bilanz_body.html` for the shown report."""
        return bilanz_context(self.full_data) if self.report else {}


# The back office ------------------------------------------------------------------------------


class DashboardFigures:
    """The dashboard's content, computed only when the cached fragment has to be rendered."""

    def __init__(self, plan: Plan, report: ProgressReport | None):
        self.plan = plan
        self.report = report

    @cached_property
    def data(self):
        return bilanz_data(self.report, with_rows=False) if self.report else None

    @cached_property
    def fields(self):
        return self.plan.fields.annotate(measure_count=Count("measures")).order_by("number")

    @cached_property
    def reports(self):
        return ProgressReport.objects.filter(plan=self.plan).order_by("-as_of")

    @cached_property
    def milestones(self):
        return self.plan.milestones.order_by("position", "due_on")

    @cached_property
    def status_svg(self):
        return charts.field_status_svg(self.data)

    @cached_property
    def status_svg_narrow(self):
        return charts.field_status_svg(self.data, "umsetzungsstand-schmal", narrow=True)

    @cached_property
    def history_svg(self):
        return charts.progress_history_svg(self.data)


HISTORY_ROWS = 50


def measure_history(measure: Measure):
    """Who changed the measure when, newest first."""
    return measure.history.select_related("history_user").order_by("-history_date")[:HISTORY_ROWS]


def progress_history(measure: Measure):
    """Who changed the measure's progress in which report, newest first."""
    return (
        ProgressEntry.history.filter(measure_id=measure.pk)
        .select_related("history_user", "report")
        .order_by("-history_date")[:HISTORY_ROWS]
    )


@dataclass
class ReportPage:
    """A report's entries and examples, grouped by field of action in the plan's order."""

    entries: list[ProgressEntry]
    fields: list[dict]


def report_page(report: ProgressReport, *, units: set[int] | None = None) -> ReportPage:
    """The report's entries by field (only those of measures the offices `units` lead, if
    given), with the examples reported per field."""
    entries = ProgressEntry.objects.for_report(report).in_report_order()
    if units is not None:
        entries = entries.filter(measure__lead_unit_id__in=units)
    entries = list(entries)
    fields = {
        f.pk: {"field": f, "entries": [], "examples": []}
        for f in FieldOfAction.objects.for_plan(report.plan)
    }
    for entry in entries:
        fields[entry.measure.field_id]["entries"].append(entry)
    for example in Example.objects.filter(report=report).order_by("position"):
        fields[example.field_id]["examples"].append(example)
    return ReportPage(entries=entries, fields=list(fields.values()))


# Update requests: who is asked, and which measures no request reaches -----------------------

NO_LEAD = "no_lead"
OTHER_ORGANIZATION = "other_organization"
NO_RECIPIENT = "no_recipient"


@dataclass
class OfficeReach:
    """An office that leads measures of the plan, whom a request reaches, and its request."""

    unit: Unit
    recipients: list[str]
    measures: list[Measure]
    unknown: int
    request: UpdateRequest | None

    @property
    def reachable(self) -> bool:
        return bool(self.recipients)

    @property
    def answered(self) -> bool:
        return bool(self.request and self.request.answered_at)

    @property
    def overdue(self) -> bool:
        request = self.request
        return bool(request and not request.answered_at and request.due_on < timezone.localdate())


@dataclass
class Unreached:
    """A measure no request reaches, and why."""

    measure: Measure
    reason: str  # NO_LEAD, OTHER_ORGANIZATION or NO_RECIPIENT

    @property
    def reason_text(self) -> str:
        if self.reason == NO_LEAD:
            return "Kein federführendes Amt eingetragen."
        if self.reason == OTHER_ORGANIZATION and self.measure.lead_unit_id:
            return (
                f"Federführend ist {self.measure.lead_unit.name}, ein Amt einer anderen "
                "Organisation; es wird nicht per E-Mail angefragt."
            )
        if self.reason == OTHER_ORGANIZATION:
            return (
                f"Federführend ist {self.measure.lead_name} – eine andere Organisation; "
                "sie wird nicht per E-Mail angefragt."
            )
        return (
            f"Für {self.measure.lead_unit.name} ist weder eine E-Mail-Adresse des Amts noch "
            "eine Person hinterlegt."
        )


@dataclass
class RequestReach:
    """Before and after sending: which offices a request reaches and which measures it does not.

    Every measure of the plan is in exactly one place: in the measures of an office in `offices`
    whose `recipients` are not empty, or in `unreached` with its reason."""

    offices: list[OfficeReach]
    unreached: list[Unreached]

    @property
    def reachable_offices(self) -> list[OfficeReach]:
        return [office for office in self.offices if office.reachable]

    @property
    def silent_offices(self) -> list[OfficeReach]:
        """Offices of the organisation nobody can be written to."""
        return [office for office in self.offices if not office.reachable]

    @property
    def to_ask(self) -> list[OfficeReach]:
        """The offices a request sent now goes to: reachable and not answered yet."""
        return [office for office in self.reachable_offices if not office.answered]

    @property
    def measures_to_ask(self) -> int:
        return sum(len(office.measures) for office in self.to_ask)


def request_reach(report: ProgressReport) -> RequestReach:
    """Whom an update request for `report` reaches, measure by measure, in four queries whatever
    the size of the plan (measures, people of the offices, statuses, requests)."""
    plan = report.plan
    measures = list(Measure.objects.for_plan(plan).with_lead().in_plan_order())
    units = {m.lead_unit_id: m.lead_unit for m in measures if m.lead_unit_id}
    own_units = {
        pk: unit for pk, unit in units.items() if unit.organization_id == plan.organization_id
    }
    recipients = recipients_by_unit(own_units.values())
    statuses = dict(ProgressEntry.objects.filter(report=report).values_list("measure_id", "status"))
    requests = {r.unit_id: r for r in UpdateRequest.objects.filter(report=report)}

    offices: dict[int, OfficeReach] = {}
    unreached: list[Unreached] = []
    for measure in measures:
        unit_id = measure.lead_unit_id
        if unit_id is None:
            other = (
                measure.lead_organization_id
                and measure.lead_organization_id != plan.organization_id
            )
            unreached.append(Unreached(measure, OTHER_ORGANIZATION if other else NO_LEAD))
            continue
        if unit_id not in own_units:
            unreached.append(Unreached(measure, OTHER_ORGANIZATION))
            continue
        office = offices.get(unit_id)
        if office is None:
            office = offices[unit_id] = OfficeReach(
                unit=own_units[unit_id],
                recipients=recipients.get(unit_id, []),
                measures=[],
                unknown=0,
                request=requests.get(unit_id),
            )
        office.measures.append(measure)
        if statuses.get(measure.pk, "unknown") == "unknown":
            office.unknown += 1
        if not office.recipients:
            unreached.append(Unreached(measure, NO_RECIPIENT))
    return RequestReach(
        offices=sorted(offices.values(), key=lambda office: office.unit.name),
        unreached=unreached,
    )
