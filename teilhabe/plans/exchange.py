"""The progress table of a plan in and out of the database.

An office exports the plan with its latest report, edits the file and imports it as the next
state. ``teilhabe.documents.spreadsheet`` reads and writes the files; this module compares
their rows with the database (``import_preview``) and writes the changes through the service
functions, all or nothing (``import_apply``).

Conflicts: each row carries its entry's version and the file the id of the report it was
exported from, so the import knows what every row said at the export (from the entry, or from
its history if it was saved since). A row the person edited whose entry now says something
else is a conflict and is never written; a row they left alone keeps the newer state.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.documents.spreadsheet import (
    CONTENT_TYPES,
    ExportMeta,
    ProgressRow,
    normalize_text,
    render,
    status_label,
)
from teilhabe.organizations.models import User

from .models import Measure, Plan, ProgressEntry, ProgressReport, ReportStatus
from .services import ProgressUpdate, normalized_percent, progress_update_many, report_create

# Published reports of adopted plans are open data; drafts are internal and carry no licence.
OPEN_DATA_LICENCE = {
    "id": "dl-de/by-2-0",
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}
WRITABLE = {
    "status": "Umsetzungsstand",
    "percent": "Prozent",
    "description": "Beschreibung",
    "original_wording": "Wortlaut",
}
INFORMATIONAL = {
    "field_number": "Handlungsfeld",
    "field_title": "Handlungsfeld-Titel",
    "measure_number": "Nr.",
    "measure_title": "Maßnahme",
    "lead": "Federführung",
}
EMPTY_STATE = {"status": "unknown", "percent": None, "description": "", "original_wording": ""}


# Export -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


# Reads return plain values: at 10,000 measures, model instances would cost seconds.
_MEASURE_VALUES = (
    "pk",
    "number",
    "title",
    "field__number",
    "field__title",
    "lead_unit__name",
    "lead_organization__name",
)
_ENTRY_VALUES = (
    "id",
    "measure_id",
    "version",
    "status",
    "percent",
    "description",
    "original_wording",
)


def _measures(plan: Plan) -> list[dict]:
    return list(
        Measure.objects.for_plan(plan)
        .order_by("field__number", "position", "id")
        .values(*_MEASURE_VALUES)
    )


def _entries_by_measure(report: ProgressReport | None) -> dict[int, dict]:
    if report is None:
        return {}
    entries = ProgressEntry.objects.filter(report=report).values(*_ENTRY_VALUES)
    return {entry["measure_id"]: entry for entry in entries}


def export_rows(plan: Plan) -> tuple[ProgressReport | None, list[ProgressRow]]:
    """The plan's latest report (None if there is none yet) and one row per measure."""
    report = ProgressReport.objects.latest_for(plan)
    entries = _entries_by_measure(report)
    rows = []
    for measure in _measures(plan):
        entry = entries.get(measure["pk"])
        state = _entry_state(entry)
        rows.append(
            ProgressRow(
                measure_id=measure["pk"],
                version=entry["version"] if entry else None,
                report_id=report.pk if report else None,
                **state,
                **_measure_facts(measure),
            )
        )
    return report, rows


def export_file(plan: Plan, fmt: str) -> ExportFile:
    report, rows = export_rows(plan)
    meta = ExportMeta(
        plan_title=plan.title,
        plan_slug=plan.slug,
        organization=plan.organization.name,
        report_id=report.pk if report else None,
        report_title=report.title if report else "",
        report_as_of=report.as_of if report else None,
        report_status=report.status if report else "",
        exported_at=timezone.localtime(),
        licence=OPEN_DATA_LICENCE if report and report.is_published and plan.is_public else None,
    )
    as_of = f"-{report.as_of:%Y-%m-%d}" if report else ""
    return ExportFile(
        content=render(rows, fmt, meta),
        filename=f"{plan.slug}-umsetzungsstand{as_of}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


def _measure_facts(measure: dict) -> dict[str, str]:
    return {
        "field_number": str(measure["field__number"]),
        "field_title": measure["field__title"],
        "measure_number": measure["number"],
        "measure_title": measure["title"],
        "lead": measure["lead_unit__name"] or measure["lead_organization__name"] or "",
    }


def _entry_state(entry: dict | None) -> dict:
    """What an entry (its values) says, in the form rows are compared in."""
    if entry is None:
        return dict(EMPTY_STATE)
    return {
        "status": entry["status"],
        "percent": normalized_percent(entry["status"], entry["percent"]),
        "description": normalize_text(entry["description"]),
        "original_wording": normalize_text(entry["original_wording"]),
    }


# Preview ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass
class RowPreview:
    line: int
    measure_id: int | None
    measure: str = ""
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_state: dict | None = None
    expected_version: int | None = None

    @property
    def is_ok(self) -> bool:
        return not self.errors and not self.conflicts

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "measure_id": self.measure_id,
            "measure": self.measure,
            "changes": [asdict(change) for change in self.changes],
            "errors": self.errors,
            "conflicts": self.conflicts,
            "warnings": self.warnings,
        }


