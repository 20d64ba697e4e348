"""Reads: named queryset methods. Progress figures are computed in the database so that a page
needs the same number of queries whatever the size of the plan."""

from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from teilhabe.organizations.permissions import (
    MANAGING_ROLES,
    editor_unit_ids,
    member_organization_ids,
    organization_ids_with_role,
)

from .progress import Progress, progress_figure

# How a status enters the progress figure (see the dashboard's explanation):
# done 100, not started 0, in coordination its percent or 0, in progress its percent or 50;
# "not possible" and "unknown" are left out of the mean.
IN_PROGRESS_DEFAULT_PERCENT = 50
STATUS_KEYS = ("done", "in_progress", "in_coordination", "not_started", "not_possible", "unknown")


def effective_percent(prefix: str = ""):
    status, percent = f"{prefix}status", f"{prefix}percent"
    return Case(
        When(**{status: "done"}, then=Value(100)),
        When(**{status: "not_started"}, then=Value(0)),
        When(**{status: "in_coordination"}, then=Coalesce(percent, Value(0))),
        When(**{status: "in_progress"}, then=Coalesce(percent, Value(IN_PROGRESS_DEFAULT_PERCENT))),
        default=None,
        output_field=models.DecimalField(max_digits=5, decimal_places=2),
    )


def progress_aggregates(prefix: str = "", weight: str = "measure__weight") -> dict:
    """Aggregate expressions for counts by status and the weighted progress figure."""
    status = f"{prefix}status"
    counted = ~Q(**{f"{status}__in": ["not_possible", "unknown"]})
    aggregates = {f"n_{key}": Count("pk", filter=Q(**{status: key})) for key in STATUS_KEYS}
    aggregates["n_total"] = Count("pk")
    aggregates["weighted_sum"] = Sum(
        F(weight) * effective_percent(prefix),
        filter=counted,
        output_field=models.DecimalField(max_digits=20, decimal_places=4),
    )
    aggregates["weight_sum"] = Sum(
        weight, filter=counted, output_field=models.DecimalField(max_digits=20, decimal_places=4)
    )
    return aggregates


def progress_of(row: dict) -> float | None:
    """The weighted mean from a row produced by progress_aggregates()."""
    if not row.get("weight_sum"):
        return None
    return round(float(row["weighted_sum"] or 0) / float(row["weight_sum"]), 1)


def figure_of(row: dict) -> Progress:
    """The progress figure (plans.progress: basis, threshold) of a progress_aggregates() row."""
    return progress_figure(
        counts={key: row.get(f"n_{key}") or 0 for key in STATUS_KEYS},
        total=row.get("n_total") or 0,
        mean=progress_of(row),
    )


class PlanQuerySet(models.QuerySet):
    def public(self):
        """Adopted and archived plans: everything about them is public (API, search, data)."""
        return self.exclude(status="draft")

    def on_portal(self):
        """Plans whose pages the portal shows: the public ones and drafts shown as drafts."""
        return self.filter(~Q(status="draft") | Q(draft_visibility="draft"))

    def open_for_participation(self):
        """Plans whose public participation processes the portal shows (and so the
        organisation's page): the public ones and drafts opened for participation."""
        return self.filter(~Q(status="draft") | ~Q(draft_visibility="internal"))

    def current_first(self):
        """The plan in force first (adopted before archived, the newest adoption first)."""
        return self.order_by("status", F("adopted_on").desc(nulls_last=True), "-id")

    def visible_to(self, user):
        if user.is_superuser:
            return self
        return self.filter(
            Q(organization_id__in=member_organization_ids(user)) | ~Q(status="draft")
        )

    def visible_in_backoffice(self, user):
        """The plans of the person's organisations (every plan for a superuser)."""
        if user.is_superuser:
            return self.select_related("organization")
        return self.filter(organization_id__in=member_organization_ids(user)).select_related(
            "organization"
        )

    def with_measure_count(self):
        return self.annotate(measure_count=Count("fields__measures", distinct=True))

    def of_organization(self, organization):
        return self.filter(organization=organization)

    def others_of_organization(self, plan):
        """The other plans of the plan's organisation."""
        return self.filter(organization_id=plan.organization_id).exclude(pk=plan.pk)

    def by_title(self):
        return self.order_by("title")

    def newest_adoption_first(self):
        return self.order_by("-adopted_on")

    def with_slug(self, slug: str):
        """The plan with this slug among these, or None."""
        return self.filter(slug=slug).first()

    def free_slug(self, title: str) -> str:
        """A slug made from `title` that no plan has yet."""
        base = slugify(title)[:80] or "integrationsplan"
        slug, n = base, 2
        while self.model.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class FieldOfActionQuerySet(models.QuerySet):
    def for_plan(self, plan):
        return self.filter(plan=plan).order_by("number")

    def next_number(self, plan) -> int:
        """The number a new field of the plan gets: one after the highest."""
        highest = self.filter(plan=plan).order_by("-number").values_list("number", flat=True)
        return (highest.first() or 0) + 1


