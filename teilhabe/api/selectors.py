"""Reads for the API that span apps: what the public may see, and what a key holder may update.

Public means published: organisations with an adopted or archived plan, the content of such
plans, and only published reports (Bilanzen) with their entries. A measure's progress is its
entry in the latest published report of its plan, never in a draft.
"""

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery, Sum
from django.shortcuts import get_object_or_404

from teilhabe.indicators.models import Indicator, Observation
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import (
    FieldOfAction,
    Goal,
    Measure,
    Milestone,
    Plan,
    ProgressEntry,
    ProgressReport,
    ReportStatus,
)
from teilhabe.plans.selectors import public_organizations as portal_organizations
from teilhabe.plans.translations import text_in_language


def public_plans():
    return Plan.objects.public()


def public_organizations():
    return Organization.objects.filter(pk__in=public_plans().values("organization_id"))


def public_indicators():
    """Indicators an organisation shows on its portal: the same as the portal's pages show
    (a town drafting its plan in public shows its figures from the start)."""
    return Indicator.objects.public().filter(organization__in=portal_organizations())


def public_observations(indicator: Indicator):
    """Every value of the indicator; a suppressed one has no number in the database at all."""
    return Observation.objects.filter(indicator=indicator).order_by(
        "ags", "year", "dimension", "group"
    )


def public_fields():
    return FieldOfAction.objects.exclude(plan__status="draft")


def public_goals():
    return Goal.objects.exclude(field__plan__status="draft")


def public_measures():
    return Measure.objects.exclude(field__plan__status="draft")


def public_milestones():
    return Milestone.objects.exclude(plan__status="draft")


def public_reports():
    return ProgressReport.objects.public()


def public_entries(report: ProgressReport):
    """The entries of a report that public_reports() contains."""
    return ProgressEntry.objects.filter(report=report)


def latest_published_report(plan_id):
    """The id of the plan's latest published report, as a subquery; `plan_id` may be an
    OuterRef. Ordered as ProgressReport.objects.latest_for(plan, published_only=True)."""
    return (
        ProgressReport.objects.filter(plan_id=plan_id, status=ReportStatus.PUBLISHED)
        .order_by("-as_of", "-id")
        .values("pk")[:1]
    )


# A measure as the API's list writes it (serializers.MeasureSerializer.to_representation).
MEASURE_COLUMNS = (
    "id", "field", "goal", "number", "title", "description", "partners", "responsibility",
    "priority", "starts_on", "ends_on", "ongoing", "planned_cost", "weight", "position",
    "field__number", "field__plan__slug", "lead_unit", "lead_unit__name", "lead_organization",
    "lead_organization__name",
)  # fmt: skip


def _rows(queryset, columns: tuple[str, ...], texts: tuple[str, ...]):
    """`values(*columns)` with the translated `texts` among them chosen by the database."""
    chosen = {f"chosen_{name}": text_in_language(name) for name in texts}
    plain = [c for c in columns if c not in texts]
    for row in queryset.rewrite(False).annotate(**chosen).values(*plain, *chosen):
        for name in texts:
            row[name] = row.pop(f"chosen_{name}")
        yield row


def measure_rows(measures, ids) -> list[dict]:
    """The measures `ids` out of `measures` as plain rows, in the order of `ids`, each with
    `progress`: its entry in the latest published report of its plan as a row, or None. Texts
    come in the active language with the fallback to German: call it in the response's
    language. Rows, not model instances: a page of 50 built ~300 instances."""
    rows = {
        row["id"]: row
        for row in _rows(measures.filter(pk__in=ids), MEASURE_COLUMNS, ("title", "description"))
    }
    entries = {}
    if rows:
        latest = latest_published_report(OuterRef("report__plan_id"))
        found = ProgressEntry.objects.filter(
            measure_id__in=list(rows), report_id=Subquery(latest)
        ).order_by()
        entries = {
            entry["measure_id"]: entry
            for entry in _rows(
                found,
                ("measure_id", "report_id", "report__as_of", "status", "percent", "description"),
                ("description",),
            )
        }
    for pk, row in rows.items():
        row["progress"] = entries.get(pk)
    return [rows[pk] for pk in ids if pk in rows]


