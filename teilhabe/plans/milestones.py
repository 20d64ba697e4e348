"""The timeline of a plan: its milestones, whether each is done, open or overdue, and the council
papers that fulfil them — read once for the back office, the public page and the calendar.

Also the milestone writes that `plans.services` lacks (it only creates): editing with the
milestone's version, so two people changing the timeline cannot overwrite each other, and deleting.

"Today" is a parameter everywhere, so tests and the calendar decide which day it is.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from teilhabe.core.versioning import save_versioned
from teilhabe.organizations.models import User

from .models import Milestone, Plan
from .services import touch_plan

MILESTONE_FIELDS = {"kind", "title", "description", "due_on", "done_on", "position"}


class State:
    DONE = "done"
    OVERDUE = "overdue"
    OPEN = "open"
    UNDATED = "undated"


def state_of(milestone: Milestone, today: dt.date) -> str:
    """Done once it has a done date; overdue when its due date has passed without one."""
    if milestone.done_on is not None:
        return State.DONE
    if milestone.due_on is None:
        return State.UNDATED
    if milestone.due_on < today:
        return State.OVERDUE
    return State.OPEN


def is_overdue(milestone: Milestone, today: dt.date) -> bool:
    return state_of(milestone, today) == State.OVERDUE


@dataclass
class TimelineEntry:
    milestone: Milestone
    state: str
    today: dt.date
    papers: list = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.state == State.DONE

    @property
    def overdue(self) -> bool:
        return self.state == State.OVERDUE

    @property
    def days_overdue(self) -> int:
        return (self.today - self.milestone.due_on).days if self.overdue else 0

    @property
    def done_late(self) -> bool:
        """Done, but after the day it was planned for (shown, not flagged)."""
        m = self.milestone
        return self.done and m.due_on is not None and m.done_on > m.due_on


def milestones_of(plan: Plan):
    return plan.milestones.order_by("position", "due_on", "id")


def timeline(
    plan: Plan, *, today: dt.date | None = None, public_only: bool = False
) -> list[TimelineEntry]:
    """The plan's milestones in order with their state and papers, in two queries whatever
    the number of milestones and papers. `public_only` keeps non-public papers out (portal,
    calendar); the back office sees them all."""
    from teilhabe.council.models import Paper

    today = today or timezone.localdate()
    papers = Paper.objects.select_related("organization").order_by("date", "reference")
    if public_only:
        papers = papers.public()
    milestones = milestones_of(plan).prefetch_related(Prefetch("papers", queryset=papers))
    return [
        TimelineEntry(
            milestone=m, state=state_of(m, today), today=today, papers=list(m.papers.all())
        )
        for m in milestones
    ]


def overdue_count(entries: list[TimelineEntry]) -> int:
    return sum(1 for entry in entries if entry.overdue)


# Writes -----------------------------------------------------------------------------------------


def _only(changes: dict) -> dict:
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return changes


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, version: int | None, by: User | None, **changes
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
    milestone._history_user = by
    milestone.delete()
    touch_plan(plan_id)
