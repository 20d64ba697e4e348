"""Reads of organisations that other apps build on."""

from collections import defaultdict
from collections.abc import Iterable

from .models import Membership, Role, Unit


def recipients_by_unit(units: Iterable[Unit]) -> dict[int, list[str]]:
    """Who is written to when an office is asked for something: the office's functional address
    and the active people of the office (role Fachamt), per office id, sorted; one query for any
    number of offices. An office nobody can be written to maps to an empty list."""
    units = list(units)
    addresses: dict[int, set[str]] = defaultdict(set)
    for unit in units:
        addresses[unit.pk]
        if unit.email:
            addresses[unit.pk].add(unit.email)
    people = Membership.objects.filter(
        unit__in=[unit.pk for unit in units], role=Role.EDITOR, user__is_active=True
    ).values_list("unit_id", "user__email")
    for unit_id, email in people:
        if email:
            addresses[unit_id].add(email)
    return {unit_id: sorted(found) for unit_id, found in addresses.items()}


def people_by_unit(units: Iterable[Unit]) -> dict[int, list[Membership]]:
    """The active people who receive an office's requests (role Fachamt in it), per office id,
    with their user, sorted by address; one query for any number of offices."""
    people: dict[int, list[Membership]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            unit__in=[unit.pk for unit in units], role=Role.EDITOR, user__is_active=True
        )
        .select_related("user")
        .order_by("user__email")
    )
    for membership in memberships:
        people[membership.unit_id].append(membership)
    return people
