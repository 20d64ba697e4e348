"""Open data of indicators: every format carries the values and the suppressed one only as a
flag, a hidden indicator has no files, the number of queries does not grow with the values."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.indicators import services
from teilhabe.indicators.models import Indicator
from teilhabe.testing.roles import RoleWorld

# A number that appears nowhere else in the files, so finding it would be a leak.
SECRET = Decimal("4711")


@pytest.fixture
def world(db):
    roles = RoleWorld.build()
    organization = roles.organization
    organization.ags = "08115000"
    organization.save(update_fields=["ags"])
    entry = Indicator.objects.catalogue().get(code="einbuergerungen")
    indicator = services.indicator_adopt(entry=entry, organization=organization, by=None)
    services.indicator_update(indicator=indicator, version=indicator.version, by=None, public=True)
    indicator.refresh_from_db()
    services.observation_set(
        indicator=indicator, ags="08115000", year=2016, value=Decimal(800), by=None
    )
    observation = services.observation_set(
        indicator=indicator, ags="08115000", year=2017, value=SECRET, by=None
    )
    # Suppressed later: the service forgets the number it had.
    services.observation_set(
        indicator=indicator, ags="08115000", year=2017, value=SECRET, flag="suppressed", by=None
    )
    observation.refresh_from_db()
    assert observation.value is None
    return roles, indicator


def _get(roles, indicator, fmt):
    url = reverse("portal:indicator_data", args=[roles.organization.slug, indicator.pk, fmt])
    return Client().get(url)


def test_csv_and_json_carry_values_and_never_the_suppressed_number(world):
    roles, indicator = world
    csv_text = _get(roles, indicator, "csv").content.decode("utf-8-sig")
    assert csv_text.splitlines() == [
        "ags;year;dimension;group;value;flag",
        "08115000;2016;;;800;",
        "08115000;2017;;;;suppressed",
    ]
    document = json.loads(_get(roles, indicator, "json").content)
    assert document["meta"]["code"] == "einbuergerungen"
    assert [(o["year"], o["value"], o["flag"]) for o in document["observations"]] == [
        (2016, "800", ""),
        (2017, None, "suppressed"),
    ]
    assert "4711" not in csv_text and "4711" not in json.dumps(document)


def test_xlsx_has_the_values_and_the_source(world):
    roles, indicator = world
    response = _get(roles, indicator, "xlsx")
    assert response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    values = list(workbook["Werte"].iter_rows(values_only=True))
    assert values[1:] == [
        ("08115000", 2016, None, None, 800, None),
        ("08115000", 2017, None, None, None, "suppressed"),
    ]
    cells = [c for row in values for c in row]
    assert 4711 not in cells and "4711" not in cells
    about = dict(workbook["Quelle und Lizenz"].iter_rows(values_only=True))
    assert about["title"] == indicator.title


def test_hidden_indicators_and_unknown_formats_have_no_file(world):
    roles, indicator = world
    assert _get(roles, indicator, "sdmx").status_code == 404
    services.indicator_update(indicator=indicator, version=indicator.version, by=None, public=False)
    assert _get(roles, indicator, "csv").status_code == 404


def test_the_portal_page_links_the_files(world):
    roles, indicator = world
    url = reverse("portal:indicator_detail", args=[roles.organization.slug, indicator.pk])
    text = Client().get(url).content.decode()
    assert (
        reverse("portal:indicator_data", args=[roles.organization.slug, indicator.pk, "csv"])
        in text
    )


@pytest.mark.parametrize("years", [2, 12])
def test_queries_do_not_grow_with_the_values(world, years, django_assert_max_num_queries):
    roles, indicator = world
    for year in range(2000, 2000 + years):
        services.observation_set(
            indicator=indicator, ags="08000000", year=year, value=Decimal(year), by=None
        )
    with django_assert_max_num_queries(6):
        assert _get(roles, indicator, "json").status_code == 200


def test_json_stat_is_a_valid_dataset_without_the_suppressed_number(world):
    """JSON-stat 2.0 (issue 15): id and size agree, every category has an index, the flat index
    of each value lies inside the cube, the suppressed value is null with its status."""
    roles, indicator = world
    # A breakdown, as the observations' import writes it.
    from teilhabe.indicators.models import Observation

    Observation.objects.create(
        indicator=indicator,
        ags="08115000",
        year=2016,
        value=Decimal(420),
        dimension="Geschlecht",
        group="weiblich",
    )
    response = _get(roles, indicator, "jsonstat")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert (document["version"], document["class"]) == ("2.0", "dataset")
    assert document["id"] == ["ags", "year", "breakdown"]
    sizes = [len(document["dimension"][d]["category"]["index"]) for d in document["id"]]
    assert document["size"] == sizes == [1, 2, 2]
    cells = sizes[0] * sizes[1] * sizes[2]
    assert all(0 <= int(key) < cells for key in document["value"])
    index = {d: document["dimension"][d]["category"]["index"] for d in document["id"]}

    def flat(ags, year, group):
        return str(
            (index["ags"][ags] * sizes[1] + index["year"][year]) * sizes[2]
            + index["breakdown"][group]
        )

    assert document["value"][flat("08115000", "2016", "insgesamt")] == 800
    assert document["value"][flat("08115000", "2016", "Geschlecht: weiblich")] == 420
    suppressed = flat("08115000", "2017", "insgesamt")
    assert document["value"][suppressed] is None and document["status"][suppressed] == "suppressed"
    assert document["role"] == {"geo": ["ags"], "time": ["year"]}
    assert "4711" not in response.content.decode()


def test_exports_escape_formulas_and_keep_negative_numbers(world):
    """Group names come from imported tables: a formula among them is written as text in CSV
    and XLSX (documents.cells), while a negative value stays a number."""
    roles, indicator = world
    from teilhabe.indicators.models import Observation

    Observation.objects.create(
        indicator=indicator,
        ags="08115000",
        year=2016,
        value=Decimal("-2.50"),
        dimension="Merkmal",
        group='=HYPERLINK("http://example.org")',
    )
    csv_text = _get(roles, indicator, "csv").content.decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(csv_text), delimiter=";") if r[2] == "Merkmal"]
    assert rows[0][3].startswith("'=HYPERLINK") and rows[0][4] == "-2.5"
    book = load_workbook(io.BytesIO(_get(roles, indicator, "xlsx").content))
    (row,) = [r for r in book["Werte"].iter_rows() if r[2].value == "Merkmal"]
    # Stored as text, not as a formula (openpyxl reads a formula back with data type "f").
    assert row[3].data_type == "s" and row[3].value.startswith("=HYPERLINK")
    assert row[4].value == -2.5
