"""Who may do what in a participation process.

- Admins and coordinators of the plan's organisation run the process: formats, moderation,
  grouping ideas into recommendations, prioritisations — and they alone see personal data
  (names, email addresses, needs of participants).
- Other members of the organisation (office editors, internal readers such as council members)
  see the process and its ideas in the back office, without personal data.
- A group member votes in a prioritisation of their group: with their personal link (token), or
  signed in when the membership names their account; coordinators may record paper ballots.
- Everybody reads what is published: public processes of non-draft plans, published ideas and
  comments, recommendations, closed Prioritätenlisten.
"""

import rules

from teilhabe.organizations.models import Role
from teilhabe.organizations.permissions import (
    has_role,
    member_organization_ids,
    organization_id_via,
)

ORGANIZATION_PATHS = (
    "plan.organization_id",
    "process.plan.organization_id",
    "group.process.plan.organization_id",
    "event.process.plan.organization_id",
    "idea.process.plan.organization_id",
    "recommendation.process.plan.organization_id",
    "prioritization.group.process.plan.organization_id",
    "organization_id",
)


def organization_id_of(obj) -> int:
    """The organisation a process, format, idea, recommendation or prioritisation belongs to."""
    return organization_id_via(obj, ORGANIZATION_PATHS)


@rules.predicate
def is_coordinator(user, obj):
    if obj is None:
        return False
    return has_role(user, organization_id_of(obj), Role.ADMIN, Role.COORDINATOR)


@rules.predicate
def is_member(user, obj):
    if obj is None:
        return False
    return organization_id_of(obj) in member_organization_ids(user)


@rules.predicate
def is_voting_member(user, prioritization):
    if prioritization is None or not user.is_authenticated:
        return False
    return prioritization.group.members.filter(user=user, may_vote=True).exists()


is_superuser = rules.is_superuser

rules.add_perm("participation.view_internal", is_superuser | is_member)
rules.add_perm("participation.manage", is_superuser | is_coordinator)
rules.add_perm("participation.moderate", is_superuser | is_coordinator)
rules.add_perm("participation.group", is_superuser | is_coordinator)
rules.add_perm("participation.view_personal", is_superuser | is_coordinator)
rules.add_perm("participation.record_votes", is_superuser | is_coordinator)
rules.add_perm("participation.vote", is_voting_member)
