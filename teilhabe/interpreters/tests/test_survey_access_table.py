"""Every back-office route of the staff language survey, found in its URLconf, against one role
table (the survey's roles are described in survey_world.py): anonymous people go to the login,
people outside the participating administrations get 404, participants use their own page and
the directory, only the Kreis's coordinators (and the platform operator) set the survey up and see
its statistics — and a staff member's entry is seen by nobody but the colleagues it reaches, not
even by a superuser."""

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.core.access import access_of
from teilhabe.interpreters import urls_backoffice

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "stranger",
    "superuser",
    "coordinator",
    "reader",
    "staff",
    "same_unit",
    "other_unit",
    "other_admin",
]
PARTICIPANTS = ["coordinator", "reader", "staff", "same_unit", "other_unit", "other_admin"]
SIGNED_IN = {"anonymous": 302, **dict.fromkeys(ROLES[1:], 200)}
VIEW = {"anonymous": 302, "stranger": 404, "superuser": 200, **dict.fromkeys(PARTICIPANTS, 200)}
MANAGE = {
    **VIEW,
    **dict.fromkeys(["reader", "staff", "same_unit", "other_unit", "other_admin"], 403),
}
# Creating needs the Kreis itself: people of the Gemeinde are not members of it (404).
CREATE = {**MANAGE, "other_admin": 404}
TAKE = VIEW
# The entry of `staff` is visible to the whole Kreis: every participant, never the operator.
ENTRY = {**VIEW, "superuser": 404}
# Inviting `staff` into the Kreis's pool: its coordination only (POST; 405 to a GET).
INVITE = {
    **dict.fromkeys(PARTICIPANTS, 403),
    "anonymous": 302,
    "stranger": 404,
    # The operator passes the access layer (Django grants superusers every permission) and
    # meets 405; a POST asks the rule itself and ends in 404 (test_survey_privacy).
    "superuser": 405,
    "coordinator": 405,
}


def _survey(world):
    return {"pk": world["survey"].pk}


TABLE = {
    "survey_list": (lambda w: {}, SIGNED_IN),
    "survey_create": (lambda w: {"org_slug": w["kreis"].slug}, CREATE),
    "survey_detail": (_survey, VIEW),
    "survey_edit": (_survey, MANAGE),
    "survey_statistics": (_survey, MANAGE),
    "own_entry": (_survey, TAKE),
    "own_export": (_survey, TAKE),
    "own_withdraw": (_survey, TAKE),
    "directory": (_survey, TAKE),
    "entry_detail": (lambda w: {"pk": w["entry"].pk}, ENTRY),
    "entry_invite": (lambda w: {"pk": w["entry"].pk}, INVITE),
}
RULES = {
    "survey_list": "core.signed_in",
    "survey_create": "interpreters.survey_manage",
    "survey_detail": "interpreters.survey_view",
    "survey_edit": "interpreters.survey_manage",
    "survey_statistics": "interpreters.survey_manage",
    "own_entry": "interpreters.survey_take",
    "own_export": "interpreters.survey_take",
    "own_withdraw": "interpreters.survey_take",
    "directory": "interpreters.survey_take",
    "entry_detail": "interpreters.view_staff_skill",
    "entry_invite": "interpreters.invite_staff",
}


def test_every_route_declares_its_rule_and_has_a_row():
    routes = {pattern.name: pattern.callback for pattern in urls_backoffice.urlpatterns}
    survey_routes = {name for name in routes if name in RULES}
    assert survey_routes == set(TABLE), "a survey route without a row (or a row without a route)"
    for name in survey_routes:
        access = access_of(routes[name])
        assert access is not None, f"{name} declares no rule"
        assert access.rule == RULES[name], name


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role, survey_world):
    from teilhabe.interpreters.services import pool as pool_services

    pool_services.pool_create(organization=survey_world["kreis"], name="Sprachmittlerpool", by=None)
    client = Client()
    if role != "anonymous":
        client.force_login(survey_world["people"][role])
    failures = []
    for name, (keywords, expected) in TABLE.items():
        url = reverse(f"interpreters:{name}", kwargs=keywords(survey_world))
        response = client.get(url)
        if response.status_code != expected[role]:
            failures.append(f"{name} {url}: {response.status_code} != {expected[role]}")
        elif role == "anonymous" and not response["Location"].startswith(reverse("login")):
            failures.append(f"{name}: anonymous sent to {response['Location']}, not the login")
    assert not failures, "\n".join(failures)
