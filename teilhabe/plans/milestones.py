"""The timeline of a plan: its milestones, whether each is done, open or overdue, and the council
papers that fulfil them — read once for the back office, the public page and the calendar.

"Today" is a parameter everywhere, so tests and the calendar decide which day it is.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from .models import Milestone, Plan

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
