"""The timeline of a plan: its milestones and whether each is done, open or overdue. The council
papers that fulfil them are added by council.selectors.plan_timeline, which the back office,
the public page and the calendar read.

"Today" is a parameter everywhere, so tests and the calendar decide which day it is.
"""

import datetime as dt
from dataclasses import dataclass, field

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
    def overdue_for(self) -> str:
        """How long it is overdue, as people say it: "seit 12 Tagen", "seit 3 Monaten", "seit
        über 5 Jahren" — not "seit 2195 Tagen"."""
        return overdue_wording(self.milestone.due_on, self.today) if self.overdue else ""

    @property
    def done_late(self) -> bool:
        """Done, but after the day it was planned for (shown, not flagged)."""
        m = self.milestone
        return self.done and m.due_on is not None and m.done_on > m.due_on


def overdue_wording(due_on: dt.date, today: dt.date) -> str:
    days = (today - due_on).days
    if days < 1:
        return ""
    if days < 60:
        return f"seit {days} Tag" + ("en" if days != 1 else "")
    months = (today.year - due_on.year) * 12 + today.month - due_on.month - (today.day < due_on.day)
    if months < 24:
        return f"seit {months} Monaten"
    years, rest = divmod(months, 12)
    return f"seit {'über ' if rest else ''}{years} Jahren"


def shift_suggestion(entries: list["TimelineEntry"]) -> int:
    """Months that bring the longest-overdue milestone to next month (0 if none is overdue)."""
    overdue = [e.milestone.due_on for e in entries if e.overdue]
    if not overdue:
        return 0
    oldest, today = min(overdue), entries[0].today
    return (today.year - oldest.year) * 12 + today.month - oldest.month + 1


def milestones_of(plan: Plan):
    return plan.milestones.order_by("position", "due_on", "id")


def overdue_count(entries: list[TimelineEntry]) -> int:
    return sum(1 for entry in entries if entry.overdue)


def timeline_entries(plan: Plan, today: dt.date) -> list[TimelineEntry]:
    """The plan's milestones with their state on `today` (without the papers: see
    council.selectors.plan_timeline)."""
    return [TimelineEntry(m, state_of(m, today), today) for m in milestones_of(plan)]
