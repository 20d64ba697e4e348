"""Writing an imported Bilanz document into the database: one plan, its fields and measures, and
one report — in a single transaction, so a failure leaves nothing behind."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from teilhabe.core.errors import PublishedReportError, ServiceError
from teilhabe.documents.bilanz import BilanzDocument, BilanzField
from teilhabe.documents.blocks import Block
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.measure_cells import parse_period, parse_priority
from teilhabe.documents.progress_table import (
    ProgressField,
    ProgressRow,
    ProgressTable,
    TableMapping,
    row_signatures,
)
from teilhabe.organizations.models import Organization, Unit, User

from .. import services
from ..models import (
    FieldOfAction,
    ImportMapping,
    Measure,
    Plan,
    ProgressEntry,
    ProgressReport,
)


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
            plan=plan,
            as_of=document.as_of,
            title=title[:300],
            introduction=texts["introduction"],
            outlook=texts["outlook"],
            by=by,
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


# --- progress tables of any shape (documents.progress_table) ----------------------------------


def saved_mapping(organization: Organization, blocks: list[Block]) -> TableMapping | None:
    """The mapping the organisation confirmed for a table of this document's shape, if any."""
    signatures = row_signatures(blocks)
    if not signatures:
        return None
    saved = (
        ImportMapping.objects.filter(organization=organization, signature__in=signatures)
        .order_by("-updated_at")
        .first()
    )
    if saved is None:
        return None
    try:
        return TableMapping.from_json_dict(saved.mapping)
    except DocumentError:
        return None


@transaction.atomic
def import_mapping_save(
    *, organization: Organization, mapping: TableMapping, by: User | None
) -> ImportMapping:
    """Keep ``mapping`` for the organisation's next table of the same shape."""
    saved, _ = ImportMapping.objects.update_or_create(
        organization=organization,
        signature=mapping.signature,
        defaults={"mapping": mapping.to_json_dict(), "updated_by": by},
    )
    return saved


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class TableMatch:
    """Rows of the table and measures of the plan, paired by number and then by title."""

    pairs: list[tuple[ProgressRow, Measure]] = field(default_factory=list)
    new_rows: list[tuple[ProgressField, ProgressRow]] = field(default_factory=list)
    unmatched_measures: list[Measure] = field(default_factory=list)


def match_measures(plan: Plan | None, table: ProgressTable) -> TableMatch:
    match = TableMatch()
    measures = (
        list(Measure.objects.filter(field__plan=plan).select_related("field"))
        if plan is not None
        else []
    )
    by_number = {_key(m.number): m for m in measures if m.number}
    by_title = {_key(m.title): m for m in measures}
    used: set[int] = set()
    for progress_field in table.fields:
        for row in progress_field.rows:
            measure = by_number.get(_key(row.number)) if row.number else None
            if measure is None or measure.pk in used:
                measure = by_title.get(_key(row.title))
            if measure is None or measure.pk in used:
                match.new_rows.append((progress_field, row))
            else:
                used.add(measure.pk)
                match.pairs.append((row, measure))
    match.unmatched_measures = [m for m in measures if m.pk not in used]
    return match