@dataclass
class Preview:
    """What an import would change, row by row, and what stands in its way."""

    plan: Plan
    latest: ProgressReport | None
    rows: list[RowPreview]
    errors: list[str] = field(default_factory=list)
    unlisted: int = 0

    @property
    def target(self) -> ProgressReport | None:
        """The draft report the import updates; None when it has to create one."""
        if self.latest is not None and self.latest.status == ReportStatus.DRAFT:
            return self.latest
        return None

    @property
    def changed_rows(self) -> list[RowPreview]:
        return [row for row in self.rows if row.changes and row.is_ok]

    @property
    def problem_rows(self) -> list[RowPreview]:
        return [row for row in self.rows if not row.is_ok]

    @property
    def noted_rows(self) -> list[RowPreview]:
        """Rows without problems that change something or carry a warning."""
        return [row for row in self.rows if row.is_ok and (row.changes or row.warnings)]

    @property
    def has_changes(self) -> bool:
        return any(row.changes for row in self.rows)

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.problem_rows

    @property
    def creates_report(self) -> bool:
        return self.has_changes and self.target is None

    def as_dict(self) -> dict:
        return {
            "plan": self.plan.slug,
            "report": _report_dict(self.target),
            "creates_report": self.creates_report,
            "valid": self.is_valid,
            "errors": self.errors,
            "rows_in_file": len(self.rows),
            "rows_changed": len(self.changed_rows),
            "rows_with_problems": len(self.problem_rows),
            "measures_not_in_file": self.unlisted,
            "rows": [
                row.as_dict() for row in self.rows if row.changes or row.warnings or not row.is_ok
            ],
        }


def _report_dict(report: ProgressReport | None) -> dict | None:
    if report is None:
        return None
    return {"id": report.pk, "title": report.title, "as_of": report.as_of.isoformat()}


@dataclass
class _Sources:
    """What an import compares each row with.

    ``current``: the entries the import writes to (the latest report if it is a draft) or
    starts from (a published latest report, copied into a new draft). ``exported``: what
    each measure's entry said when the file was exported, from the report the file names
    and, if the entry was saved since, from its history.
    """

    latest: ProgressReport | None
    current: dict[int, dict]
    exported: dict[int, dict]
    error: str = ""


def _sources(plan: Plan, rows: list[ProgressRow]) -> _Sources:
    latest = ProgressReport.objects.latest_for(plan)
    current = _entries_by_measure(latest)
    source_id = next((row.report_id for row in rows if row.report_id is not None), None)
    if source_id is None or (latest is not None and source_id == latest.pk):
        return _Sources(latest, current, _exported_states(rows, current))
    source = ProgressReport.objects.filter(plan=plan, pk=source_id).first()
    if source is None:
        return _Sources(
            latest,
            current,
            {},
            error=f"Die Datei stammt aus einer Bilanz, die es in diesem Plan nicht (mehr) gibt "
            f"(Bilanz-ID {source_id}). Bitte exportieren Sie die Tabelle neu und übertragen Sie "
            "Ihre Änderungen.",
        )
    return _Sources(latest, current, _exported_states(rows, _entries_by_measure(source)))


def _exported_states(rows: list[ProgressRow], source: dict[int, dict]) -> dict[int, dict]:
    """Each row's entry as it was exported; a measure whose state is unknown is left out."""
    states: dict[int, dict] = {}
    wanted: dict[tuple[int, int], int] = {}
    for row in rows:
        if row.measure_id is None:
            continue
        entry = source.get(row.measure_id)
        if row.version is None:
            # The export had no entry for the measure and wrote the defaults.
            states[row.measure_id] = dict(EMPTY_STATE)
        elif entry is not None and entry["version"] == row.version:
            states[row.measure_id] = _entry_state(entry)
        elif entry is not None:
            wanted[(entry["id"], row.version)] = row.measure_id
    if wanted:
        records = (
            ProgressEntry.history.filter(
                id__in={pk for pk, _ in wanted}, version__in={version for _, version in wanted}
            )
            .order_by("history_date", "history_id")
            .values(*_ENTRY_VALUES)
        )
        for record in records:
            measure_id = wanted.get((record["id"], record["version"]))
            if measure_id is not None:
                states[measure_id] = _entry_state(record)
    return states


