"""Writes for plans, fields, goals, measures and progress reports.

Views, the API, importers and commands all call these functions; each runs in one transaction.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.db import models, transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from teilhabe.core import generations
from teilhabe.core.errors import ConflictError, PublishedReportError, ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import Organization, User

from .. import events, snapshot
from ..models import (
    Example,
    FieldOfAction,
    Goal,
    Measure,
    Milestone,
    Plan,
    ProgressEntry,
    ProgressReport,
    ProgressStatus,
    ReportStatus,
)

PLAN_FIELDS = {
    "title",
    "slug",
    "status",
    "introduction",
    "adopted_on",
    "council_reference",
    "period_start",
    "period_end",
    "predecessor",
    "draft_visibility",
}
FIELD_FIELDS = {"number", "title", "motto", "introduction", "page_range", "recommendation_count"}
GOAL_FIELDS = {"title", "description", "position"}
MEASURE_FIELDS = {
    "goal",
    "number",
    "title",
    "description",
    "lead_unit",
    "lead_organization",
    "partners",
    "responsibility",
    "priority",
    "starts_on",
    "ends_on",
    "ongoing",
    "planned_cost",
    "weight",
    "position",
}
REPORT_FIELDS = {"title", "as_of", "introduction", "outlook"}

_M = TypeVar("_M", bound=models.Model)


def touch_plan(plan_id: int, *, public: bool = True) -> None:
    """Mark the plan's content as changed: cached pages of the plan are keyed on its revision,
    the public pages of its organisation on the organisation's cache generation.

    `public=False` for changes only members see (a draft Bilanz): offices fill in drafts all day,
    and the public pages must not lose their cache for that."""
    Plan.objects.filter(pk=plan_id).update(revision=F("revision") + 1)
    if not public:
        return
    org_slug = Plan.objects.filter(pk=plan_id).values_list("organization__slug", flat=True).first()
    if org_slug:
        scope = generations.organization_scope(org_slug)
        transaction.on_commit(lambda: generations.bump(scope))


def _only(allowed: set[str], changes: dict[str, object]) -> dict[str, object]:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return changes


def _foreign_keys(instance: models.Model) -> list[str]:
    return [f.name for f in instance._meta.concrete_fields if f.is_relation]


def _validate(instance: models.Model) -> None:
    # Field values are validated here; keys and constraints are the database's job (one query
    # less per key), and forms check uniqueness where a person can correct it.
    instance.full_clean(
        exclude=_foreign_keys(instance), validate_unique=False, validate_constraints=False
    )


def _created(instance: _M, by: User | None) -> _M:
    _validate(instance)
    record_as(instance, by)
    instance.save()
    return instance


# Plans ------------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, organization: Organization, title: str, slug: str, by: User | None, **fields: object
) -> Plan:
    plan = _created(
        Plan(organization=organization, title=title, slug=slug, **_only(PLAN_FIELDS, fields)), by
    )
    touch_plan(plan.pk)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, version: int, by: User | None, **changes: object) -> Plan:
    touch_plan(plan.pk)
    return save_versioned(
        plan, plan.pk, expected_version=version, changes=_only(PLAN_FIELDS, changes), by=by
    )


# Fields of action and goals ---------------------------------------------------------------------


@transaction.atomic
def field_create(
    *, plan: Plan, number: int, title: str, by: User | None, **fields: object
) -> FieldOfAction:
    touch_plan(plan.pk)
    return _created(
        FieldOfAction(plan=plan, number=number, title=title, **_only(FIELD_FIELDS, fields)), by
    )


@transaction.atomic
def field_update(
    *, field: FieldOfAction, version: int, by: User | None, **changes: object
) -> FieldOfAction:
    touch_plan(field.plan_id)
    return save_versioned(
        field, field.pk, expected_version=version, changes=_only(FIELD_FIELDS, changes), by=by
    )


@transaction.atomic
def goal_create(*, field: FieldOfAction, title: str, by: User | None, **fields: object) -> Goal:
    fields.setdefault("position", _next_position(field.goals))
    touch_plan(field.plan_id)
    return _created(Goal(field=field, title=title, **_only(GOAL_FIELDS, fields)), by)


@transaction.atomic
def goal_update(*, goal: Goal, version: int, by: User | None, **changes: object) -> Goal:
    touch_plan(goal.field.plan_id)
    return save_versioned(
        goal, goal.pk, expected_version=version, changes=_only(GOAL_FIELDS, changes), by=by
    )


# Measures ---------------------------------------------------------------------------------------


def _next_position(queryset: QuerySet[models.Model] | models.Manager[models.Model]) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


def next_measure_number(field: FieldOfAction) -> str:
    return f"{field.number}.{field.measures.count() + 1}"


@transaction.atomic
def measure_create(
    *, field: FieldOfAction, title: str, by: User | None, number: str = "", **fields: object
) -> Measure:
    """Create a measure; it enters the plan's draft reports as "keine Angabe"."""
    fields.setdefault("position", _next_position(field.measures))
    measure = _created(
        Measure(
            field=field,
            title=title,
            number=number or next_measure_number(field),
            **_only(MEASURE_FIELDS, fields),
        ),
        by,
    )
    for report in ProgressReport.objects.filter(plan_id=field.plan_id, status=ReportStatus.DRAFT):
        _created(ProgressEntry(report=report, measure=measure, updated_by=by), by)
    touch_plan(field.plan_id)
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, version: int, by: User | None, **changes: object
) -> Measure:
    touch_plan(measure.field.plan_id)
    return save_versioned(
        measure, measure.pk, expected_version=version, changes=_only(MEASURE_FIELDS, changes), by=by
    )


