"""Every back-office route of indicators against one role table: members read, admins and
coordinators manage, members of another organisation get 404, anonymous people the login.
POST-only routes asked with GET answer the access first (404/403), 405 to those who may."""

import pytest
from django.test import Client

from teilhabe.core.access import access_of
from teilhabe.indicators import services, urls_backoffice
from teilhabe.indicators.models import Indicator
from teilhabe.plans import services as plan_services
from teilhabe.testing import make_plan
from teilhabe.testing.roles import RoleWorld, role_table_failures

pytestmark = pytest.mark.django_db
NAMESPACE = "indicators"
ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin", "superuser"]
READ = {"anonymous": 302, "stranger": 404, **dict.fromkeys(ROLES[2:], 200)}
MANAGE_POST = {**READ, "reader": 403, "editor_own": 403, **dict.fromkeys(ROLES[4:], 405)}


def _org(world):
    return {"org_slug": world["organization"].slug}


def _indicator(world):
    return {"pk": world["indicator"].pk}


TABLE = {
    "indicator_list": (_org, READ),
    "indicator_adopt": (lambda w: {**_org(w), "entry_id": w["entry"].pk}, MANAGE_POST),
    "indicator_detail": (_indicator, READ),
    "indicator_import": (_indicator, MANAGE_POST),
    "indicator_target": (_indicator, MANAGE_POST),
    "indicator_publish": (_indicator, MANAGE_POST),
    "kreis_rollup": (lambda w: {"plan_slug": w["plan"].slug}, READ),
    "plan_start_from_kreis": (lambda w: {"plan_slug": w["plan"].slug}, MANAGE_POST),
    "measure_align": (lambda w: {"pk": w["measure"].pk}, MANAGE_POST),
    "alignment_seen": (lambda w: {"pk": w["alignment"].pk}, MANAGE_POST),
}
RULES = {
    "indicator_list": "indicators.view_internal",
    "indicator_detail": "indicators.view_internal",
    "kreis_rollup": "indicators.view_internal",
}


def build_world() -> dict:
    roles = RoleWorld.build()
    entry = Indicator.objects.catalogue().get(code="einbuergerungen")
    indicator = services.indicator_adopt(entry=entry, organization=roles.organization, by=None)
    # The world's organisation is a town of a Kreis whose plan one of its measures points at.
    kreis_plan, _report, _units = make_plan(fields=1, measures_per_field=1, units=1)
    roles.organization.parent = kreis_plan.organization
    roles.organization.save(update_fields=["parent"])
    goal = plan_services.goal_create(
        field=kreis_plan.fields.get(), title="Ziel des Kreises", by=None
    )
    alignment = services.alignment_create(
        source=roles.measure, target=goal, kind="contributes", by=None
    )
    return {
        "plan": roles.plan,
        "measure": roles.measure,
        "alignment": alignment,
        "organization": roles.organization,
        "entry": Indicator.objects.catalogue().get(code="auslaenderanteil"),
        "indicator": indicator,
        "people": roles.people,
    }


def test_every_route_declares_its_rule_and_has_a_row():
    routes = {pattern.name: pattern.callback for pattern in urls_backoffice.urlpatterns}
    assert set(routes) == set(TABLE)
    for name, view in routes.items():
        assert access_of(view).rule == RULES.get(name, "indicators.manage"), name


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role):
    world = build_world()
    client = Client()
    if role != "anonymous":
        client.force_login(world["people"][role])
    failures = role_table_failures(client, world, NAMESPACE, TABLE, role)
    assert not failures, "\n".join(failures)
