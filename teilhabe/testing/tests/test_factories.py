"""Every factory makes valid rows, and two calls make two distinct ones."""

import pytest

from teilhabe.organizations.models import Role
from teilhabe.testing import factories

pytestmark = pytest.mark.django_db

FACTORIES = [
    factories.OrganizationFactory,
    factories.UnitFactory,
    factories.UserFactory,
    factories.MembershipFactory,
    factories.PlanFactory,
    factories.FieldOfActionFactory,
    factories.GoalFactory,
    factories.MeasureFactory,
    factories.ProgressReportFactory,
    factories.ProgressEntryFactory,
    factories.MilestoneFactory,
    factories.ParticipationProcessFactory,
    factories.ParticipationFormatFactory,
    factories.IdeaFactory,
    factories.RecommendationFactory,
    factories.CommitteeFactory,
    factories.MeetingFactory,
    factories.PaperFactory,
]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_makes_valid_distinct_rows(factory):
    first, second = factory(), factory()
    for obj in (first, second):
        obj.full_clean()
    assert first.pk != second.pk


def test_editor_membership_gets_an_office_of_its_organisation():
    membership = factories.MembershipFactory(role=Role.EDITOR)
    assert membership.unit.organization == membership.organization
    assert factories.MembershipFactory(role=Role.READER).unit is None


def test_user_can_log_in_with_the_password(client):
    user = factories.UserFactory()
    assert client.login(email=user.email, password=factories.PASSWORD)


def test_entry_measure_belongs_to_the_reports_plan():
    entry = factories.ProgressEntryFactory()
    assert entry.measure.field.plan == entry.report.plan


def test_paper_links_the_plans_it_is_given():
    plan = factories.PlanFactory(status="adopted")
    paper = factories.PaperFactory(organization=plan.organization, plans=[plan])
    assert list(paper.plans.all()) == [plan]
    assert plan.adopted_on is not None
