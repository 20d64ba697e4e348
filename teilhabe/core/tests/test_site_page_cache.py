"""The site's start page comes from the cache like every other public page, and a change of
any organisation's public content renews it."""

import pytest

from teilhabe.core import generations
from teilhabe.testing.factories import OrganizationFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_start_page_is_served_from_the_cache_until_an_organisation_changes(
    client, real_cache, django_assert_max_num_queries
):
    first = OrganizationFactory(name="Erstkreis")
    PlanFactory(organization=first, status="adopted")
    assert "Erstkreis" in client.get("/").content.decode()

    second = OrganizationFactory(name="Zweitstadt")
    PlanFactory(organization=second, status="adopted")
    with django_assert_max_num_queries(0):
        cached = client.get("/")
    assert "Zweitstadt" not in cached.content.decode()

    generations.bump(generations.organization_scope(second.slug))
    assert "Zweitstadt" in client.get("/").content.decode()
    # Each language its own copy.
    assert 'lang="en"' in client.get("/en/").content.decode()


def test_signed_in_people_get_the_start_page_fresh(client, real_cache):
    from teilhabe.testing.factories import UserFactory

    client.get("/")
    organization = OrganizationFactory(name="Neuland")
    PlanFactory(organization=organization, status="adopted")
    client.force_login(UserFactory())
    assert "Neuland" in client.get("/").content.decode()
