"""Role × action × organisation matrix over every back-office view.

Rules of the game: nobody learns of another organisation's drafts (404), a person who can see
an object but may not act on it gets 403, anonymous people are sent to the login.
"""

import pytest
from django.urls import reverse

from teilhabe.plans.models import Measure, ProgressEntry
from teilhabe.testing.roles import ROLES

MEMBER_READ = {
    "admin": 200,
    "coordinator": 200,
    "editor_own": 200,
    "editor_other": 200,
    "reader": 200,
}
MANAGE = {"admin": 200, "coordinator": 200, "editor_own": 403, "editor_other": 403, "reader": 403}
# Members of the organisation see that it exists: 403, not 404 (404 is for strangers).
ORG_MANAGE = MANAGE
UPDATE = {"admin": 200, "coordinator": 200, "editor_own": 200, "editor_other": 403, "reader": 403}


def expected(table, role):
    if role == "anonymous":
        return 302
    if role == "stranger":
        return 404
    if role == "superuser":
        return 200
    return table[role]


def pages(w):
    plan, report, measure, entry = w.plan, w.report, w.measure, w.entry
    return [
        ("plans:plan_dashboard", [plan.slug], MEMBER_READ),
        ("plans:measure_list", [plan.slug], MEMBER_READ),
        ("plans:field_detail", [plan.slug, 1], MEMBER_READ),
        ("plans:measure_detail", [measure.pk], MEMBER_READ),
        ("plans:report_detail", [report.pk], MEMBER_READ),
        ("plans:plan_edit", [plan.slug], MANAGE),
        ("plans:field_create", [plan.slug], MANAGE),
        ("plans:field_edit", [plan.slug, 1], MANAGE),
        ("plans:measure_create", [plan.slug, 1], MANAGE),
        ("plans:measure_edit", [measure.pk], MANAGE),
        ("plans:measure_delete", [measure.pk], MANAGE),
        ("plans:report_create", [plan.slug], MANAGE),
        ("plans:report_edit", [report.pk], MANAGE),
        ("plans:report_publish", [report.pk], MANAGE),
        ("plans:report_delete", [report.pk], MANAGE),
        ("plans:entry_edit", [entry.pk], UPDATE),
        ("plans:entry_row", [entry.pk], UPDATE),
        ("plans:plan_create", [w.organization.slug], ORG_MANAGE),
        ("plans:bilanz_import", [w.organization.slug], ORG_MANAGE),
    ]


def client_for(client, w, role):
    return w.login(client, role)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    client = client_for(client, world, role)
    failures = []
    for name, args, table in pages(world):
        response = client.get(reverse(name, args=args))
        want = expected(table, role)
        if response.status_code != want:
            failures.append(f"{name}: {response.status_code} statt {want}")
        if want == 302:
            assert "/anmelden/" in response["Location"]
    assert not failures, failures


@pytest.mark.parametrize("role", ROLES)
def test_home_lists_only_own_plans(client, world, role):
    client = client_for(client, world, role)
    response = client.get(reverse("backoffice:home"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    content = response.content.decode()
    shows_own = world.plan.title in content
    assert shows_own == (role != "stranger")


POST_ACTIONS = [
    # name, args builder, data builder, table, what changed
    (
        "plans:entry_edit",
        lambda w: [w.entry.pk],
        lambda w: {
            "status": "in_progress",
            "percent": "40",
            "description": "neu",
            "original_wording": "",
            "version": w.entry.version,
        },
        UPDATE,
        lambda w: ProgressEntry.objects.get(pk=w.entry.pk).description == "neu",
    ),
    (
        "plans:report_publish",
        lambda w: [w.report.pk],
        lambda w: {},
        MANAGE,
        lambda w: type(w.report).objects.get(pk=w.report.pk).status == "published",
    ),
    (
        "plans:report_delete",
        lambda w: [w.report.pk],
        lambda w: {},
        MANAGE,
        lambda w: not type(w.report).objects.filter(pk=w.report.pk).exists(),
    ),
    (
        "plans:measure_delete",
        lambda w: [w.measure.pk],
        lambda w: {},
        MANAGE,
        lambda w: not Measure.objects.filter(pk=w.measure.pk).exists(),
    ),
    (
        "plans:measure_move",
        lambda w: [w.measure.pk],
        lambda w: {"direction": "down"},
        MANAGE,
        lambda w: Measure.objects.get(pk=w.measure.pk).history.count() > 1,
    ),
    (
        "plans:goal_create",
        lambda w: [w.plan.slug, 1],
        lambda w: {"goal-title": "Neues Ziel", "goal-description": ""},
        MANAGE,
        lambda w: w.plan.fields.get(number=1).goals.filter(title="Neues Ziel").exists(),
    ),
    (
        "plans:example_add",
        lambda w: [w.report.pk],
        lambda w: {
            "field": w.plan.fields.get(number=1).pk,
            "text": "Ein Beispiel",
            "place": "",
            "provider": "",
        },
        MANAGE,
        lambda w: w.report.examples.exists(),
    ),
    (
        "plans:requests_send",
        lambda w: [w.report.pk],
        lambda w: {"due_on": "2030-01-31", "message": ""},
        MANAGE,
        lambda w: w.report.update_requests.exists(),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", POST_ACTIONS, ids=[a[0] for a in POST_ACTIONS])
def test_post_matrix(client, world, role, action):
    name, args, data, table, changed = action
    client = client_for(client, world, role)
    response = client.post(reverse(name, args=args(world)), data(world))
    allowed = expected(table, role) == 200
    if allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == expected(table, role)
    assert changed(world) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_organization_page_only_for_admins(client, world, role):
    client = client_for(client, world, role)
    url = reverse("backoffice:organization_detail", args=[world.organization.slug])
    # Members of the organisation see that it exists: 403; strangers 404.
    want = {"anonymous": 302, "admin": 200, "superuser": 200, "stranger": 404}.get(role, 403)
    assert client.get(url).status_code == want
    client.post(url, {"unit-name": "Neues Amt", "unit-email": ""})
    assert world.organization.units.filter(name="Neues Amt").exists() == (want == 200)
