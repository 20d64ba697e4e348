"""Who may do what with good practice, and how back-office views load its objects.

Members of the organisation read its catalogue and brochures (`practices.see`); its
administrators and coordinators keep them (`practices.manage`). A published practice is open
to every signed-in person, and the coordination of another municipality records there that it
took the practice up (`practices.adopt`). Everybody reads published practices in the portal.
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.models import Role
from teilhabe.organizations.permissions import organization_ids_with_role
from teilhabe.organizations.rules import member_predicate, role_predicate

from .models import Edition, Partner, Picture, Practice, State

ORGANIZATION_PATHS = ("organization_id", "practice.organization_id", "edition.organization_id")

is_member = member_predicate(ORGANIZATION_PATHS, name="is_practices_member")
is_manager = role_predicate(ORGANIZATION_PATHS, name="is_practices_manager")
is_superuser = rules.is_superuser


@rules.predicate
def is_published(user, obj) -> bool:
    return isinstance(obj, Practice) and obj.state == State.PUBLISHED and user.is_authenticated


@rules.predicate
def manages_another_organization(user, obj) -> bool:
    if not isinstance(obj, Practice):
        return False
    managed = organization_ids_with_role(user, Role.ADMIN, Role.COORDINATOR)
    return bool(managed - {obj.organization_id})


rules.add_perm("practices.see", is_superuser | is_member)
rules.add_perm("practices.see_published", is_superuser | is_member | is_published)
rules.add_perm("practices.manage", is_superuser | is_manager)
rules.add_perm("practices.adopt", is_published & manages_another_organization)

practice = load(
    Practice.objects.select_related("organization", "grant", "source_example"),
    visible="practices.see_published",
    name="practice",
    pk="pk",
)
partner = load(
    Partner.objects.select_related("practice__organization"),
    visible="practices.see",
    name="partner",
    pk="pk",
)
picture = load(
    Picture.objects.select_related("practice__organization"),
    visible="practices.see",
    name="picture",
    pk="pk",
)
edition = load(
    Edition.objects.select_related("organization"), visible="practices.see", name="edition", pk="pk"
)
