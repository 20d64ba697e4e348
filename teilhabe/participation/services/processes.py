"""Writes for participation processes, their formats and the members of their groups.

Every write bumps the plan's revision and the organisation's cache generation (touch_plan):
the public plan page lists the plan's processes, the process page shows the formats, and the
back-office plan dashboard lists them too.
"""

import datetime as dt
from collections.abc import Mapping
from typing import TypeVar, cast

from django.db import models, transaction
from django.db.models import Max

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import User
from teilhabe.plans.models import Plan
from teilhabe.plans.services import touch_plan

from ..models import (
    EVENT_KINDS,
    GROUP_KINDS,
    FormatKind,
    GroupMember,
    ParticipationFormat,
    ParticipationProcess,
)

_M = TypeVar("_M", bound=models.Model)

PROCESS_FIELDS = {
    "title",
    "slug",
    "description",
    "status",
    "public",
    "ends_on",
    "retention_days",
}
FORMAT_FIELDS = {
    "parent",
    "number",
    "title",
    "theme",
    "description",
    "field",
    "starts_at",
    "ends_at",
    "place",
    "moderation",
    "invited",
    "capacity",
    "registration_open",
    "position",
}
MEMBER_FIELDS = {"name", "email", "affiliation", "sector", "user", "may_vote"}


def _only(allowed: set[str], changes: dict) -> dict:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return changes


def _validate(instance: models.Model) -> None:
    # Keys and constraints are the database's job; the forms check what a person can correct.
    foreign_keys = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    instance.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)


def _created(instance: _M, by: User | None) -> _M:
    _validate(instance)
    record_as(instance, by)
    instance.save()
    return instance


# Processes --------------------------------------------------------------------------------------


# Path segments of the portal's participation pages that a process slug would hide.
RESERVED_SLUGS = frozenset({"meine-daten", "abmeldung", "ideen", "empfehlungen", "priorisierung"})


def _check_slug(plan_id: int, slug: str, exclude_pk: int | None = None) -> None:
    if slug in RESERVED_SLUGS:
        raise ServiceError(f"Der Kurzname „{slug}“ ist für Seiten des Portals reserviert.")
    taken = ParticipationProcess.objects.filter(plan_id=plan_id, slug=slug)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ServiceError(f"Den Kurznamen „{slug}“ hat schon ein Prozess dieses Plans.")


@transaction.atomic
def process_create(
    *, plan: Plan, title: str, slug: str, by: User | None, **fields: object
) -> ParticipationProcess:
    """A new participation process of `plan` (not public until someone says so)."""
    _check_slug(plan.pk, slug)
    touch_plan(plan.pk)
    return _created(
        ParticipationProcess(plan=plan, title=title, slug=slug, **_only(PROCESS_FIELDS, fields)),
        by,
    )


@transaction.atomic
def process_update(
    *, process: ParticipationProcess, version: int | None, by: User | None, **changes: object
) -> ParticipationProcess:
    """Edit a process; raises ConflictError if somebody saved it since `version`."""
    changes = _only(PROCESS_FIELDS, changes)
    if "slug" in changes:
        _check_slug(process.plan_id, cast(str, changes["slug"]), exclude_pk=process.pk)
    touch_plan(process.plan_id)
    return save_versioned(process, process.pk, expected_version=version, changes=changes, by=by)


# Formats ----------------------------------------------------------------------------------------


def _check_format(process: ParticipationProcess, kind: str, fields: Mapping[str, object]) -> None:
    """What the database cannot say in German: periods, parents, and what belongs to which kind."""
    if kind not in FormatKind.values:
        raise ServiceError(f"Unbekannte Art von Format: {kind}.")
    starts = cast("dt.datetime | None", fields.get("starts_at"))
    ends = cast("dt.datetime | None", fields.get("ends_at"))
    if kind == FormatKind.ONLINE_PHASE and not (starts and ends):
        raise ServiceError("Eine Online-Beteiligung braucht Beginn und Ende.")
    if starts and ends and ends < starts:
        raise ServiceError("Das Ende liegt vor dem Beginn.")
    parent = cast("ParticipationFormat | None", fields.get("parent"))
    if parent is not None:
        if parent.process_id != process.pk:
            raise ServiceError("Das übergeordnete Format gehört zu einem anderen Prozess.")
        if parent.kind not in EVENT_KINDS:
            raise ServiceError("Ein Format kann nur zu einem Fachtag oder Workshop gehören.")
    if fields.get("capacity") is not None and kind not in EVENT_KINDS:
        raise ServiceError("Plätze gibt es nur bei Fachtagen und Workshops.")
    if fields.get("registration_open") and kind not in EVENT_KINDS:
        raise ServiceError("Anmelden kann man sich nur zu Fachtagen und Workshops.")


