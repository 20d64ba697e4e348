"""The role world of the root conftest: one person per role, in the relation the vocabulary
(teilhabe.testing.roles) promises."""

import pytest
from django.urls import reverse

from teilhabe.organizations.models import Membership, Role
from teilhabe.testing.roles import MEMBER_ROLES, ROLES


def test_one_person_per_role_but_anonymous(world):
    assert set(world.people) == set(ROLES) - {"anonymous"}
    assert len({user.pk for user in world.people.values()}) == len(ROLES) - 1
    assert world.user("anonymous") is None


def test_members_and_their_roles(world):
    expected = {
        "admin": (Role.ADMIN, None),
        "coordinator": (Role.COORDINATOR, None),
        "editor_own": (Role.EDITOR, world.own_unit.pk),
        "editor_other": (Role.EDITOR, world.other_unit.pk),
        "reader": (Role.READER, None),
    }
    for role in MEMBER_ROLES:
        membership = Membership.objects.get(user=world.people[role])
        assert membership.organization == world.organization
        assert (membership.role, membership.unit_id) == expected[role], role


def test_stranger_and_superuser_are_no_members_of_the_organisation(world):
    stranger = Membership.objects.get(user=world.people["stranger"])
    assert (stranger.organization, stranger.role) == (world.stranger_organization, Role.COORDINATOR)
    assert world.stranger_plan.organization == world.stranger_organization
    assert world.stranger_plan.status == "draft"
    superuser = world.people["superuser"]
    assert superuser.is_superuser
    assert not Membership.objects.filter(user=superuser).exists()


def test_the_measures_under_test(world):
    assert world.plan.status == "adopted" and world.report.status == "draft"
    assert world.measure.lead_unit == world.own_unit
    assert world.other_measure.lead_unit == world.other_unit
    assert (world.entry.report, world.entry.measure) == (world.report, world.measure)
    assert (world.other_entry.report, world.other_entry.measure) == (
        world.report,
        world.other_measure,
    )


@pytest.mark.parametrize("role", ROLES)
def test_login_as_each_role(client_as, world, role):
    response = client_as(role).get(reverse("backoffice:home"))
    assert response.status_code == (302 if role == "anonymous" else 200)
