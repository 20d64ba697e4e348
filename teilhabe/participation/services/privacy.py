"""Participants' personal data: what a person may see, take with them and delete by their
token, and the automatic purge a configurable time after a process ends.

What counts as personal is models.PERSONAL_FIELDS; purging blanks those fields and keeps the
rest (a registration's status and attendance, an idea's text, a member's sector), so the
process's record and its figures survive without naming anybody.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models, transaction
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ..models import (
    PERSONAL_FIELDS,
    GroupMember,
    Idea,
    IdeaComment,
    ModerationStatus,
    ParticipationProcess,
    Registration,
    new_token,
)
from .registrations import registration_delete

KINDS = ("registration", "idea", "member")

_M = TypeVar("_M", bound=models.Model)


@dataclass
class Participant:
    """What one token stands for: a registration, an idea or a group membership."""

    kind: str
    record: Registration | Idea | GroupMember

    @property
    def process(self) -> ParticipationProcess:
        record = self.record
        if isinstance(record, Registration):
            return record.event.process
        if isinstance(record, Idea):
            return record.process
        return record.group.process

    @property
    def personal_fields(self) -> tuple[str, ...]:
        return PERSONAL_FIELDS[type(self.record)]


def participant_by_token(token: str) -> Participant | None:
    """The registration, idea or membership the token belongs to; None for an unknown token."""
    if not token or len(token) > 64:
        return None
    registration = (
        Registration.objects.select_related("event__process__plan__organization")
        .filter(token=token)
        .first()
    )
    if registration is not None:
        return Participant("registration", registration)
    idea = (
        Idea.objects.select_related("process__plan__organization", "phase", "field")
        .filter(token=token)
        .first()
    )
    if idea is not None:
        return Participant("idea", idea)
    member = (
        GroupMember.objects.select_related("group__process__plan__organization")
        .filter(token=token)
        .first()
    )
    if member is not None:
        return Participant("member", member)
    return None


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def participant_data(participant: Participant) -> dict[str, object]:
    """Everything stored about the person behind the token, as plain data."""
    process = participant.process
    record = participant.record
    data: dict[str, object] = {
        "kind": participant.kind,
        "process": {"title": process.title, "plan": process.plan.title},
        "exported_at": timezone.now().isoformat(),
    }
    if isinstance(record, Registration):
        data["registration"] = {
            "event": str(record.event),
            "event_starts_at": _iso(record.event.starts_at),
            "name": record.name,
            "email": record.email,
            "affiliation": record.affiliation,
            "accessibility_needs": record.accessibility_needs,
            "language_help": record.language_help,
            "language": record.language,
            "status": record.status,
            "attended": record.attended,
            "created_at": _iso(record.created_at),
            "reminder_sent_at": _iso(record.reminder_sent_at),
        }
    elif isinstance(record, Idea):
        comments = IdeaComment.objects.filter(
            idea=record, status=ModerationStatus.PUBLISHED
        ).order_by("created_at", "id")
        data["idea"] = {
            "title": record.title,
            "text": record.text,
            "language": record.language,
            "status": record.status,
            "phase": str(record.phase) if record.phase else None,
            "field_of_action": str(record.field) if record.field else None,
            "author_name": record.author_name,
            "author_email": record.author_email,
            "show_name": record.show_name,
            "notify": record.notify,
            "created_at": _iso(record.created_at),
            "support_count": record.support_count,
            # Comments by others, without their names unless they chose to show them.
            "comments": [
                {
                    "text": comment.text,
                    "author": comment.author_name if comment.show_name else "",
                    "created_at": _iso(comment.created_at),
                }
                for comment in comments
            ],
        }
    else:
        data["membership"] = {
            "group": str(record.group),
            "name": record.name,
            "email": record.email,
            "affiliation": record.affiliation,
            "sector": record.sector,
            "may_vote": record.may_vote,
            "votes": record.votes.count(),
        }
    return data


def participant_data_export(token: str) -> dict[str, object] | None:
    """The person's data as a dict for a JSON download; None for an unknown token."""
    participant = participant_by_token(token)
    return participant_data(participant) if participant else None