def import_preview(*, plan: Plan, rows: list[ProgressRow], user) -> Preview:
    """Compare the rows with the database; writes nothing.

    ``user`` is the person importing; their permissions limit which rows they may change.
    None means the system itself (a command run without ``--by``): no limits.
    """
    sources = _sources(plan, rows)
    measures = {measure["pk"]: measure for measure in _measures(plan)}
    previews = [_row_preview(row, measures.get(row.measure_id), sources) for row in rows]
    if user is not None:
        _check_permissions(plan, previews, user)
    listed = {row.measure_id for row in rows}
    return Preview(
        plan=plan,
        latest=sources.latest,
        rows=previews,
        errors=[sources.error] if sources.error else [],
        unlisted=sum(1 for pk in measures if pk not in listed),
    )


def _row_preview(row: ProgressRow, measure: dict | None, sources: _Sources) -> RowPreview:
    preview = RowPreview(line=row.line, measure_id=row.measure_id, errors=list(row.errors))
    if row.measure_id is None:
        return preview
    if measure is None:
        preview.errors.append(
            f"Maßnahmen-ID: Eine Maßnahme {row.measure_id} gibt es in diesem Plan nicht."
        )
        return preview
    preview.measure = f"{measure['number']} {measure['title']}"
    preview.warnings.extend(_informational_warnings(row, measure))
    if row.errors:
        return preview
    current = sources.current.get(row.measure_id)
    if current is None and sources.latest is not None and not sources.latest.is_published:
        preview.errors.append("Für diese Maßnahme gibt es in der Bilanz keinen Eintrag.")
        return preview
    old = _entry_state(current)
    new = _row_state(row, old)
    preview.warnings.extend(_percent_warning(row, new))
    if new == old:
        return preview
    exported = sources.exported.get(row.measure_id)
    if exported is not None and not _edited(row, new, exported):
        preview.warnings.append(
            "Dieser Eintrag wurde nach Ihrem Export geändert. Sie haben die Zeile nicht "
            "bearbeitet, deshalb bleibt der neuere Stand erhalten."
        )
        return preview
    preview.changes = [
        Change(WRITABLE[name], _shown(name, old[name]), _shown(name, new[name]))
        for name in WRITABLE
        if old[name] != new[name]
    ]
    preview.new_state = new
    preview.expected_version = current["version"] if current else None
    if not sources.error and exported != old:
        preview.conflicts.append(_conflict_message(old, sources.latest))
    return preview


def _check_permissions(plan: Plan, previews: list[RowPreview], user) -> None:
    """An office editor may change only the rows of measures their office leads."""
    changed = [preview for preview in previews if preview.changes]
    measures = (
        Measure.objects.for_plan(plan)
        .select_related("field__plan", "lead_unit", "lead_organization")
        .in_bulk([preview.measure_id for preview in changed])
    )
    for preview in changed:
        measure = measures[preview.measure_id]
        if not user.has_perm("plans.update_progress", measure):
            lead = f" (federführend: {measure.lead_name})" if measure.lead_name else ""
            preview.errors.append(
                f"Sie dürfen den Umsetzungsstand dieser Maßnahme nicht ändern{lead}."
            )


def _row_state(row: ProgressRow, old: dict) -> dict:
    return {
        "status": row.status,
        "percent": normalized_percent(row.status, row.percent),
        "description": row.description,
        "original_wording": old["original_wording"]
        if row.original_wording is None
        else row.original_wording,
    }


def _edited(row: ProgressRow, new: dict, exported: dict) -> bool:
    """Whether the person changed the row (a file without the Wortlaut column keeps it)."""
    names = [n for n in WRITABLE if n != "original_wording" or row.original_wording is not None]
    return any(new[name] != exported[name] for name in names)


def _shown(name: str, value) -> str:
    if name == "status":
        return status_label(value)
    if name == "percent":
        return "–" if value is None else f"{value} %"
    return value or "–"


def _informational_warnings(row: ProgressRow, measure: dict) -> list[str]:
    facts = _measure_facts(measure)
    differing = [
        label
        for name, label in INFORMATIONAL.items()
        if getattr(row, name) and getattr(row, name) != normalize_text(facts[name])
    ]
    if not differing:
        return []
    return [
        (
            f"Die Spalte{'n' if len(differing) > 1 else ''} {', '.join(differing)} "
            f"weich{'en' if len(differing) > 1 else 't'} vom Plan ab. Das wird nicht übernommen: "
            "Die Tabelle ändert nur den Umsetzungsstand; Titel, Nummern und Federführung ändern "
            "Sie bei der Maßnahme selbst."
        )
    ]


