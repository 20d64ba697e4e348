"""Who may do what with committees, meetings and papers.

Admins and coordinators of an organisation keep its council records (by hand or by OParl sync)
and draft Beschlussvorlagen; its other members read all of them, including non-public papers;
everybody reads public papers and their public consultations.
"""

import rules

from teilhabe.organizations.models import Role
from teilhabe.organizations.permissions import (
    has_role,
    member_organization_ids,
    organization_id_via,
)

ORGANIZATION_PATHS = (
    "organization_id",
    "committee.organization_id",
    "paper.organization_id",
    "meeting.committee.organization_id",
    "source.organization_id",
)


def organization_id_of(obj) -> int:
    """The organisation a committee, meeting, paper, consultation or OParl source belongs to
    (an Organization stands for itself)."""
    if type(obj).__name__ == "Organization":
        return obj.pk
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


is_superuser = rules.is_superuser

rules.add_perm("council.view_internal", is_superuser | is_member)
rules.add_perm("council.manage", is_superuser | is_coordinator)