@transaction.atomic
def participant_data_delete(token: str) -> str | None:
    """Delete the personal data behind the token; returns its kind, None for an unknown token.

    - a registration is deleted (its place goes to the first on the waiting list);
    - an idea keeps its text, anonymised; the link stops working;
    - a group membership is anonymised (sector and affiliation stay, so does a cast vote).
    """
    participant = participant_by_token(token)
    if participant is None:
        return None
    record = participant.record
    if isinstance(record, Registration):
        registration_delete(registration=record)
    elif isinstance(record, Idea):
        Idea.objects.filter(pk=record.pk).update(
            author_name="",
            author_email="",
            show_name=False,
            notify=False,
            sender_key="",
            token=new_token(),
        )
        _touch_public(participant.process)
    else:
        GroupMember.objects.filter(pk=record.pk).update(
            name="", email="", user=None, token=new_token()
        )
    return participant.kind


def _touch_public(process: ParticipationProcess) -> None:
    # A published idea may have shown the name; the cached public pages must forget it.
    from teilhabe.plans.services import touch_plan

    touch_plan(process.plan_id)


# The purge after the retention time -------------------------------------------------------------


@dataclass
class PurgeResult:
    process: ParticipationProcess
    due_since: dt.date
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        counts = ", ".join(f"{label}: {n}" for label, n in self.counts.items())
        return f"{self.process.plan.title} – {self.process.title} (fällig seit {self.due_since:%d.%m.%Y}): {counts}"


# A registration's address is unique per event (among those not cancelled), so purged ones get
# an undeliverable placeholder of their own (RFC 2606 reserves .invalid) instead of "".
PURGED_EMAIL_DOMAIN = "geloescht.invalid"


def _blank(model: type[models.Model]) -> dict[str, str | Concat]:
    values: dict[str, str | Concat] = dict.fromkeys(PERSONAL_FIELDS[model], "")
    if model is Registration:
        values["email"] = Concat(
            Value("person-"), Cast("pk", CharField()), Value(f"@{PURGED_EMAIL_DOMAIN}")
        )
    return values


def _purge_querysets(process: ParticipationProcess) -> dict[str, QuerySet[models.Model]]:
    return {
        "Anmeldungen": Registration.objects.filter(event__process=process),
        "Gruppenmitglieder": GroupMember.objects.filter(group__process=process),
        "Ideen": Idea.objects.filter(process=process),
        "Kommentare": IdeaComment.objects.filter(idea__process=process),
    }


def _with_personal_data(queryset: QuerySet[_M]) -> QuerySet[_M]:
    """Only rows that still hold some personal data (all personal fields are non-null text)."""
    condition = Q()
    for name in PERSONAL_FIELDS[queryset.model]:
        if queryset.model is Registration and name == "email":
            condition |= ~Q(email="") & ~Q(email__endswith=f"@{PURGED_EMAIL_DOMAIN}")
        else:
            condition |= ~Q(**{name: ""})
    return queryset.filter(condition)


EXTRA_BLANKS: dict[type[models.Model], dict[str, object]] = {
    Idea: {"show_name": False, "notify": False, "sender_key": ""},
    IdeaComment: {"show_name": False, "sender_key": ""},
    GroupMember: {"user": None},
}


def participants_due(today: dt.date | None = None) -> list[tuple[ParticipationProcess, dt.date]]:
    """Processes whose retention time after their end has passed and that were not purged."""
    today = today or timezone.localdate()
    candidates = ParticipationProcess.objects.filter(
        ends_on__isnull=False, ends_on__lt=today, personal_data_purged_on__isnull=True
    ).select_related("plan")
    due = []
    for process in candidates:
        assert process.ends_on is not None  # filtered above
        due_on = process.ends_on + dt.timedelta(days=process.retention)
        if due_on < today:
            due.append((process, due_on))
    return due


def participants_purge(today: dt.date | None = None, *, dry_run: bool = False) -> list[PurgeResult]:
    """Blank the personal fields of every process whose `ends_on + retention` has passed, and
    mark it purged (personal_data_purged_on). With dry_run, only count what would go."""
    today = today or timezone.localdate()
    results = []
    for process, due_on in participants_due(today):
        with transaction.atomic():
            result = PurgeResult(process=process, due_since=due_on)
            for label, queryset in _purge_querysets(process).items():
                affected = _with_personal_data(queryset)
                if dry_run:
                    result.counts[label] = affected.count()
                else:
                    model = queryset.model
                    result.counts[label] = affected.update(
                        **_blank(model), **EXTRA_BLANKS.get(model, {})
                    )
            if not dry_run:
                ParticipationProcess.objects.filter(pk=process.pk).update(
                    personal_data_purged_on=today
                )
                # Names that people chose to show on published ideas disappear from the portal.
                _touch_public(process)
            results.append(result)
    return results
