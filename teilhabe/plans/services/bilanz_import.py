"""Writing an imported Bilanz document into the database: one plan, its fields and measures, and
one report — in a single transaction, so a failure leaves nothing behind."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from teilhabe.core.errors import PublishedReportError, ServiceError
from teilhabe.documents.bilanz import BilanzDocument, BilanzField
from teilhabe.organizations.models import Organization, User

from .. import services
from ..models import FieldOfAction, Measure, Plan, ProgressEntry, ProgressReport


@dataclass
class ImportResult:
    plan: Plan
    report: ProgressReport | None
    created_plan: bool = False
    fields_created: int = 0
    measures_created: int = 0
    entries_changed: int = 0
    examples: int = 0
    notes: list[str] = field(default_factory=list)


def _upsert_field(
    plan: Plan, parsed: BilanzField, by: User | None, result: ImportResult
) -> FieldOfAction:
    values: dict[str, Any] = {
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


@transaction.atomic
def bilanz_import(
    *,
    document: BilanzDocument,
    by: User | None,
    plan: Plan | None = None,
    organization: Organization | None = None,
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
    measures = _measures_for_rows(document, fields, by, result)

    title = f"{document.title} {document.as_of.year}"
    texts = {"introduction": document.introduction or "", "outlook": document.outlook or ""}
    if existing is None:
        report = services.report_create(
            plan=plan, as_of=document.as_of, title=title[:300], by=by, **texts
        )
    elif any(getattr(existing, name) != value for name, value in texts.items()):
        report = services.report_update(report=existing, version=existing.version, by=by, **texts)
    else:
        report = existing
    result.report = report

    # A row repeated in the document describes the same measure again: the last one counts.
    wanted = {
        measures[(parsed.number, row.title)].pk: row
        for parsed in document.fields
        for row in parsed.goals
    }
    updates = []
    for entry in ProgressEntry.objects.filter(report=report, measure_id__in=wanted):
        row = wanted[entry.measure_id]
        state = (
            row.status.key,
            services.normalized_percent(row.status.key, row.status.percent),
            row.description or "",
            row.status.text or "",
        )
        if (entry.status, entry.percent, entry.description, entry.original_wording) != state:
            updates.append(
                services.ProgressUpdate(
                    entry_id=entry.pk,
                    version=entry.version,
                    status=state[0],
                    percent=state[1],
                    description=state[2],
                    original_wording=state[3],
                )
            )
    result.entries_changed = services.progress_update_many(report=report, updates=updates, by=by)

    examples = [
        services.ExampleData(
            field=fields[parsed.number],
            text=example.text,
            place=example.place or "",
            provider=example.provider or "",
        )
        for parsed in document.fields
        for example in parsed.examples
    ]
    services.examples_replace(report=report, examples=examples, by=by)
    result.examples = len(examples)
    return result


def _measures_for_rows(
    document: BilanzDocument,
    fields: dict[int, FieldOfAction],
    by: User | None,
    result: ImportResult,
) -> dict[tuple[int, str], Measure]:
    """The measure of every row, matched by title within its field; missing ones are created."""
    known = (
        {
            (m.field.number, m.title): m
            for m in Measure.objects.filter(
                field__plan=fields[next(iter(fields))].plan_id
            ).select_related("field")
        }
        if fields
        else {}
    )
    for parsed in document.fields:
        missing = list(
            dict.fromkeys(
                row.title for row in parsed.goals if (parsed.number, row.title) not in known
            )
        )
        created = services.measures_create_many(field=fields[parsed.number], titles=missing, by=by)
        result.measures_created += len(created)
        known.update(
            {
                (parsed.number, title): measure
                for title, measure in zip(missing, created, strict=True)
            }
        )
    return known
