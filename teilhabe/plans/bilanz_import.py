"""Writing an imported Bilanz document into the database: one plan, its fields and measures, and
one report — in a single transaction, so a failure leaves nothing behind."""

from dataclasses import dataclass, field

from django.db import transaction

from teilhabe.core.errors import PublishedReportError, ServiceError
from teilhabe.documents.bilanz import BilanzDocument

from . import services
from .models import Example, FieldOfAction, Measure, Plan, ProgressEntry, ProgressReport


@dataclass
class ImportResult:
    plan: Plan
    report: ProgressReport
    created_plan: bool = False
    fields_created: int = 0
    measures_created: int = 0
    entries_changed: int = 0
    examples: int = 0
    notes: list[str] = field(default_factory=list)


def _upsert_field(plan, parsed, by, result) -> FieldOfAction:
    values = {
        "title": parsed.title,
        "motto": parsed.motto or "",
        "introduction": parsed.introduction or "",
        "page_range": "-".join(str(page) for page in parsed.page_range)
        if parsed.page_range
        else "",
        "recommendation_count": parsed.recommendation_count,
    }
    existing = FieldOfAction.objects.filter(plan=plan, number=parsed.number).first()
    if existing is None:
        result.fields_created += 1
        return services.field_create(plan=plan, number=parsed.number, by=by, **values)
    changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
    if not changed:
        return existing
    return services.field_update(field=existing, version=existing.version, by=by, **changed)


def _measure_for_row(field_obj, row, by, result, known: dict) -> Measure:
    """Rows are matched to measures by their title within the field."""
    measure = known.get(row.title)
    if measure is None:
        measure = services.measure_create(field=field_obj, title=row.title[:500], by=by)
        known[row.title] = measure
        result.measures_created += 1
    return measure


@transaction.atomic
def bilanz_import(
    *,
    document: BilanzDocument,
    by,
    plan: Plan | None = None,
    organization=None,
    plan_slug: str = "",
) -> ImportResult:
    """Create or update the plan and the report of `document.as_of`.

    A report with that date that is already published is never touched: the import fails.
    """
    created_plan = False
    if plan is None:
        if organization is None:
            raise ServiceError("Für einen neuen Plan muss die Organisation angegeben werden.")
        plan = services.plan_create(
            organization=organization,
            title=(document.subtitle or document.title)[:300],
            slug=plan_slug,
            status="adopted",
            adopted_on=document.as_of,
            by=by,
        )
        created_plan = True
    existing = ProgressReport.objects.filter(plan=plan, as_of=document.as_of).first()
    if existing is not None and existing.status != "draft":
        raise PublishedReportError(existing)

    result = ImportResult(plan=plan, report=existing, created_plan=created_plan)
    fields = {parsed.number: _upsert_field(plan, parsed, by, result) for parsed in document.fields}
    measures_by_field = {
        number: {m.title: m for m in Measure.objects.filter(field=field_obj)}
        for number, field_obj in fields.items()
    }
    rows = [
        (
            _measure_for_row(
                fields[parsed.number], row, by, result, measures_by_field[parsed.number]
            ),
            row,
        )
        for parsed in document.fields
        for row in parsed.goals
    ]

    title = f"{document.title} {document.as_of.year}"
    if existing is None:
        report = services.report_create(
            plan=plan,
            as_of=document.as_of,
            title=title[:300],
            introduction=document.introduction or "",
            outlook=document.outlook or "",
            by=by,
        )
    else:
        report = services.report_update(
            report=existing,
            version=existing.version,
            by=by,
            introduction=document.introduction or "",
            outlook=document.outlook or "",
        )
    result.report = report

    entries = {
        e.measure_id: e
        for e in ProgressEntry.objects.filter(report=report).select_related("report")
    }
    for measure, row in rows:
        entry = entries[measure.pk]
        wanted = (
            row.status.key,
            services.normalized_percent(row.status.key, row.status.percent),
            row.description or "",
            row.status.text or "",
        )
        if (entry.status, entry.percent, entry.description, entry.original_wording) == wanted:
            continue
        # A row repeated in the document updates the same entry again: keep its new version.
        entries[measure.pk] = services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status=row.status.key,
            percent=row.status.percent,
            description=row.description or "",
            original_wording=row.status.text or "",
            by=by,
        )
        result.entries_changed += 1

    # The document's examples replace the report's: re-importing a corrected file converges.
    Example.objects.filter(report=report).delete()
    for parsed in document.fields:
        for example in parsed.examples:
            services.example_add(
                report=report,
                field=fields[parsed.number],
                text=example.text,
                place=example.place or "",
                provider=example.provider or "",
                by=by,
            )
            result.examples += 1
    return result
