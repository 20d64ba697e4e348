"""Who may do what in which organisation: the facts the rules predicates are built on.

Only the apps' `rules.py` ask these facts; views, templates and selectors ask the rules (or, for
lists, the querysets filtered by the same facts)."""

from .models import Membership, Role

MANAGING_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})


def memberships(user) -> list[Membership]:
    """The user's memberships, loaded once per request (cached on the user object)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_teilhabe_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organization", "unit"))
        user._teilhabe_memberships = cached
    return cached


def member_organization_ids(user) -> set[int]:
    return {m.organization_id for m in memberships(user)}


def roles_in(user, organization_id) -> set[str]:
    return {m.role for m in memberships(user) if m.organization_id == organization_id}


def organization_ids_with_role(user, *roles) -> set[int]:
    """The organisations in which the user holds one of `roles`."""
    return {m.organization_id for m in memberships(user) if m.role in roles}


def editor_unit_ids(user, organization_id=None) -> set[int]:
    return {
        m.unit_id
        for m in memberships(user)
        if m.role == Role.EDITOR
        and (organization_id is None or m.organization_id == organization_id)
    }


def has_role(user, organization_id, *roles) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return bool(roles_in(user, organization_id) & set(roles))


_MISSING = object()


def _walk(obj, path: str):
    target = obj
    try:
        for part in path.split("."):
            target = getattr(target, part)
    except AttributeError:
        return _MISSING
    return target


def value_via(obj, paths: tuple[str, ...]):
    """The value found along the first of `paths` ("plan.organization_id", …) that `obj` has;
    None if it has none of them."""
    for path in paths:
        found = _walk(obj, path)
        if found is not _MISSING:
            return found
    return None


def organization_id_via(obj, paths: tuple[str, ...]) -> int:
    """The organisation id along the first of `paths` that `obj` has: how each app's rules
    name the organisation its objects belong to. An organisation stands for itself."""
    if type(obj).__name__ == "Organization":
        return obj.pk
    for path in paths:
        found = _walk(obj, path)
        if found is not _MISSING:
            return found
    raise TypeError(f"no organisation for {type(obj).__name__}")