def _percent_warning(row: ProgressRow, new: dict) -> list[str]:
    if row.percent is None or row.percent == new["percent"]:
        return []
    rule = "gilt 100 %" if new["percent"] == 100 else "gilt 0 %"
    if new["percent"] is None:
        rule = "wird kein Prozentwert gespeichert"
    return [
        (
            f"Bei „{status_label(row.status)}“ {rule}; der Prozentwert {row.percent} aus der Datei "
            "wird nicht übernommen."
        )
    ]


def _conflict_message(now: dict, latest: ProgressReport | None) -> str:
    shown = f"„{status_label(now['status'])}“" + (
        f", {now['percent']} %" if now["percent"] is not None else ""
    )
    where = f"In der Bilanz „{latest.title}“ steht" if latest is not None else "Es steht"
    return (
        f"Konflikt: Jemand hat diesen Eintrag nach Ihrem Export geändert. {where} jetzt "
        f"{shown}. Damit nichts verloren geht, wird Ihre Änderung nicht übernommen. Bitte "
        "exportieren Sie neu und tragen Sie Ihre Änderung dort ein."
    )


# Apply ------------------------------------------------------------------------------------------


class ImportRejected(ServiceError):
    """The file has errors or conflicts; nothing was written. ``preview`` says where."""

    def __init__(self, preview: Preview):
        problems = len(preview.problem_rows)
        detail = f"{problems} Zeile{'n' if problems != 1 else ''} mit Fehlern oder Konflikten"
        if preview.errors:
            detail = preview.errors[0]
        super().__init__(f"Es wurde nichts gespeichert: {detail}")
        self.preview = preview


@dataclass(frozen=True)
class ImportResult:
    report: ProgressReport | None
    changed: int
    created_report: bool
    preview: Preview


def check_as_of(latest: ProgressReport | None, as_of: dt.date | None) -> None:
    """The as-of date of a report the import creates must follow the latest report's."""
    if as_of is None:
        reason = (
            "Die neueste Bilanz ist veröffentlicht und bleibt unverändert"
            if latest is not None
            else "Für diesen Plan gibt es noch keine Bilanz"
        )
        raise ServiceError(
            f"{reason}; der Import legt deshalb eine neue Bilanz an. Bitte geben Sie deren "
            "Stand (Datum) an."
        )
    if latest is not None and as_of <= latest.as_of:
        raise ServiceError(
            f"Der Stand der neuen Bilanz muss nach dem {latest.as_of:%d.%m.%Y} liegen, dem "
            f"Stand der Bilanz „{latest.title}“."
        )


@transaction.atomic
def import_apply(
    *, plan: Plan, rows: list[ProgressRow], by: User | None, as_of: dt.date | None = None
) -> ImportResult:
    """Write the changes of the rows, all or nothing; the rows are checked again here.

    Updates the latest report if it is a draft; if it is published (or there is none), the
    changes go into a new draft report with the given ``as_of`` date. A file without changes
    writes nothing at all.
    """
    preview = import_preview(plan=plan, rows=rows, user=by)
    if not preview.is_valid:
        raise ImportRejected(preview)
    changed = preview.changed_rows
    if not changed:
        return ImportResult(preview.latest, changed=0, created_report=False, preview=preview)
    report = preview.target
    if report is None:
        check_as_of(preview.latest, as_of)
        report = report_create(plan=plan, as_of=as_of, title=f"Bilanz {as_of:%d.%m.%Y}", by=by)
    elif as_of is not None:
        raise ServiceError(
            f"Die neueste Bilanz „{report.title}“ ist ein Entwurf; der Import aktualisiert sie. "
            "Einen Stand geben Sie nur an, wenn eine neue Bilanz entsteht."
        )
    entries = {
        entry.measure_id: entry
        for entry in ProgressEntry.objects.filter(report=report).only("measure_id", "version")
    }
    updates = [
        ProgressUpdate(
            entry_id=entries[row.measure_id].pk,
            version=row.expected_version if preview.target else entries[row.measure_id].version,
            **row.new_state,
        )
        for row in changed
    ]
    try:
        progress_update_many(report=report, updates=updates, by=by)
    except ConflictError as error:
        row = next(r for r in changed if entries[r.measure_id].pk == error.current.pk)
        raise ServiceError(
            f"Zeile {row.line}: Die Maßnahme {row.measure} wurde eben von einer anderen "
            "Person geändert. Es wurde nichts gespeichert; bitte laden Sie die Datei "
            "erneut hoch und prüfen Sie die Vorschau."
        ) from error
    return ImportResult(
        report, changed=len(changed), created_report=preview.target is None, preview=preview
    )
