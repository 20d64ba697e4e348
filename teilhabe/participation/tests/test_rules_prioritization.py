"""Who may do what with a prioritisation: roles × actions, plus members holding their link."""

import pytest
from django.urls import reverse

from teilhabe.organizations.models import Role
from teilhabe.participation.services import prioritization as services
from teilhabe.testing import make_organization, make_user

from .test_prioritization import make_prioritization, option_ids
from .test_prioritization_views import portal_kwargs

pytestmark = pytest.mark.django_db


ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin"]

# Expected status per action and role (editor is also the group member with an account).
MATRIX = {
    "detail": [302, 404, 200, 200, 200, 200],
    "create": [302, 404, 403, 403, 200, 200],
    "edit": [302, 404, 403, 403, 200, 200],
    "record": [302, 404, 403, 403, 200, 200],
    "close": [302, 404, 403, 403, 302, 302],
    "send": [302, 404, 403, 403, 302, 302],
    "export": [302, 404, 200, 200, 200, 200],
    "vote_signed_in": [302, 404, 404, 200, 404, 404],
}
NAMES_VISIBLE = {"reader": False, "editor_own": False, "coordinator": True, "admin": True}


@pytest.fixture
def people(vote_setup):
    other = make_organization("Landkreis Anderswo")
    return {
        "anonymous": None,
        "stranger": make_user(other, Role.COORDINATOR),
        "reader": vote_setup["people"]["reader"],
        "editor_own": vote_setup["people"]["editor_own"],
        "coordinator": vote_setup["people"]["coordinator"],
        "admin": vote_setup["people"]["admin"],
    }


def request_action(client, action, prioritization, group):
    pk = prioritization.pk
    urls = {
        "detail": ("get", reverse("participation:prioritization_detail", args=[pk])),
        "create": ("get", reverse("participation:prioritization_create", args=[group.pk])),
        "edit": ("get", reverse("participation:prioritization_edit", args=[pk])),
        "record": ("get", reverse("participation:prioritization_record", args=[pk])),
        "close": ("post", reverse("participation:prioritization_close", args=[pk])),
        "send": ("post", reverse("participation:prioritization_send", args=[pk])),
        "export": ("get", reverse("participation:prioritization_export", args=[pk, "csv"])),
        "vote_signed_in": (
            "get",
            reverse("portal:ballot_signed_in", kwargs=portal_kwargs(prioritization)),
        ),
    }
    method, url = urls[action]
    return getattr(client, method)(url)


@pytest.mark.parametrize("action", list(MATRIX))
def test_role_matrix(client, vote_setup, people, action):
    for role, expected in zip(ROLES, MATRIX[action], strict=True):
        prioritization = make_prioritization(vote_setup)
        client.logout()
        if people[role]:
            client.force_login(people[role])
        response = request_action(client, action, prioritization, vote_setup["group"])
        assert response.status_code == expected, (action, role, response.status_code)


def test_names_and_named_exports_only_for_coordinators(client, vote_setup, people):
    prioritization = make_prioritization(vote_setup)
    a = option_ids(prioritization)[0]
    services.ballot_submit(
        prioritization=prioritization, member=vote_setup["members"][0], values={a: 2}
    )
    detail = reverse("participation:prioritization_detail", args=[prioritization.pk])
    export = reverse("participation:prioritization_export", args=[prioritization.pk, "csv"])
    for role, visible in NAMES_VISIBLE.items():
        client.force_login(people[role])
        assert ("Person 1" in client.get(detail).content.decode()) is visible, role
        assert ("Person 1" in client.get(export).content.decode("utf-8-sig")) is visible, role


def test_permissions_by_rule(vote_setup, people):
    prioritization = make_prioritization(vote_setup)
    for role in ROLES[1:]:
        user = people[role]
        coordinating = role in ("coordinator", "admin")
        assert user.has_perm("participation.record_votes", prioritization) is coordinating
        assert user.has_perm("participation.view_personal", prioritization) is coordinating
        assert user.has_perm("participation.manage", prioritization) is coordinating
        assert user.has_perm("participation.vote", prioritization) is (role == "editor_own")


def test_token_holders_vote_only_on_their_own_ballot(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    a = option_ids(prioritization)[0]
    for member in vote_setup["members"]:
        url = reverse(
            "portal:ballot", kwargs={**portal_kwargs(prioritization), "token": member.token}
        )
        assert client.post(url, {f"option_{a}": "1"}).status_code == 302
        assert services.member_ballot(prioritization, member) == {a: 1}
    guest = vote_setup["guest"]
    url = reverse("portal:ballot", kwargs={**portal_kwargs(prioritization), "token": guest.token})
    assert client.post(url, {f"option_{a}": "1"}).status_code == 404
