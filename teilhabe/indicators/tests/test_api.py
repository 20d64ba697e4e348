"""Indicators in the REST API: only those shown on the portal of an organisation with a
published plan, their values with the suppressed one as null, constant queries, and both
routes in the OpenAPI document."""

from decimal import Decimal

import pytest
from django.test import Client

from teilhabe.indicators import services
from teilhabe.indicators.models import Indicator
from teilhabe.testing.roles import RoleWorld

SECRET = Decimal("4711")


@pytest.fixture
def world(db):
    roles = RoleWorld.build()
    organization = roles.organization
    organization.ags = "08115000"
    organization.save(update_fields=["ags"])
    entry = Indicator.objects.catalogue().get(code="einbuergerungen")
    shown = services.indicator_adopt(entry=entry, organization=organization, by=None)
    services.indicator_update(indicator=shown, version=shown.version, by=None, public=True)
    hidden = services.indicator_adopt(
        entry=Indicator.objects.catalogue().get(code="auslaenderanteil"),
        organization=organization,
        by=None,
    )
    # The stranger's plan is a draft: its public indicator stays out of the API.
    of_draft = services.indicator_adopt(
        entry=entry, organization=roles.stranger_organization, by=None
    )
    services.indicator_update(indicator=of_draft, version=of_draft.version, by=None, public=True)
    for indicator in (shown, hidden):
        services.observation_set(
            indicator=indicator, ags="08115000", year=2016, value=Decimal(800), by=None
        )
        services.observation_set(
            indicator=indicator, ags="08115000", year=2017, value=SECRET, by=None
        )
        services.observation_set(
            indicator=indicator, ags="08115000", year=2017, value=None, flag="suppressed", by=None
        )
    return shown, hidden, of_draft


def test_only_indicators_on_a_published_portal_are_listed(world):
    shown, hidden, of_draft = world
    listed = Client().get("/api/v1/indicators/").json()["results"]
    assert [item["id"] for item in listed] == [shown.pk]
    assert listed[0]["direction_label"] == "höher ist besser"
    assert Client().get(f"/api/v1/indicators/{hidden.pk}/").status_code == 404
    assert Client().get(f"/api/v1/indicators/{of_draft.pk}/").status_code == 404
    assert Client().get(f"/api/v1/indicators/{hidden.pk}/observations/").status_code == 404


def test_observations_never_carry_a_suppressed_number(world):
    shown, _hidden, _of_draft = world
    response = Client().get(f"/api/v1/indicators/{shown.pk}/observations/")
    assert response["Access-Control-Allow-Origin"] == "*"
    results = response.json()["results"]
    assert [(r["year"], r["value"], r["flag"]) for r in results] == [
        (2016, "800.0000", ""),
        (2017, None, "suppressed"),
    ]
    assert "4711" not in response.content.decode()


@pytest.mark.parametrize("years", [2, 12])
def test_queries_do_not_grow(world, years, django_assert_max_num_queries):
    shown, _hidden, _of_draft = world
    for year in range(2000, 2000 + years):
        services.observation_set(
            indicator=shown, ags="08000000", year=year, value=Decimal(year), by=None
        )
    with django_assert_max_num_queries(6):
        assert Client().get(f"/api/v1/indicators/{shown.pk}/observations/").status_code == 200
    with django_assert_max_num_queries(6):
        assert Client().get("/api/v1/indicators/").status_code == 200


def test_the_openapi_document_names_both_routes(db):
    paths = Client().get("/api/schema/?format=json").json()["paths"]
    assert "/api/v1/indicators/{id}/" in paths
    assert "/api/v1/indicators/{indicator_id}/observations/" in paths