@transaction.atomic
def measure_delete(*, measure: Measure, by: User | None) -> None:
    """Delete a measure that no published Bilanz reports on (those stay part of the record)."""
    if ProgressEntry.objects.filter(
        measure=measure, report__status=ReportStatus.PUBLISHED
    ).exists():
        raise ServiceError(
            "Diese Maßnahme steht in einer veröffentlichten Bilanz und bleibt deshalb erhalten. "
            "Sie können sie umbenennen oder mit dem Gewicht 0 aus dem Fortschritt herausnehmen."
        )
    touch_plan(measure.field.plan_id)
    record_as(measure, by)
    measure.delete()


@transaction.atomic
def measure_move(*, measure: Measure, direction: int, by: User | None) -> None:
    """Swap a measure with its neighbour in the field (direction -1 up, +1 down)."""
    siblings = list(Measure.objects.filter(field_id=measure.field_id).order_by("position", "id"))
    index = next(i for i, m in enumerate(siblings) if m.pk == measure.pk)
    target = index + direction
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            record_as(sibling, by)
            sibling.save(update_fields=["position"])
    touch_plan(measure.field.plan_id)


# Progress reports -------------------------------------------------------------------------------


def _lock_draft(report: ProgressReport) -> ProgressReport:
    """Re-read the report under a row lock and refuse if it is published; the caller is about to
    change it, so the plan's cached pages are out of date."""
    current = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if current.status != ReportStatus.DRAFT:
        raise PublishedReportError(current)
    touch_plan(current.plan_id, public=False)
    return current