@transaction.atomic
def progress_table_import(
    *,
    table: ProgressTable,
    as_of: date,
    by: User | None,
    plan: Plan | None = None,
    organization: Organization | None = None,
    plan_title: str = "",
    plan_slug: str = "",
) -> ImportResult:
    """The next Bilanz of ``plan`` (or of a new plan) from a progress table: measures matched by
    number, then by title; rows without a measure become new measures. All or nothing."""
    created_plan = False
    if plan is None:
        if organization is None:
            raise ServiceError("Für einen neuen Plan muss die Organisation angegeben werden.")
        plan = services.plan_create(
            organization=organization,
            title=(plan_title or table.title or "Integrationsplan")[:300],
            slug=plan_slug,
            status="adopted",
            # The plan's own date is not in a progress table; the report's stands in, as above.
            adopted_on=as_of,
            by=by,
        )
        created_plan = True
    existing = ProgressReport.objects.filter(plan=plan, as_of=as_of).first()
    if existing is not None and existing.status != "draft":
        raise PublishedReportError(existing)
    result = ImportResult(plan=plan, report=existing, created_plan=created_plan)

    match = match_measures(plan, table)
    details = MeasureDetails(Unit.objects.of_organization(plan.organization_id))
    fields = {f.number: f for f in FieldOfAction.objects.filter(plan=plan)}
    new_by_field: dict[int, list[ProgressRow]] = {}
    for progress_field, row in match.new_rows:
        if progress_field.number not in fields:
            fields[progress_field.number] = services.field_create(
                plan=plan, number=progress_field.number, title=progress_field.title[:200], by=by
            )
            result.fields_created += 1
        new_by_field.setdefault(progress_field.number, []).append(row)
    pairs = list(match.pairs)
    for number, rows in new_by_field.items():
        target = fields[number]
        taken = set(target.measures.values_list("number", flat=True))
        numbers = []
        for index, row in enumerate(rows, start=1):
            wanted = row.number or f"{number}.{len(taken) + index}"
            while wanted in taken:
                wanted = f"{wanted}-{index}"
            taken.add(wanted)
            numbers.append(wanted[:20])
        created = services.measures_create_many(
            field=target,
            titles=[row.title or row.number for row in rows],
            numbers=numbers,
            details=[details.of(row) for row in rows],
            by=by,
        )
        result.measures_created += len(created)
        pairs.extend(zip(rows, created, strict=True))

    wanted_rows = {measure.pk: row for row, measure in pairs}
    if existing is None:
        # A new report starts with the document's states: one insert, no update afterwards.
        states = {
            measure_id: _state(row, entry_id=0, version=None)
            for measure_id, row in wanted_rows.items()
        }
        result.report = services.report_create(
            plan=plan,
            as_of=as_of,
            title=(table.title or f"Bilanz {as_of.year}")[:300],
            states=states,
            by=by,
        )
        result.entries_changed = len(states)
        result.notes = _notes(match) + details.notes()
        return result
    report = result.report = existing
    updates = [
        _state(wanted_rows[entry.measure_id], entry_id=entry.pk, version=entry.version)
        for entry in ProgressEntry.objects.filter(report=report, measure_id__in=wanted_rows)
    ]
    result.entries_changed = services.progress_update_many(report=report, updates=updates, by=by)
    result.notes = _notes(match) + details.notes()
    return result


def _state(row: ProgressRow, *, entry_id: int, version: int | None) -> services.ProgressUpdate:
    return services.ProgressUpdate(
        entry_id=entry_id,
        version=version,
        status=row.status.key.value,
        percent=services.normalized_percent(row.status.key.value, row.status.percent),
        description=row.description,
        original_wording=row.status.text,
    )


def _notes(match: TableMatch) -> list[str]:
    if not match.unmatched_measures:
        return []
    return [f"{len(match.unmatched_measures)} Maßnahmen des Plans stehen nicht im Dokument."]


class MeasureDetails:
    """What a table says about a new measure besides its title: the lead office (when the cell
    names one of the organisation's offices), the period and the priority. What cannot be read
    is left empty and counted, so the import can say what the coordinator still has to enter;
    measures that already exist keep what the coordinator entered."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = {_key(unit.name): unit for unit in units}
        self.unknown_leads: dict[str, int] = {}
        self.unread: dict[str, set[str]] = {"Zeitraum": set(), "Priorität": set()}

    def of(self, row: ProgressRow) -> dict:
        values: dict[str, Any] = {}
        if row.lead.strip():
            unit = self._unit(row.lead)
            if unit is None:
                lead = " ".join(row.lead.split())[:80]
                self.unknown_leads[lead] = self.unknown_leads.get(lead, 0) + 1
            else:
                values["lead_unit"] = unit
        period = parse_period(row.period)
        if period.read:
            values.update(
                starts_on=period.starts_on, ends_on=period.ends_on, ongoing=period.ongoing
            )
        elif row.period.strip():
            self.unread["Zeitraum"].add(row.period.strip()[:40])
        priority = parse_priority(row.priority)
        if priority is None:
            self.unread["Priorität"].add(row.priority.strip()[:40])
        else:
            values["priority"] = priority
        return values

    def _unit(self, text: str) -> Unit | None:
        key = _key(text)
        if key in self.units:
            return self.units[key]
        # "Amt für Migration und Flüchtlinge (AMF)": the office's whole name inside the cell.
        found = [unit for name, unit in self.units.items() if name and name in key]
        return found[0] if len(found) == 1 else None

    def notes(self) -> list[str]:
        notes = []
        if self.unknown_leads:
            named = ", ".join(f"„{lead}“" for lead in sorted(self.unknown_leads)[:5])
            more = " …" if len(self.unknown_leads) > 5 else ""
            count = sum(self.unknown_leads.values())
            notes.append(
                f"Bei {count} neuen Maßnahmen nennt die Zuständigkeit kein Amt der Organisation "
                f"({named}{more}); das federführende Amt bitte in der Maßnahme eintragen."
            )
        for column, words in self.unread.items():
            if words:
                named = ", ".join(f"„{word}“" for word in sorted(words)[:5])
                notes.append(f"{column} nicht lesbar und leer gelassen: {named}.")
        return notes
