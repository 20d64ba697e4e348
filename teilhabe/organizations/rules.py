import rules

from .models import Role
from .permissions import has_role


@rules.predicate
def is_org_admin(user, organization):
    return organization is not None and has_role(user, organization.pk, Role.ADMIN)


rules.add_perm("organizations.manage", rules.is_superuser | is_org_admin)
