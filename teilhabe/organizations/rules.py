"""Who may do what with organisations, and the predicates every app builds its rules from.

Each app names the path from its objects to their organisation (`ORGANIZATION_PATHS`) and builds
`is_member` and `is_manager` with the two factories below, so "member" and "manager" mean the
same in every app: a member holds any role in the organisation, a manager is its administrator
or coordinator.
"""

import rules

from teilhabe.core.access import load

from .models import Membership, Organization, Role, Unit
from .permissions import MANAGING_ROLES, member_organization_ids, organization_id_via, roles_in


def member_predicate(paths: tuple[str, ...], name: str = "is_member"):
    """A predicate: the user holds any role in the organisation of the object."""

    @rules.predicate(name=name)
    def is_member(user, obj):
        if obj is None:
            return False
        return organization_id_via(obj, paths) in member_organization_ids(user)

    return is_member


def role_predicate(paths: tuple[str, ...], roles=MANAGING_ROLES, name: str = "is_manager"):
    """A predicate: the user holds one of `roles` in the organisation of the object. Superusers
    hold no role by this alone: rules add `is_superuser` where a superuser may act."""

    @rules.predicate(name=name)
    def has_any_role(user, obj):
        if obj is None:
            return False
        return bool(roles_in(user, organization_id_via(obj, paths)) & set(roles))

    return has_any_role


ORGANIZATION_PATHS = ("organization_id",)

is_superuser = rules.is_superuser
is_org_member = member_predicate(ORGANIZATION_PATHS)
is_org_admin = role_predicate(ORGANIZATION_PATHS, roles={Role.ADMIN}, name="is_org_admin")

rules.add_perm("organizations.member", is_superuser | is_org_member)
is_org_manager = role_predicate(ORGANIZATION_PATHS)

rules.add_perm("organizations.manage", is_superuser | is_org_admin)
# Whom requests to the offices reach (an office's functional address, its people with the role
# Fachamt): the organisation's managers, so the coordinator who sends the requests can fix them.
rules.add_perm("organizations.manage_contacts", is_superuser | is_org_manager)

# Organisation pages of the back office: members see the organisation at all (404 otherwise).
organization = load(
    Organization.objects.all(),
    visible="organizations.member",
    name="organization",
    org_slug="slug",
)
membership = load(
    Membership.objects.select_related("organization", "user"),
    visible="organizations.member",
    name="membership",
    org_slug="organization__slug",
    pk="pk",
)
unit = load(
    Unit.objects.select_related("organization"),
    visible="organizations.member",
    name="unit",
    org_slug="organization__slug",
    pk="pk",
)
