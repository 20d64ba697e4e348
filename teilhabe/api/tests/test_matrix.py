"""Who may do what through the API: roles × actions, reads and writes.

Roles: no key, a logged-in browser session without key, an office editor's key (measure of
their office / of another office), the organisation's coordinator, a coordinator of another
organisation, a person without any role, and a revoked key."""

import pytest

from teilhabe.api.models import ApiToken
from teilhabe.api.selectors import updatable_entries
from teilhabe.api.services import api_token_revoke

from .conftest import bearer

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "session",
    "editor_own",
    "editor_other",
    "coordinator",
    "stranger",
    "nobody",
    "revoked",
]

# action: expected status per role
MATRIX = {
    "read_list": dict.fromkeys(ROLES, 200) | {"revoked": 401},
    "read_measure": dict.fromkeys(ROLES, 200) | {"revoked": 401},
    "read_draft_entries": {
        "anonymous": 401,
        "session": 401,
        "editor_own": 200,
        "editor_other": 200,
        "coordinator": 200,
        "stranger": 403,
        "nobody": 403,
        "revoked": 401,
    },
    "update_own_measure": {  # 1.1 is led by the editor's office
        "anonymous": 401,
        "session": 401,
        "editor_own": 200,
        "editor_other": 403,
        "coordinator": 200,
        "stranger": 403,
        "nobody": 403,
        "revoked": 401,
    },
    "read_draft_plan_entries": {
        "anonymous": 401,
        "session": 401,
        "editor_own": 404,
        "editor_other": 404,
        "coordinator": 404,
        "stranger": 404,
        "nobody": 404,
        "revoked": 401,
    },
}


def credentials(api, world, role) -> dict:
    if role == "anonymous":
        return {}
    if role == "session":
        api.force_login(world.people["coordinator"])
        return {}
    if role == "revoked":
        key = world.key("editor_own")
        api_token_revoke(token=ApiToken.objects.get(user=world.people["editor_own"]), by=None)
        return bearer(key)
    return bearer(world.key(role))


def perform(api, world, action, headers):
    if action == "read_list":
        return api.get("/api/v1/measures/", **headers)
    if action == "read_measure":
        return api.get(f"/api/v1/measures/{world.measure('1.1').pk}/", **headers)
    if action == "read_draft_entries":
        return api.get(f"/api/v1/plans/{world.plan.slug}/draft-entries/", **headers)
    if action == "read_draft_plan_entries":
        return api.get(f"/api/v1/plans/{world.draft_plan.slug}/draft-entries/", **headers)
    entry = world.draft_entry("1.1")
    return api.patch(
        f"/api/v1/plans/{world.plan.slug}/draft-entries/",
        {"updates": [{"measure": entry.measure_id, "version": entry.version, "status": "unknown"}]},
        format="json",
        **headers,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_matrix(api, world, role, action):
    response = perform(api, world, action, credentials(api, world, role))
    assert response.status_code == MATRIX[action][role], response.content
    entry = world.draft_entry("1.1")
    if action == "update_own_measure":
        assert (entry.status == "unknown") == (response.status_code == 200)


@pytest.mark.parametrize("role", ["editor_own", "editor_other", "coordinator", "admin", "reader"])
def test_listed_draft_entries_are_exactly_those_the_rules_allow(world, role):
    user = world.people[role]
    listed = set(updatable_entries(user, world.draft).values_list("measure_id", flat=True))
    allowed = {
        entry.measure_id
        for entry in world.draft.entries.select_related("measure__field__plan")
        if user.has_perm("plans.update_progress", entry.measure)
    }
    assert listed == allowed
