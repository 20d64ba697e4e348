"""Every back-office route of the interpreter pool against one role table. The pool holds the
most sensitive data of Teilhabe, so every page needs `interpreters.manage_pool`: the pool
coordination (administrators and coordinators of the owning organisation) and the platform's
superusers. Other members of the organisation (readers, office editors) are refused (403),
another organisation's coordinator does not learn that the pool exists (404), anonymous people
go to the login. POST-only routes asked with GET answer 405 to those who may use them."""

import datetime as dt

import pytest
from django.test import Client

from teilhabe.core.access import access_of
from teilhabe.interpreters import urls_backoffice
from teilhabe.interpreters.services import pool as services
from teilhabe.testing.roles import role_table_failures

from .pool_world import DAY

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "stranger",
    "reader",
    "editor_own",
    "editor_other",
    "coordinator",
    "admin",
    "superuser",
]
MANAGE = {
    "anonymous": 302,
    "stranger": 404,
    **dict.fromkeys(["reader", "editor_own", "editor_other"], 403),
    **dict.fromkeys(["coordinator", "admin", "superuser"], 200),
}
MANAGE_POST = {**MANAGE, "coordinator": 405, "admin": 405, "superuser": 405}


def _pool(s):
    return {"pk": s["pool"].pk}


def _org(s):
    return {"org_slug": s["world"].organization.slug}


TABLE = {
    "pool_list": (_org, MANAGE),
    "pool_create": (_org, MANAGE),
    "pool_detail": (_pool, MANAGE),
    "pool_edit": (_pool, MANAGE),
    "mediator_list": (_pool, MANAGE),
    "mediator_create": (_pool, MANAGE),
    "access_log": (_pool, MANAGE),
    "body_list": (_pool, MANAGE),
    "request_list": (_pool, MANAGE),
    "statement_list": (_pool, MANAGE),
    "mediator_detail": (lambda s: {"pk": s["mediators"]["amal"].pk}, MANAGE),
    "mediator_edit": (lambda s: {"pk": s["mediators"]["amal"].pk}, MANAGE),
    "training_add": (lambda s: {"pk": s["mediators"]["amal"].pk}, MANAGE_POST),
    "mediator_link": (lambda s: {"pk": s["mediators"]["amal"].pk}, MANAGE_POST),
    "mediator_status": (lambda s: {"pk": s["mediators"]["amal"].pk}, MANAGE_POST),
    "requester_create": (lambda s: {"pk": s["body"].pk}, MANAGE_POST),
    "requester_link": (lambda s: {"pk": s["requester"].pk}, MANAGE_POST),
    "request_detail": (lambda s: {"pk": s["submitted"].pk}, MANAGE),
    "request_offer": (lambda s: {"pk": s["submitted"].pk}, MANAGE_POST),
    "request_close": (lambda s: {"pk": s["submitted"].pk}, MANAGE_POST),
    "statement_detail": (lambda s: {"pk": s["statement"].pk}, MANAGE),
    "statement_download": (lambda s: {"pk": s["statement"].pk, "fmt": "csv"}, MANAGE),
}


def test_every_route_declares_its_rule_and_has_a_row():
    # The survey's routes (erhebung/…) have their own table (test_survey_access_table).
    routes = {
        pattern.name: pattern.callback
        for pattern in urls_backoffice.urlpatterns
        if not str(pattern.pattern).startswith("erhebung/")
    }
    assert set(routes) == set(TABLE), "a route without a row (or a row without a route)"
    for name, view in routes.items():
        access = access_of(view)
        assert access is not None, f"{name} declares no rule"
        assert access.rule == "interpreters.manage_pool", name


@pytest.mark.parametrize("role", ROLES)
def test_role_table(pool_setup, role):
    setup = pool_setup
    services.offer_accept(offer=setup["offers"][0])
    services.attendance_confirm(
        request=setup["offered"],
        requester=setup["requester"],
        attended=True,
        minutes=60,
        travel_km=0,
        today=DAY + dt.timedelta(days=1),
    )
    setup["statement"] = services.statement_create(pool=setup["pool"], month=DAY, by=None)
    client = setup["world"].login(Client(), role) if role != "superuser" else Client()
    if role == "superuser":
        client.force_login(setup["world"].people["superuser"])
    failures = role_table_failures(client, setup, "interpreters", TABLE, role)
    assert not failures, "\n".join(failures)
