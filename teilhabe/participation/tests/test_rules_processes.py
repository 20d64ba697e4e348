"""Role × action matrix for processes, formats, members and registrations: who may see, manage,
see personal data and export. 404 for what a person may not see, 403 for what they may see but
not do."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin"]


def login(client, process_rules_setup, role):
    if process_rules_setup["people"][role] is not None:
        client.force_login(process_rules_setup["people"][role])


def status(response) -> str:
    if response.status_code == 302 and "/anmelden" in response.get("Location", ""):
        return "login"
    return {200: "ok", 302: "ok", 403: "forbidden", 404: "hidden"}.get(
        response.status_code, str(response.status_code)
    )


SEE = {
    "anonymous": "login",
    "stranger": "hidden",
    "reader": "ok",
    "editor_own": "ok",
    "coordinator": "ok",
    "admin": "ok",
}
MANAGE = SEE | {"reader": "forbidden", "editor_own": "forbidden"}


def reading_urls(s):
    return [
        reverse("participation:process_list", args=[s["plan"].slug]),
        reverse("participation:process_detail", args=[s["process"].pk]),
        reverse("participation:format_detail", args=[s["event"].pk]),
        reverse("participation:format_detail", args=[s["group"].pk]),
    ]


def managing_urls(s):
    return [
        reverse("participation:process_create", args=[s["plan"].slug]),
        reverse("participation:process_edit", args=[s["process"].pk]),
        reverse("participation:format_create", args=[s["process"].pk, "workshop"]),
        reverse("participation:format_edit", args=[s["event"].pk]),
        reverse("participation:format_delete", args=[s["event"].pk]),
        reverse("participation:member_create", args=[s["group"].pk]),
        reverse("participation:member_edit", args=[s["member"].pk]),
    ]


def personal_urls(s):
    return [
        reverse("participation:registration_list", args=[s["event"].pk]),
        reverse("participation:registration_export", args=[s["event"].pk, "csv"]),
        reverse("participation:registration_export", args=[s["event"].pk, "xlsx"]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, process_rules_setup, role):
    login(client, process_rules_setup, role)
    for url in reading_urls(process_rules_setup):
        assert status(client.get(url)) == SEE[role], (role, url)
    for url in managing_urls(process_rules_setup):
        assert status(client.get(url)) == MANAGE[role], (role, url)
    for url in personal_urls(process_rules_setup):
        assert status(client.get(url)) == MANAGE[role], (role, url)
    attendance = reverse(
        "participation:registration_attendance", args=[process_rules_setup["registration"].pk]
    )
    assert status(client.post(attendance, {"attended": "ja"})) == MANAGE[role], role
    remove = reverse("participation:member_delete", args=[process_rules_setup["member"].pk])
    expected_remove = MANAGE[role]
    assert status(client.post(remove)) == expected_remove, role


@pytest.mark.parametrize("role", ROLES)
def test_personal_data_only_for_coordinators(client, process_rules_setup, role):
    login(client, process_rules_setup, role)
    may_see = role in ("coordinator", "admin")
    for url in (
        reverse("participation:format_detail", args=[process_rules_setup["group"].pk]),
        reverse("participation:process_detail", args=[process_rules_setup["process"].pk]),
    ):
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = response.content.decode()
        assert ("Frau Mitglied" in text) == (
            may_see and url.endswith(f"/formate/{process_rules_setup['group'].pk}/")
        ), (role, url)
        assert "angemeldet@example.org" not in text


@pytest.mark.parametrize("role", ROLES)
def test_nobody_sees_a_non_public_process_on_the_portal(client, process_rules_setup, role):
    login(client, process_rules_setup, role)
    plan = process_rules_setup["plan"]
    url = reverse(
        "portal:process",
        kwargs={
            "org_slug": plan.organization.slug,
            "plan_slug": plan.slug,
            "process_slug": process_rules_setup["process"].slug,
        },
    )
    assert client.get(url).status_code == 404


def test_token_holder_sees_only_their_own_data(client, process_rules_setup):
    plan = process_rules_setup["plan"]
    kwargs = {"org_slug": plan.organization.slug, "plan_slug": plan.slug}
    own = client.get(
        reverse(
            "portal:my_data", kwargs=kwargs | {"token": process_rules_setup["registration"].token}
        )
    )
    assert own.status_code == 200 and "angemeldet@example.org" in own.content.decode()
    member = client.get(
        reverse("portal:my_data", kwargs=kwargs | {"token": process_rules_setup["member"].token})
    )
    assert "angemeldet@example.org" not in member.content.decode()
    assert client.get(reverse("portal:my_data", kwargs=kwargs | {"token": "x"})).status_code == 404


def test_superuser_may_manage(client, process_rules_setup):
    from teilhabe.organizations.models import User

    admin = User.objects.create_superuser(email="root@example.org", password="x-123-geheim")
    client.force_login(admin)
    for url in managing_urls(process_rules_setup) + personal_urls(process_rules_setup):
        assert client.get(url).status_code == 200, url
