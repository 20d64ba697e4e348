"""A published Bilanz is frozen on every surface.

The stored PDF, DOCX and HTML never change. The report's web page, its open data, the API and
the feeds are built from the plan's tables, so a measure renamed or a field reordered after
publication would change them — unless they read what was true at publication. `take()` copies,
when a report is published, every text and number those surfaces show of the plan, its fields,
goals and measures (in every language) onto the report (`snapshot`) and its entries (`frozen`,
`frozen_position`); `apply_*()` lays the copy over objects loaded from the live tables, in
memory, so every renderer keeps working on model instances and shows the published state.
Drafts have no snapshot and show the plan as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from .models import FieldOfAction, Goal, ProgressEntry, ProgressReport

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MEASURE_TEXTS = ("title", "description")
FIELD_TEXTS = ("title", "motto", "introduction")
REPORT_TEXTS = ("title", "introduction", "outlook")
MEASURE_FACTS = (
    "number",
    "position",
    "field_id",
    "goal_id",
    "partners",
    "responsibility",
    "priority",
)


def _texts(obj: Any, names: Iterable[str]) -> dict[str, str]:
    return {
        column: getattr(obj, column) or ""
        for name in names
        for column in (build_localized_fieldname(name, language) for language in LANGUAGES)
    }


def _overlay(obj: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "field_id" and obj.field_id != value:
            continue  # a measure moved to another field later: it stays with its field object
        setattr(obj, name, value)


def take(report: ProgressReport) -> None:
    """Write the snapshot of a report being published (inside its transaction)."""
    plan = report.plan
    fields = {
        str(field.pk): {"number": field.number, **_texts(field, FIELD_TEXTS)}
        for field in FieldOfAction.objects.filter(plan=plan)
    }
    goals = {
        str(goal.pk): _texts(goal, ("title",)) for goal in Goal.objects.filter(field__plan=plan)
    }
    ProgressReport.objects.filter(pk=report.pk).update(
        snapshot={
            "report": _texts(report, REPORT_TEXTS),
            "plan": _texts(plan, ("title",)),
            "organization": plan.organization.name,
            "fields": fields,
            "goals": goals,
        }
    )
    entries = list(
        ProgressEntry.objects.filter(report=report)
        .select_related("measure__lead_unit", "measure__lead_organization", "measure__field")
        .order_by("measure__field__number", "measure__position", "measure_id")
    )
    for position, entry in enumerate(entries, start=1):
        measure = entry.measure
        entry.frozen = {
            **{name: getattr(measure, name) for name in MEASURE_FACTS},
            **_texts(measure, MEASURE_TEXTS),
            "lead": (
                measure.lead_unit.name
                if measure.lead_unit_id
                else measure.lead_organization.name
                if measure.lead_organization_id
                else ""
            ),
        }
        entry.frozen_position = position
    ProgressEntry.objects.bulk_update(entries, ["frozen", "frozen_position"], batch_size=500)


def frozen(report: ProgressReport | None) -> bool:
    return bool(report is not None and report.is_published and report.snapshot)


def apply_to_report(report: ProgressReport) -> ProgressReport:
    """The report's own texts (title, introduction, outlook in every language) as published:
    their translations stay editable, the published report does not change with them."""
    if frozen(report):
        _overlay(report, report.snapshot.get("report", {}))
    return report


def apply_to_plan(report: ProgressReport, plan: Any) -> Any:
    """The plan's title as published, for a page about this report only."""
    if frozen(report):
        _overlay(plan, report.snapshot.get("plan", {}))
    return plan


def plan_title(report: ProgressReport, column: str) -> str | None:
    """The plan's title in one language column as it was at publication."""
    if not frozen(report):
        return None
    return report.snapshot.get("plan", {}).get(column)


def apply_to_fields(report: ProgressReport, fields: Iterable[FieldOfAction]) -> list[FieldOfAction]:
    """The fields with their published numbers and texts, in the published order; fields added
    after publication keep their own and come last."""
    fields = list(fields)
    if not frozen(report):
        return fields
    known = report.snapshot.get("fields", {})
    for field in fields:
        if str(field.pk) in known:
            _overlay(field, known[str(field.pk)])
    return sorted(fields, key=lambda f: (str(f.pk) not in known, f.number, f.pk))


def apply_to_entries(report: ProgressReport, entries: Iterable[ProgressEntry]) -> list:
    """The entries' measures (and their fields, where loaded with them) as published."""
    entries = list(entries)
    if not frozen(report):
        return entries
    known = report.snapshot.get("fields", {})
    for entry in entries:
        if not entry.frozen:
            continue
        measure = entry.measure
        _overlay(measure, {k: v for k, v in entry.frozen.items() if k != "lead"})
        field = measure._state.fields_cache.get("field")
        if field is not None and str(field.pk) in known:
            _overlay(field, known[str(field.pk)])
    return entries