@transaction.atomic
def report_create(
    *,
    plan: Plan,
    as_of: dt.date,
    title: str,
    by: User | None,
    introduction: str = "",
    outlook: str = "",
    states: Mapping[int, "ProgressUpdate"] | None = None,
) -> ProgressReport:
    """A new report starts as a copy of the last state: each measure's latest status, percent and
    description. The office's wording belongs to the report it was written for and is not copied.

    ``states`` (by measure id; their entry_id and version are not used) start those measures
    with the given state instead — an import writes its document's states in one insert rather
    than creating entries and updating each of them."""
    if ProgressReport.objects.filter(plan=plan, as_of=as_of).exists():
        raise ServiceError(f"Für diesen Plan gibt es schon eine Bilanz mit Stand {as_of:%d.%m.%Y}.")
    # One draft at a time, after the last published one: offices report into one place, and
    # the sequence of published Bilanzen stays in order.
    draft = ProgressReport.objects.filter(plan=plan, status=ReportStatus.DRAFT).first()
    if draft is not None:
        raise ServiceError(
            f"Es gibt schon eine Bilanz im Entwurf („{draft.title}“). Veröffentlichen oder löschen "
            "Sie diese zuerst."
        )
    published = ProgressReport.objects.latest_for(plan, published_only=True)
    if published is not None and as_of <= published.as_of:
        raise ServiceError(
            f"Der Stand muss nach dem der letzten veröffentlichten Bilanz liegen "
            f"({published.as_of:%d.%m.%Y})."
        )
    previous = ProgressReport.objects.latest_for(plan)
    report = _created(
        ProgressReport(
            plan=plan, as_of=as_of, title=title, introduction=introduction, outlook=outlook
        ),
        by,
    )
    carried = {}
    if previous is not None:
        carried = {
            e.measure_id: e
            for e in ProgressEntry.objects.filter(report=previous).only(
                "measure_id", "status", "percent", "description"
            )
        }
    entries = []
    states = states or {}
    for measure_id in Measure.objects.for_plan(plan).values_list("pk", flat=True):
        if (state := states.get(measure_id)) is not None:
            entries.append(_entry_from(state, report=report, measure_id=measure_id, by=by))
            continue
        last = carried.get(measure_id)
        entries.append(
            ProgressEntry(
                report=report,
                measure_id=measure_id,
                status=last.status if last else ProgressStatus.UNKNOWN,
                percent=last.percent if last else None,
                description=last.description if last else "",
                updated_by=by,
            )
        )
    ProgressEntry.objects.bulk_create(entries, batch_size=1000)
    get_history_manager_for_model(ProgressEntry).bulk_history_create(
        ProgressEntry.objects.filter(report=report),
        default_user=by,
        default_change_reason="Bilanz angelegt",
    )
    touch_plan(plan.pk, public=False)
    return report


def _entry_from(
    state: "ProgressUpdate", *, report: ProgressReport, measure_id: int, by: User | None
) -> ProgressEntry:
    if state.status not in ProgressStatus.values:
        raise ServiceError(f"Unbekannter Umsetzungsstand „{state.status}“.")
    return ProgressEntry(
        report=report,
        measure_id=measure_id,
        status=state.status,
        percent=normalized_percent(state.status, state.percent),
        description=state.description.strip(),
        original_wording=(state.original_wording or "").strip(),
        updated_by=by,
    )


@transaction.atomic
def report_update(
    *, report: ProgressReport, version: int, by: User | None, **changes: object
) -> ProgressReport:
    _lock_draft(report)
    return save_versioned(
        report, report.pk, expected_version=version, changes=_only(REPORT_FIELDS, changes), by=by
    )


@transaction.atomic
def report_publish(*, report: ProgressReport, by: User | None) -> ProgressReport:
    current = _lock_draft(report)
    touch_plan(current.plan_id)
    if ProgressReport.objects.filter(
        plan_id=current.plan_id, status=ReportStatus.PUBLISHED, as_of__gt=current.as_of
    ).exists():
        raise ServiceError("Es gibt schon eine veröffentlichte Bilanz mit späterem Stand.")
    published = save_versioned(
        current,
        current.pk,
        expected_version=None,
        changes={
            "status": ReportStatus.PUBLISHED,
            "published_at": timezone.now(),
            "published_by": by,
        },
        by=by,
        reason="veröffentlicht",
    )
    # Every surface shows the report as it is now, whatever is renamed or reordered later.
    snapshot.take(published)
    published.refresh_from_db(fields=["snapshot"])
    events.report_published.send(sender=ProgressReport, report=published)
    return published


