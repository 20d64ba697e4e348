"""The back office's start page shows the targets of the person's organisations with their
status, not those of another organisation, in a number of queries that does not grow."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.indicators import services
from teilhabe.indicators.models import Indicator
from teilhabe.testing.roles import RoleWorld


@pytest.fixture
def roles(db):
    roles = RoleWorld.build()
    roles.organization.ags = "08115000"
    roles.organization.save(update_fields=["ags"])
    return roles


def _target(roles, code, years=2):
    entry = Indicator.objects.catalogue().get(code=code)
    indicator = services.indicator_adopt(entry=entry, organization=roles.organization, by=None)
    for year in range(2016, 2016 + years):
        services.observation_set(
            indicator=indicator, ags="08115000", year=year, value=Decimal(800 + year), by=None
        )
    services.target_set(
        indicator=indicator,
        plan=roles.plan,
        field=roles.plan.fields.get(number=1),
        baseline_year=2016,
        baseline_value=Decimal(800),
        target_year=2024,
        target_value=Decimal(900),
        by=None,
    )
    return indicator


def test_members_see_their_targets_others_do_not(roles):
    indicator = _target(roles, "einbuergerungen")
    page = roles.login(Client(), "reader").get(reverse("backoffice:home")).content.decode()
    assert "Kennzahlen mit Zielwert" in page and indicator.title in page
    assert "900 im Jahr 2024" in page
    other = roles.login(Client(), "stranger").get(reverse("backoffice:home")).content.decode()
    assert "Kennzahlen mit Zielwert" not in other


def test_queries_do_not_grow_with_targets(roles, django_assert_max_num_queries):
    client = roles.login(Client(), "coordinator")
    _target(roles, "einbuergerungen")
    with CountingQueries() as one:
        client.get(reverse("backoffice:home"))
    _target(roles, "arbeitslosenquote-auslaender", years=6)
    with django_assert_max_num_queries(one.count):
        assert client.get(reverse("backoffice:home")).status_code == 200


class CountingQueries:
    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.context = CaptureQueriesContext(connection)
        self.context.__enter__()
        return self

    def __exit__(self, *exc):
        self.context.__exit__(*exc)
        self.count = len(self.context)
