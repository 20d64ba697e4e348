"""Shared data (teilhabe.testing.state): built once for consecutive tests, yet every test
starts from the data as built, and a test that does not ask for it sees an empty database.

The tests alternate on purpose: whichever worker runs them in whatever order, each checks
what it finds and then changes it."""

import pytest

from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan


def check_and_change(world):
    plan = Plan.objects.get(pk=world.plan.pk)
    assert not plan.title.endswith("(geändert)")
    assert not world.plan.title.endswith("(geändert)")  # each test has its own copy
    # The world's organisation and the stranger's, nothing a previous test added.
    assert Organization.objects.count() == 2
    Plan.objects.filter(pk=plan.pk).update(title=f"{plan.title} (geändert)")
    world.plan.title += " (geändert)"
    Organization.objects.create(name="Zusatz", slug=f"zusatz-{plan.pk}", kind="city")


def check_empty():
    assert not Organization.objects.exists()
    assert not Plan.objects.exists()


@pytest.mark.parametrize("n", range(3))
def test_shared_data_starts_as_built(world, n):
    check_and_change(world)


@pytest.mark.django_db
def test_without_shared_data_the_database_is_empty():
    check_empty()


@pytest.mark.parametrize("n", range(3))
def test_shared_data_starts_as_built_again(world, n):
    check_and_change(world)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_an_empty_database():
    check_empty()
    Organization.objects.create(name="Festgeschrieben", slug="festgeschrieben", kind="city")
