"""What the search index holds of a plan: its published content as documents, read with a fixed
number of queries for any number of plans.

Only what the public pages show goes in: the plan, its fields, goals and measures, and its
published reports. A measure's status and progress text come from the latest published report;
draft reports are never read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from teilhabe.plans.models import (
    Example,
    FieldOfAction,
    Goal,
    Measure,
    Plan,
    ProgressEntry,
    ProgressReport,
)

from .models import Kind
from .text import GERMAN

Texts = dict[str, str]  # language -> text


@dataclass
class Document:
    kind: str
    object_id: int
    plan_id: int
    organization_id: int
    title: Texts
    parts: list[Texts] = field(default_factory=list)
    field_number: int | None = None
    number: str = ""
    status: str = ""
    lead_unit_id: int | None = None
    lead_organization_id: int | None = None

    def languages(self) -> list[str]:
        """The languages other than German that have text of their own."""
        found = set(self.title)
        for part in self.parts:
            found.update(part)
        return [code for code in AVAILABLE_LANGUAGES if code != GERMAN and code in found]


@cache
def _localized(name: str) -> tuple[tuple[str, str], ...]:
    """(language, column) of a translated field."""
    return tuple((code, build_localized_fieldname(name, code)) for code in AVAILABLE_LANGUAGES)


def _columns(*names: str) -> list[str]:
    """The base column and every language's column of translated fields (raw, not rewritten
    by modeltranslation: data loaded in bulk may have the German text only in the base
    column)."""
    columns = []
    for name in names:
        columns.append(name)
        columns.extend(column for _code, column in _localized(name))
    return columns


def _texts(row: dict, name: str) -> Texts:
    texts = {}
    for code, column in _localized(name):
        value = row.get(column)
        if value and not value.isspace():
            texts[code] = value.strip()
    if GERMAN not in texts:
        base = row.get(name)
        if base and not base.isspace():
            texts[GERMAN] = base.strip()
    return texts


def _plain(value: str | None) -> Texts:
    value = (value or "").strip()
    return {GERMAN: value} if value else {}


def _parts(*texts: Texts) -> list[Texts]:
    """Non-empty parts, each German text once (Bilanz entries often repeat the same wording)."""
    seen, parts = set(), []
    for texts_ in texts:
        german = texts_.get(GERMAN)
        if not texts_ or german in seen:
            continue
        if german:
            seen.add(german)
        parts.append(texts_)
    return parts


def plan_documents(plan_ids: list[int]) -> Iterator[Document]:
    """Documents for the given plans (public ones: the caller checks)."""
    plans = {
        row["id"]: row
        for row in Plan.objects.filter(pk__in=plan_ids)
        .order_by()
        .raw_values("id", "organization_id", *_columns("title", "introduction"))
    }
    reports = list(
        # A corrected edition leaves the index when its correction is published.
        ProgressReport.objects.in_force()
        .filter(plan_id__in=plans)
        .order_by("plan_id", "-as_of", "-id")
        .raw_values("id", "plan_id", *_columns("title", "introduction", "outlook"))
    )
    latest_report = {}
    for report in reports:
        latest_report.setdefault(report["plan_id"], report["id"])
    entries_by_report = defaultdict(list)
    for entry in (
        ProgressEntry.objects.filter(report_id__in=[r["id"] for r in reports])
        .order_by("report_id", "id")
        .raw_values(
            "report_id", "measure_id", "status", "original_wording", *_columns("description")
        )
    ):
        entries_by_report[entry["report_id"]].append(entry)
    latest_entry = {
        entry["measure_id"]: entry
        for report_id in latest_report.values()
        for entry in entries_by_report[report_id]
    }
    examples_by_report = defaultdict(list)
    for example in (
        Example.objects.filter(report_id__in=[r["id"] for r in reports])
        .order_by("report_id", "position", "id")
        .raw_values("report_id", "place", "provider", *_columns("text"))
    ):
        examples_by_report[example["report_id"]].append(example)

    for plan in plans.values():
        yield Document(
            kind=Kind.PLAN,
            object_id=plan["id"],
            plan_id=plan["id"],
            organization_id=plan["organization_id"],
            title=_texts(plan, "title"),
            parts=_parts(_texts(plan, "introduction")),
        )

    fields = {}
    for row in (
        FieldOfAction.objects.filter(plan_id__in=plans)
        .order_by()
        .raw_values("id", "plan_id", "number", *_columns("title", "motto", "introduction"))
    ):
        fields[row["id"]] = row
        yield Document(
            kind=Kind.FIELD,
            object_id=row["id"],
            plan_id=row["plan_id"],
            organization_id=plans[row["plan_id"]]["organization_id"],
            title=_texts(row, "title"),
            parts=_parts(_texts(row, "motto"), _texts(row, "introduction")),
            field_number=row["number"],
            number=str(row["number"]),
        )

    for row in (
        Goal.objects.filter(field__plan_id__in=plans)
        .order_by()
        .raw_values("id", "field_id", *_columns("title", "description"))
    ):
        field_row = fields[row["field_id"]]
        yield Document(
            kind=Kind.GOAL,
            object_id=row["id"],
            plan_id=field_row["plan_id"],
            organization_id=plans[field_row["plan_id"]]["organization_id"],
            title=_texts(row, "title"),
            parts=_parts(_texts(row, "description")),
            field_number=field_row["number"],
        )

    for row in (
        Measure.objects.filter(field__plan_id__in=plans)
        .order_by()
        .raw_values(
            "id",
            "field_id",
            "number",
            "partners",
            "lead_unit_id",
            "lead_organization_id",
            *_columns("title", "description"),
        )
    ):
        field_row = fields[row["field_id"]]
        entry = latest_entry.get(row["id"])
        yield Document(
            kind=Kind.MEASURE,
            object_id=row["id"],
            plan_id=field_row["plan_id"],
            organization_id=plans[field_row["plan_id"]]["organization_id"],
            title=_texts(row, "title"),
            parts=_parts(
                _texts(row, "description"),
                _plain(row["partners"]),
                _texts(entry, "description") if entry else {},
                _plain(entry["original_wording"]) if entry else {},
            ),
            field_number=field_row["number"],
            number=row["number"],
            status=entry["status"] if entry else "",
            lead_unit_id=row["lead_unit_id"],
            lead_organization_id=row["lead_organization_id"],
        )

    for report in reports:
        texts = [_texts(report, "introduction"), _texts(report, "outlook")]
        for entry in entries_by_report[report["id"]]:
            texts.append(_texts(entry, "description"))
            texts.append(_plain(entry["original_wording"]))
        for example in examples_by_report[report["id"]]:
            texts.append(_texts(example, "text"))
            texts.append(_plain(" · ".join(filter(None, [example["place"], example["provider"]]))))
        yield Document(
            kind=Kind.REPORT,
            object_id=report["id"],
            plan_id=report["plan_id"],
            organization_id=plans[report["plan_id"]]["organization_id"],
            title=_texts(report, "title"),
            parts=_parts(*texts),
        )