class GoalQuerySet(models.QuerySet):
    def of_field(self, field):
        return self.filter(field=field).order_by("position", "id")

    def of_plan(self, plan):
        """Every goal of the plan with its field, in the plan's order."""
        return (
            self.filter(field__plan=plan)
            .select_related("field")
            .order_by("field__number", "position", "id")
        )


class MeasureQuerySet(models.QuerySet):
    def for_plan(self, plan):
        return self.filter(field__plan=plan)

    def of_field(self, field):
        return self.filter(field=field).order_by("position", "id")

    def in_plan_order(self):
        return self.order_by("field__number", "position", "id")

    def matching(self, *, field: str = "", status: str = "", unit: str = "", q: str = ""):
        """The back office's measure filters, as typed in the list's form: field number, status
        in the annotated report (with_entry_of), leading office, and words of the title or the
        exact number. Values that are not what the filter expects are ignored."""
        measures = self
        if field.isdigit():
            measures = measures.filter(field__number=int(field))
        if status in STATUS_KEYS:
            measures = measures.filter(entry_status=status)
        if unit.isdigit():
            measures = measures.filter(lead_unit_id=int(unit))
        if q:
            measures = measures.filter(Q(title__icontains=q) | Q(number__iexact=q))
        return measures

    def with_lead(self):
        return self.select_related("field", "goal", "lead_unit", "lead_organization")

    def led_by_units(self, unit_ids):
        return self.filter(lead_unit_id__in=unit_ids)

    def with_entry_of(self, report):
        """Annotate the measure's status, percent and wording in `report` (None if absent)."""
        if report is None:
            return self.annotate(
                entry_status=Value(None, output_field=models.CharField()),
                entry_percent=Value(None, output_field=models.IntegerField()),
                entry_version=Value(None, output_field=models.IntegerField()),
            )
        # order_by(): the model's default ordering would join four tables to sort one row.
        entry = (
            ProgressEntryQuerySet(model=self.model.entries.rel.related_model)
            .filter(report=report, measure=OuterRef("pk"))
            .order_by()
        )
        return self.annotate(
            entry_status=Subquery(entry.values("status")[:1]),
            entry_percent=Subquery(entry.values("percent")[:1]),
            entry_version=Subquery(entry.values("version")[:1]),
        )


class ProgressReportQuerySet(models.QuerySet):
    def published(self):
        """Every published edition, corrected ones too (each stays reachable as published)."""
        return self.filter(status="published")

    def in_force(self):
        """The published reports that count: a corrected edition gives way to its published
        correction in lists, histories and figures."""
        return self.published().exclude(correction__status="published")

    def drafts_with_measures_of(self, unit_ids):
        """Draft reports with measures the offices `unit_ids` lead, each with how many
        (own_measures), newest first."""
        if not unit_ids:
            return self.none()
        return (
            self.filter(status="draft", entries__measure__lead_unit_id__in=unit_ids)
            .annotate(own_measures=Count("entries"))
            .select_related("plan")
            .order_by("-as_of")
        )

    def public(self):
        """What anybody may open: every published edition of a public plan."""
        return self.published().exclude(plan__status="draft")

    def visible_to(self, user):
        if user.is_superuser:
            return self
        return self.filter(
            Q(plan__organization_id__in=member_organization_ids(user))
            | Q(status="published", plan__status__in=["adopted", "archived"])
        )

    def latest_for(self, plan, *, before=None, published_only=False):
        reports = self.filter(plan=plan)
        if published_only:
            reports = reports.in_force()
        if before is not None:
            reports = reports.filter(as_of__lt=before.as_of)
        return reports.order_by("-as_of", "-id").first()

    def with_progress(self):
        """Each report with its counts by status and progress figure, in one query."""
        return self.annotate(
            **progress_aggregates(prefix="entries__", weight="entries__measure__weight")
        )


