"""Every back-office route of indicators against one role table: members read, admins and
coordinators manage, members of another organisation get 404, anonymous people the login.
POST-only routes asked with GET answer the access first (404/403), 405 to those who may."""

import pytest
from django.test import Client

from teilhabe.core.access import access_of
from teilhabe.indicators import services, urls_backoffice
from teilhabe.indicators.models import Indicator
from teilhabe.organizations.models import Role
from teilhabe.plans import services as plan_services
from teilhabe.testing import make_organization, make_plan, make_user
from teilhabe.testing.roles import RoleWorld, role_table_failures

pytestmark = pytest.mark.django_db
NAMESPACE = "indicators"
ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin", "superuser"]
# A member of the Land above the world's Kreis: reads the Land overview and nothing of the towns.
LAND = "land_observer"
READ = {"anonymous": 302, "stranger": 404, **dict.fromkeys(ROLES[2:], 200), LAND: 404}
MANAGE_POST = {**READ, "reader": 403, "editor_own": 403, **dict.fromkeys(ROLES[4:], 405)}
LAND_READ = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "superuser": 200, LAND: 200}


def _org(world):
    return {"org_slug": world["organization"].slug}


def _indicator(world):
    return {"pk": world["indicator"].pk}


TABLE = {
    "land_overview": (lambda w: {"org_slug": w["land"].slug}, LAND_READ),
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
    "alignment_delete": (lambda w: {"pk": w["alignment"].pk}, MANAGE_POST),
}
RULES = {
    "land_overview": "indicators.view_land",
    "indicator_list": "indicators.view_internal",
    "indicator_detail": "indicators.view_internal",
    "kreis_rollup": "indicators.view_internal",
}


def build_world() -> dict:
    roles = RoleWorld.build()
    services.catalogue_ensure()  # a browser test's flush may have emptied it
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
    land = make_organization(name="Land Test", kind="state")
    kreis_plan.organization.parent = land
    kreis_plan.organization.save(update_fields=["parent"])
    people = {**roles.people, LAND: make_user(land, Role.READER)}
    return {
        "plan": roles.plan,
        "measure": roles.measure,
        "alignment": alignment,
        "organization": roles.organization,
        "entry": Indicator.objects.catalogue().get(code="auslaenderanteil"),
        "indicator": indicator,
        "people": people,
        "land": land,
    }


def test_every_route_declares_its_rule_and_has_a_row():
    routes = {pattern.name: pattern.callback for pattern in urls_backoffice.urlpatterns}
    assert set(routes) == set(TABLE)
    for name, view in routes.items():
        assert access_of(view).rule == RULES.get(name, "indicators.manage"), name


@pytest.mark.parametrize("role", [*ROLES, LAND])
def test_role_table(role):
    world = build_world()
    client = Client()
    if role != "anonymous":
        client.force_login(world["people"][role])
    failures = role_table_failures(client, world, NAMESPACE, TABLE, role)
    assert not failures, "\n".join(failures)
