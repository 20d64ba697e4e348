"""Milestone writes beside their creation (plans.services.milestone_create): editing with the
milestone's version, so two people changing the timeline cannot overwrite each other, and
deleting."""

import calendar
import datetime as dt
from typing import Any

from django.db import transaction

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import User

from ..milestones import MILESTONE_FIELDS
from ..models import Milestone, Plan
from . import touch_plan

MAX_SHIFT_MONTHS = 120


def _only(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return changes


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, version: int | None, by: User | None, **changes: Any
) -> Milestone:
    """Change a milestone; a ConflictError if somebody saved it since `version` was read."""
    touch_plan(milestone.plan_id)
    return save_versioned(
        milestone, milestone.pk, expected_version=version, changes=_only(changes), by=by
    )


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: User | None) -> None:
    """Delete a milestone; papers linked to it keep existing and only lose the link."""
    plan_id = milestone.plan_id
    record_as(milestone, by)
    milestone.delete()
    touch_plan(plan_id)


def _months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day where it is shorter (31 Jan → 28 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic
def milestones_shift(*, plan: Plan, months: int, by: User | None) -> int:
    """Re-plan a timeline that slipped: every milestone not yet done that has a planned day moves
    `months` later, in the same order and with the same gaps. Returns how many moved."""
    if not 1 <= months <= MAX_SHIFT_MONTHS:
        raise ServiceError(f"Bitte zwischen 1 und {MAX_SHIFT_MONTHS} Monaten angeben.")
    moved = 0
    for milestone in Milestone.objects.select_for_update().filter(
        plan=plan, done_on__isnull=True, due_on__isnull=False
    ):
        assert milestone.due_on is not None  # filtered above; for the type checker
        save_versioned(
            milestone,
            milestone.pk,
            expected_version=None,
            changes={"due_on": _months_later(milestone.due_on, months)},
            by=by,
            reason=f"Zeitplan um {months} Monate verschoben",
        )
        moved += 1
    touch_plan(plan.pk)
    return moved
