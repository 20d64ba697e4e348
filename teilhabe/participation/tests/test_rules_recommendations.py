"""Role × action matrix for recommendations: who may read them in the back office, who may
group ideas, edit, renumber, delete and link measures (participation.group)."""

import pytest
from django.urls import reverse

from teilhabe.organizations.models import Role
from teilhabe.participation.services import recommendations as services
from teilhabe.testing import make_organization, make_user

ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin"]
# What each role gets: "login" (sent to sign in), 404 (may not know it exists), 403 (sees, may
# not act), "ok" (200 or a redirect after the write).
READ = {
    "anonymous": "login",
    "stranger": 404,
    "reader": "ok",
    "editor_own": "ok",
    "coordinator": "ok",
    "admin": "ok",
}
WRITE = {**READ, "reader": 403, "editor_own": 403}


@pytest.fixture
def matrix(rec_setup):
    by = rec_setup["coordinator"]
    rec = services.ideas_group(
        process=rec_setup["process"], ideas=[rec_setup["published"]], new_text="T", by=by
    )
    services.measure_link(recommendation=rec, measure=rec_setup["measures"][0], by=by)
    other = make_organization("Stadt Anderswo", kind="city")
    people = {**rec_setup["people"], "stranger": make_user(other, Role.COORDINATOR)}
    return {**rec_setup, "rec": rec, "people": people}


def _actions(m):
    process, rec = m["process"], m["rec"]
    idea, measure = m["published"], m["measures"][0]
    return [
        ("list", "get", reverse("participation:recommendation_list", args=[process.pk]), {}, READ),
        ("detail", "get", reverse("participation:recommendation_detail", args=[rec.pk]), {}, READ),
        (
            "versions",
            "get",
            reverse("participation:recommendation_versions", args=[rec.pk]),
            {},
            READ,
        ),
        (
            "create",
            "get",
            reverse("participation:recommendation_create", args=[process.pk]),
            {},
            WRITE,
        ),
        (
            "group",
            "get",
            reverse("participation:recommendation_group", args=[process.pk]),
            {},
            WRITE,
        ),
        ("edit", "get", reverse("participation:recommendation_edit", args=[rec.pk]), {}, WRITE),
        (
            "delete",
            "get",
            reverse("participation:recommendation_delete", args=[rec.pk]),
            {},
            WRITE,
        ),
        (
            "move",
            "post",
            reverse("participation:recommendation_move", args=[rec.pk]),
            {"direction": "down"},
            WRITE,
        ),
        (
            "renumber",
            "post",
            reverse("participation:recommendations_renumber", args=[process.pk]),
            {},
            WRITE,
        ),
        (
            "link measure",
            "post",
            reverse("participation:recommendation_measure_add", args=[rec.pk]),
            {"measure": m["measures"][1].pk},
            WRITE,
        ),
        (
            "unlink measure",
            "post",
            reverse("participation:recommendation_measure_remove", args=[rec.pk, measure.pk]),
            {},
            WRITE,
        ),
        (
            "remove idea",
            "post",
            reverse("participation:recommendation_idea_remove", args=[rec.pk, idea.pk]),
            {},
            WRITE,
        ),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, matrix, role):
    if role != "anonymous":
        client.force_login(matrix["people"][role])
    results = {}
    for name, method, url, data, expected in _actions(matrix):
        response = getattr(client, method)(url, data)
        want = expected[role]
        if want == "login":
            ok = response.status_code == 302 and "/anmelden/" in response.url
        elif want == "ok":
            ok = response.status_code in (200, 302) and "/anmelden/" not in response.get(
                "Location", ""
            )
        else:
            ok = response.status_code == want
        results[name] = (ok, response.status_code, want)
    failed = {name: r for name, r in results.items() if not r[0]}
    assert not failed, failed


def test_rule_participation_group(matrix):
    process = matrix["process"]
    people = matrix["people"]
    assert people["coordinator"].has_perm("participation.group", process)
    assert people["admin"].has_perm("participation.group", process)
    for role in ("reader", "editor_own", "stranger"):
        assert not people[role].has_perm("participation.group", process)


def test_public_recommendation_page_is_open_to_anyone(client, matrix):
    process = matrix["process"]
    url = reverse(
        "portal:recommendation_list",
        args=[process.plan.organization.slug, process.plan.slug, process.slug],
    )
    assert client.get(url).status_code == 200
