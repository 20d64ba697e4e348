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


def test_json_stat_in_the_api_is_the_open_data_file_without_the_suppressed_number(world):
    shown, hidden, of_draft = world
    response = Client().get(f"/api/v1/indicators/{shown.pk}/jsonstat/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    dataset = response.json()
    assert (dataset["version"], dataset["class"]) == ("2.0", "dataset")
    assert dataset["size"] == [1, 2, 1]
    # Flat index: year 2016 is 0, 2017 is 1 (one place, one breakdown).
    assert dataset["value"] == {"0": 800.0, "1": None}
    assert dataset["status"] == {"1": "suppressed"}
    assert "4711" not in response.content.decode()
    portal_file = (
        Client().get(f"/{shown.organization.slug}/kennzahlen/{shown.pk}/daten.jsonstat").json()
    )
    assert portal_file == dataset
    for other in (hidden, of_draft):
        assert Client().get(f"/api/v1/indicators/{other.pk}/jsonstat/").status_code == 404


def test_json_stat_queries_do_not_grow(world, django_assert_max_num_queries):
    shown, _hidden, _of_draft = world
    for year in range(2000, 2012):
        services.observation_set(
            indicator=shown, ags="08000000", year=year, value=Decimal(year), by=None
        )
    with django_assert_max_num_queries(4):
        assert Client().get(f"/api/v1/indicators/{shown.pk}/jsonstat/").status_code == 200


def test_the_openapi_document_names_the_routes(db):
    paths = Client().get("/api/schema/?format=json").json()["paths"]
    assert "/api/v1/indicators/{id}/" in paths
    assert "/api/v1/indicators/{indicator_id}/observations/" in paths
    jsonstat = paths["/api/v1/indicators/{indicator_id}/jsonstat/"]["get"]
    assert jsonstat["tags"] == ["Kennzahlen"]
    schema = jsonstat["responses"]["200"]["content"]["application/json"]["schema"]
    assert {"version", "id", "size", "dimension", "value"} <= set(schema["required"])


def test_a_town_drafting_in_public_has_its_indicators_in_the_api_as_on_its_portal(world):
    from teilhabe.testing import make_plan

    drafting, _report, _units = make_plan(status="draft", fields=1, measures_per_field=1, units=1)
    drafting.draft_visibility = "participation"
    drafting.save(update_fields=["draft_visibility"])
    entry = Indicator.objects.catalogue().get(code="auslaenderanteil")
    shown = services.indicator_adopt(entry=entry, organization=drafting.organization, by=None)
    services.indicator_update(indicator=shown, version=shown.version, by=None, public=True)
    portal = Client().get(f"/{drafting.organization.slug}/kennzahlen/{shown.pk}/")
    assert portal.status_code == 200
    assert Client().get(f"/api/v1/indicators/{shown.pk}/").status_code == 200