def latest_published_reports(plans=None):
    """The latest published report of each plan (of `plans`, else of all), as a subquery of
    ids: a published report with no later published one of the same plan."""
    reports = ProgressReport.objects.filter(status=ReportStatus.PUBLISHED)
    if plans is not None:
        reports = reports.filter(plan__in=plans)
    later = ProgressReport.objects.filter(
        plan_id=OuterRef("plan_id"), status=ReportStatus.PUBLISHED
    ).filter(Q(as_of__gt=OuterRef("as_of")) | Q(as_of=OuterRef("as_of"), id__gt=OuterRef("id")))
    return reports.filter(~Exists(later)).order_by()


def with_published_status_in(measures, statuses, *, plans=None):
    """Measures whose entry in the latest published report of their plan has one of
    `statuses`. With `plans` (the plans the list is already limited to) the few reports are
    found first and each measure is looked up by index; without, the whole Land is scanned."""
    if plans is not None:
        report_ids = list(latest_published_reports(plans).values_list("pk", flat=True))
        entries = ProgressEntry.objects.filter(
            report_id__in=report_ids, measure=OuterRef("pk"), status__in=statuses
        )
        return measures.filter(Exists(entries))
    entries = ProgressEntry.objects.filter(
        report_id__in=latest_published_reports().values("pk"), status__in=statuses
    ).order_by()
    return measures.filter(pk__in=entries.values("measure_id"))


def with_latest_report(plans):
    """Annotate `latest_report_id`: the plan's latest published report."""
    return plans.annotate(latest_report_id=Subquery(latest_published_report(OuterRef("pk"))))


def public_content_stamp() -> str:
    """Changes whenever the public content may have changed: every service that changes a plan's
    content counts up its revision (see teilhabe.plans.services.touch_plan), a change to the
    plan itself its version; new and deleted plans change the count and the highest id."""
    row = Plan.objects.aggregate(
        n=Count("id"), top=Max("id"), revisions=Sum("revision"), versions=Sum("version")
    )
    return "{n}-{top}-{revisions}-{versions}".format(**row)


# Writes through the API ------------------------------------------------------------------------


def draft_report(plan: Plan) -> ProgressReport | None:
    """The plan's report in progress (there is at most one draft at a time)."""
    return (
        ProgressReport.objects.filter(plan=plan, status=ReportStatus.DRAFT)
        .order_by("-as_of", "-id")
        .first()
    )


def updatable_entries(user, report: ProgressReport):
    """The entries of `report` whose progress `user` may update: the database form of the
    "plans.update_progress" rule (superusers and the organisation's managers: all; office
    editors: the measures their office leads)."""
    return ProgressEntry.objects.for_report(report).updatable_by(user)


def report_of_plan(plan: Plan, pk: int) -> ProgressReport | None:
    return ProgressReport.objects.filter(plan=plan, pk=pk).first()


def public_report(pk: int) -> ProgressReport:
    """A published report of a public plan; 404 for any other."""
    return get_object_or_404(public_reports(), pk=pk)


def entries_by_measure(report: ProgressReport, measure_ids: list[int]) -> dict[int, ProgressEntry]:
    """The report's entries of these measures, by measure id, ready for the update rule."""
    entries = ProgressEntry.objects.filter(report=report, measure_id__in=measure_ids)
    return {
        entry.measure_id: entry
        for entry in entries.select_related("measure__field__plan", "measure__lead_unit")
    }


def entries_in_plan_order(ids: list[int]):
    return (
        ProgressEntry.objects.filter(pk__in=ids)
        .select_related("measure__field")
        .order_by("measure__field__number", "measure__position", "measure_id")
    )