@transaction.atomic
def report_delete(*, report: ProgressReport, by: User | None) -> None:
    current = _lock_draft(report)
    record_as(current, by)
    current.delete()


def normalized_percent(status: str, percent: int | str | None) -> int | None:
    """The percent stored for a status: done is 100, not started 0, no figure without progress."""
    number = None if percent is None or percent == "" else int(percent)
    if number is not None and not 0 <= number <= 100:
        raise ServiceError("Der Prozentwert muss zwischen 0 und 100 liegen.")

    if status == ProgressStatus.DONE:
        return 100
    if status == ProgressStatus.NOT_STARTED:
        return 0
    if status in (ProgressStatus.NOT_POSSIBLE, ProgressStatus.UNKNOWN):
        return None
    return number


@transaction.atomic
def measure_update_progress(
    *,
    entry: ProgressEntry,
    version: int | None,
    status: str,
    percent: int | str | None,
    description: str,
    by: User | None,
    original_wording: str | None = None,
) -> ProgressEntry:
    """Set one measure's status in a draft report; refuses if somebody saved it meanwhile."""
    if status not in ProgressStatus.values:
        raise ServiceError(f"Unbekannter Umsetzungsstand „{status}“.")
    _lock_draft(entry.report)
    changes = {
        "status": status,
        "percent": normalized_percent(status, percent),
        "description": description.strip(),
        "updated_by": by,
    }
    if original_wording is not None:
        changes["original_wording"] = original_wording.strip()
    return save_versioned(entry, entry.pk, expected_version=version, changes=changes, by=by)


@transaction.atomic
def example_add(
    *,
    report: ProgressReport,
    field: FieldOfAction,
    text: str,
    by: User | None,
    place: str = "",
    provider: str = "",
) -> Example:
    _lock_draft(report)
    if field.plan_id != report.plan_id:
        raise ServiceError("Das Handlungsfeld gehört nicht zu diesem Plan.")
    position = _next_position(Example.objects.filter(report=report, field=field))
    return _created(
        Example(
            report=report,
            field=field,
            text=text.strip(),
            place=place,
            provider=provider,
            position=position,
        ),
        by,
    )


@transaction.atomic
def example_delete(*, example: Example, by: User | None) -> None:
    _lock_draft(example.report)
    record_as(example, by)
    example.delete()


# Milestones -------------------------------------------------------------------------------------


@transaction.atomic
def milestone_create(
    *, plan: Plan, kind: str, title: str, by: User | None, **fields: object
) -> Milestone:
    fields.setdefault("position", _next_position(plan.milestones))
    touch_plan(plan.pk)
    return _created(Milestone(plan=plan, kind=kind, title=title, **fields), by)


# Bulk writes for importers ----------------------------------------------------------------------


@transaction.atomic
def measures_create_many(
    *,
    field: FieldOfAction,
    titles: list[str],
    by: User | None,
    numbers: list[str] | None = None,
    details: list[dict] | None = None,
) -> list[Measure]:
    """Create several measures at the end of a field in a few queries (numbers "3.1", "3.2", …,
    or ``numbers`` as a document gives them; ``details`` per measure: further fields such as
    lead_unit, priority, starts_on); like measure_create, each enters the plan's draft reports
    as "keine Angabe"."""
    if not titles:
        return []
    position = _next_position(field.measures)
    count = field.measures.count()
    measures = [
        Measure(
            field=field,
            title=title[:500],
            number=numbers[i] if numbers else f"{field.number}.{count + i + 1}",
            position=position + i,
            **(details[i] if details else {}),
        )
        for i, title in enumerate(titles)
    ]
    for measure in measures:
        _validate(measure)
    # SQLite and PostgreSQL both return the new keys from a bulk insert.
    created = Measure.objects.bulk_create(measures)
    get_history_manager_for_model(Measure).bulk_history_create(created, default_user=by)
    drafts = list(ProgressReport.objects.filter(plan_id=field.plan_id, status=ReportStatus.DRAFT))
    if drafts:
        ProgressEntry.objects.bulk_create(
            [ProgressEntry(report=r, measure=m, updated_by=by) for r in drafts for m in created]
        )
        get_history_manager_for_model(ProgressEntry).bulk_history_create(
            ProgressEntry.objects.filter(report__in=drafts, measure__in=created), default_user=by
        )
    touch_plan(field.plan_id)
    return created