def _next_format_position(process: ParticipationProcess) -> int:
    highest = process.formats.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def format_create(
    *, process: ParticipationProcess, kind: str, title: str, by: User | None, **fields: object
) -> ParticipationFormat:
    """A new format (Fachtag, workshop, Arbeitsgruppe, group or online phase) of `process`."""
    fields = _only(FORMAT_FIELDS, fields)
    _check_format(process, kind, fields)
    fields.setdefault("position", _next_format_position(process))
    touch_plan(process.plan_id)
    return _created(ParticipationFormat(process=process, kind=kind, title=title, **fields), by)


@transaction.atomic
def format_update(
    *, fmt: ParticipationFormat, version: int | None, by: User | None, **changes: object
) -> ParticipationFormat:
    """Edit a format; the kind stays. Raises ConflictError if somebody saved it since `version`."""
    changes = _only(FORMAT_FIELDS, changes)
    merged = {name: getattr(fmt, name) for name in FORMAT_FIELDS} | changes
    if merged.get("parent") is not None and merged["parent"].pk == fmt.pk:
        raise ServiceError("Ein Format kann nicht zu sich selbst gehören.")
    _check_format(fmt.process, fmt.kind, merged)
    touch_plan(fmt.process.plan_id)
    return save_versioned(fmt, fmt.pk, expected_version=version, changes=changes, by=by)


@transaction.atomic
def format_delete(*, fmt: ParticipationFormat, by: User | None) -> None:
    """Delete a format with its registrations and members; refused once people registered,
    ideas came from it or a group voted: that is part of the record of the process."""
    if fmt.registrations.exclude(status="cancelled").exists():
        raise ServiceError(
            "Zu dieser Veranstaltung gibt es Anmeldungen. Schließen Sie die Anmeldung, "
            "statt die Veranstaltung zu löschen."
        )
    if fmt.ideas.exists():
        raise ServiceError("Aus diesem Format stammen Ideen; es kann nicht gelöscht werden.")
    if fmt.prioritizations.exists():
        raise ServiceError("Diese Gruppe hat priorisiert; sie kann nicht gelöscht werden.")
    if fmt.children.exists():
        raise ServiceError(
            "Zu dieser Veranstaltung gehören Arbeitsgruppen; löschen Sie zuerst diese."
        )
    touch_plan(fmt.process.plan_id)
    record_as(fmt, by)
    fmt.delete()


# Members of project and steering groups ---------------------------------------------------------


def _check_group(group: ParticipationFormat) -> None:
    if group.kind not in GROUP_KINDS:
        raise ServiceError("Mitglieder gibt es nur in Projekt- und Steuerungsgruppen.")


@transaction.atomic
def member_add(
    *, group: ParticipationFormat, name: str, by: User | None, **fields: object
) -> GroupMember:
    """Add a member to a project or steering group."""
    _check_group(group)
    fields = _only(MEMBER_FIELDS, fields)
    email = fields.get("email")
    if email and group.members.filter(email__iexact=email).exists():
        raise ServiceError(f"{email} ist schon Mitglied dieser Gruppe.")
    touch_plan(group.process.plan_id)
    member = GroupMember(group=group, name=name, **fields)
    _validate(member)
    member.save()
    return member


@transaction.atomic
def member_update(*, member: GroupMember, by: User | None, **changes: object) -> GroupMember:
    """Edit a member (the record has no version: only coordinators edit it, rarely)."""
    changes = _only(MEMBER_FIELDS, changes)
    email = changes.get("email")
    if email and member.group.members.filter(email__iexact=email).exclude(pk=member.pk).exists():
        raise ServiceError(f"{email} ist schon Mitglied dieser Gruppe.")
    current = GroupMember.objects.select_for_update().get(pk=member.pk)
    for name, value in changes.items():
        setattr(current, name, value)
    _validate(current)
    current.save()
    touch_plan(member.group.process.plan_id)
    return current


@transaction.atomic
def member_remove(*, member: GroupMember, by: User | None) -> None:
    """Remove a member; their votes go with them unless a closed Prioritätenliste holds them."""
    if member.votes.filter(option__prioritization__status="closed").exists():
        raise ServiceError(
            "Dieses Mitglied hat in einer abgeschlossenen Priorisierung abgestimmt; die Stimmen "
            "gehören zum Ergebnis. Entziehen Sie stattdessen das Stimmrecht."
        )
    touch_plan(member.group.process.plan_id)
    member.delete()