class ProgressEntryQuerySet(models.QuerySet):
    def for_report(self, report):
        return self.filter(report=report)

    def of_measure(self, measure):
        """The measure's entries across reports, oldest first."""
        return (
            self.filter(measure=measure)
            .select_related("report", "updated_by")
            .order_by("report__as_of")
        )

    def published(self):
        """Entries of the published reports in force (not of an edition since corrected)."""
        return self.filter(report__status="published").exclude(
            report__correction__status="published"
        )

    def updatable_by(self, user):
        """The entries whose progress `user` may update: the database form of the rule
        plans.update_progress (superusers and the organisation's managers: all; office editors:
        the measures their office leads), for lists that cannot ask the rule row by row."""
        if user.is_superuser:
            return self
        managed = organization_ids_with_role(user, *MANAGING_ROLES)
        return self.filter(
            Q(report__plan__organization_id__in=managed)
            | Q(measure__lead_unit_id__in=editor_unit_ids(user))
        )

    def previous_published(self, entry):
        """The same measure's entry in the newest published report before the entry's report."""
        return (
            self.filter(
                measure_id=entry.measure_id,
                report__status="published",
                report__as_of__lt=entry.report.as_of,
            )
            .select_related("report")
            .order_by("-report__as_of")
            .first()
        )

    def in_report_order(self):
        return self.select_related(
            "report__plan",
            "measure__field",
            "measure__lead_unit",
            "measure__lead_organization",
            "updated_by",
        ).order_by("measure__field__number", "measure__position", "measure_id")

    def summary(self) -> dict:
        row = self.aggregate(**progress_aggregates())
        row["progress"] = progress_of(row)
        row["figure"] = figure_of(row)
        return row

    def summary_by_field(self) -> dict[int, dict]:
        rows = self.values("measure__field").annotate(**progress_aggregates()).order_by()
        result = {}
        for row in rows:
            row["progress"] = progress_of(row)
            result[row["measure__field"]] = row
        return result

    def with_previous(self, previous_report):
        """Annotate each entry with the same measure's status and percent in the previous report."""
        previous = self.model.objects.filter(
            report=previous_report, measure=OuterRef("measure")
        ).order_by()
        return self.annotate(
            previous_status=Subquery(previous.values("status")[:1]),
            previous_percent=Subquery(previous.values("percent")[:1]),
        )

    def changed_since(self, previous_report):
        """Entries whose status or percent differs from the previous report, or that are new."""
        if previous_report is None:
            return self.none()
        no_percent = Value(-1)
        return (
            self.with_previous(previous_report)
            .annotate(
                percent_or_none=Coalesce("percent", no_percent),
                previous_percent_or_none=Coalesce("previous_percent", no_percent),
            )
            .filter(
                Q(previous_status__isnull=True)
                | ~Q(status=F("previous_status"))
                | ~Q(percent_or_none=F("previous_percent_or_none"))
            )
            .select_related("measure", "measure__field")
        )


class UpdateRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(answered_at__isnull=True)

    def of_report(self, report):
        return self.filter(report=report).select_related("unit")

    def to_units(self, unit_ids):
        return self.filter(unit_id__in=unit_ids)

    def in_drafts(self):
        """Requests of reports still being filled in, with report, plan and office."""
        return self.filter(report__status="draft").select_related("report__plan", "unit")

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)
