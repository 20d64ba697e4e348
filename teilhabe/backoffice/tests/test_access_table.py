"""The back office's shell and the API-key pages against one role table: the start page and the
key list for anybody signed in, an organisation's offices and people for its administrators,
its public portal details, readers' feedback and the recipients of its offices for its
administrators and coordinators."""

import pytest
from django.utils import translation

from teilhabe.api.services import api_token_create
from teilhabe.plans.tests.test_access_table import (
    MANAGE,
    READ,
    ROLES,
    build_world,
    client_for,
    post_only,
)
from teilhabe.portal.services import feedback_submit
from teilhabe.testing.roles import role_table_failures

pytestmark = pytest.mark.django_db

SIGNED_IN = {**READ, "stranger": 200}
ADMINISTER = {**MANAGE, "coordinator": 403}
# Somebody else's key does not exist for them; its owner (the coordinator) may revoke it, and
# so may a superuser.
OWN_KEY = {
    **dict.fromkeys(ROLES, 404),
    "anonymous": 302,
    "coordinator": 405,
    "superuser": 405,
}


def _org(w):
    return {"org_slug": w["plan"].organization.slug}


TABLES = {
    "backoffice": {
        "home": (lambda w: {}, SIGNED_IN),
        "organization_detail": (_org, ADMINISTER),
        "membership_remove": (
            lambda w: {**_org(w), "pk": w["membership"].pk},
            post_only(ADMINISTER),
        ),
        "unit_contacts": (_org, MANAGE),
        "unit_contacts_edit": (
            lambda w: {**_org(w), "pk": w["units"][0].pk},
            post_only(MANAGE),
        ),
        "profile_edit": (_org, MANAGE),
        "feedback_list": (_org, MANAGE),
        "feedback_handle": (
            lambda w: {**_org(w), "pk": w["feedback"].pk},
            post_only(MANAGE),
        ),
    },
    "api_tokens": {
        "list": (lambda w: {}, SIGNED_IN),
        "revoke": (lambda w: {"pk": w["token"].pk}, OWN_KEY),
    },
}


def build_shell_world() -> dict:
    world = build_world()
    organization = world["plan"].organization
    with translation.override("de"):
        feedback = feedback_submit(organization=organization, message="Der Kontrast ist schwach.")
    token, _key = api_token_create(user=world["people"]["coordinator"], name="Fachverfahren")
    membership = world["people"]["reader"].memberships.get(organization=organization)
    return world | {"feedback": feedback, "token": token, "membership": membership}


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role):
    world = build_shell_world()
    client = client_for(world, role)
    failures = [
        failure
        for namespace, table in TABLES.items()
        for failure in role_table_failures(client, world, namespace, table, role)
    ]
    assert not failures, "\n".join(failures)
