"""Snapshot (teilhabe.testing.database): every table's rows and the sequences put back."""

import pytest

from teilhabe.organizations.models import Organization
from teilhabe.testing.database import Snapshot
from teilhabe.testing.factories import OrganizationFactory, PlanFactory


@pytest.mark.django_db(transaction=True)
def test_restore_puts_back_rows_and_sequences():
    plan = PlanFactory()
    before = list(Organization.objects.values_list("pk", "name"))
    snapshot = Snapshot(schema="teilhabe_snapshot_test")
    snapshot.take()
    try:
        next_pk = OrganizationFactory().pk
        Organization.objects.filter(pk=plan.organization_id).update(name="Umbenannt")
        snapshot.restore()
        assert list(Organization.objects.values_list("pk", "name")) == before
        assert plan.organization.plans.get() == plan
        assert OrganizationFactory().pk == next_pk
    finally:
        snapshot.drop()
