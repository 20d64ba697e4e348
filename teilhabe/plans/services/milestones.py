"""Milestone writes beside their creation (plans.services.milestone_create): editing with the
milestone's version, so two people changing the timeline cannot overwrite each other, and
deleting."""

from typing import Any

from django.db import transaction

from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import User

from ..milestones import MILESTONE_FIELDS
from ..models import Milestone
from . import touch_plan


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