@dataclass(frozen=True)
class ProgressUpdate:
    """One measure's new state for progress_update_many(); version None skips the check."""

    entry_id: int
    version: int | None
    status: str
    percent: int | None
    description: str
    original_wording: str | None = None


@transaction.atomic
def progress_update_many(
    *, report: ProgressReport, updates: list[ProgressUpdate], by: User | None
) -> int:
    """measure_update_progress for many entries of one draft report, in a fixed number of
    queries: the report and the entries are locked once, and every version is checked before
    anything is written. Returns the number of entries changed."""
    if not updates:
        return 0
    _lock_draft(report)
    entries = ProgressEntry.objects.select_for_update().in_bulk([u.entry_id for u in updates])
    stale = [
        entries[u.entry_id]
        for u in updates
        if u.entry_id in entries
        and u.version is not None
        and entries[u.entry_id].version != u.version
    ]
    if stale:
        raise ConflictError(stale[0])
    now = timezone.now()
    changed = []
    for update in updates:
        entry = entries.get(update.entry_id)
        if entry is None or entry.report_id != report.pk:
            raise ServiceError("Ein Eintrag gehört nicht zu dieser Bilanz.")
        if update.status not in ProgressStatus.values:
            raise ServiceError(f"Unbekannter Umsetzungsstand „{update.status}“.")
        entry.status = update.status
        entry.percent = normalized_percent(update.status, update.percent)
        entry.description = update.description.strip()
        if update.original_wording is not None:
            entry.original_wording = update.original_wording.strip()
        entry.updated_by = by
        entry.updated_at = now
        entry.version += 1
        changed.append(entry)
    fields = [
        "status",
        "percent",
        "description",
        "original_wording",
        "updated_by",
        "updated_at",
        "version",
    ]
    ProgressEntry.objects.bulk_update(changed, fields, batch_size=250)
    get_history_manager_for_model(ProgressEntry).bulk_history_create(changed, default_user=by)
    return len(changed)


@dataclass(frozen=True)
class ExampleData:
    field: FieldOfAction
    text: str
    place: str = ""
    provider: str = ""


@transaction.atomic
def examples_replace(
    *, report: ProgressReport, examples: list[ExampleData], by: User | None
) -> None:
    """Set the report's examples to exactly `examples` (an import converges on its document);
    nothing is written if they are already the same."""
    current = [
        (e.field_id, e.text, e.place, e.provider)
        for e in Example.objects.filter(report=report).order_by("field__number", "position", "id")
    ]
    if current == [(e.field.pk, e.text.strip(), e.place, e.provider) for e in examples]:
        return
    _lock_draft(report)
    for old in Example.objects.filter(report=report):
        record_as(old, by)
        old.delete()
    positions: dict[int, int] = {}
    new = []
    for item in examples:
        if item.field.plan_id != report.plan_id:
            raise ServiceError("Das Handlungsfeld gehört nicht zu diesem Plan.")
        positions[item.field.pk] = positions.get(item.field.pk, 0) + 1
        example = Example(
            report=report,
            field=item.field,
            text=item.text.strip(),
            place=item.place,
            provider=item.provider,
            position=positions[item.field.pk],
        )
        _validate(example)
        new.append(example)
    get_history_manager_for_model(Example).bulk_history_create(
        Example.objects.bulk_create(new), default_user=by
    )
