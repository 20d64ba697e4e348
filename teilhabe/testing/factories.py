"""factory_boy factories for the main models: rows straight through the ORM, with valid defaults.

Use them for data a test only needs to exist; use the builders in `teilhabe.testing.builders`
(`make_plan`, `make_user`, …) or the services where going through the services is the point
(a report with its entries, the search index, the history of a change, plan revisions).

    plan = PlanFactory(status="adopted")                 # organisation made on the way
    measure = MeasureFactory(field__plan=plan, lead_unit=UnitFactory(organization=plan.organization))
    editor = MembershipFactory(role=Role.EDITOR, organization=org, unit=unit).user
    report = ProgressReportFactory(plan=plan)            # no entries; see ProgressEntryFactory
    paper = PaperFactory(organization=org, plans=[plan])

Texts are German, as the users' data is; every unique field comes from a sequence.
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from teilhabe.council.models import Committee, Meeting, Paper
from teilhabe.organizations.models import Membership, Organization, Role, Unit, User
from teilhabe.participation.models import (
    Idea,
    ParticipationFormat,
    ParticipationProcess,
    Recommendation,
)
from teilhabe.plans.models import (
    FieldOfAction,
    Goal,
    Measure,
    Milestone,
    Plan,
    ProgressEntry,
    ProgressReport,
)

PASSWORD = "geheim-123"

# organizations ---------------------------------------------------------------------------------


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Landkreis Fabrik {n}")
    slug = factory.Sequence(lambda n: f"fabrik-{n}")
    kind = "district"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Amt {n}")
    email = factory.Sequence(lambda n: f"amt{n}@example.org")


class UserFactory(DjangoModelFactory):
    """A person with the password `PASSWORD` ("geheim-123")."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"fabrik-person{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(DjangoModelFactory):
    """A person's role in an organisation; an editor gets an office of that organisation."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.COORDINATOR
    unit = factory.Maybe(
        factory.LazyAttribute(lambda m: m.role == Role.EDITOR),
        yes_declaration=factory.SubFactory(
            UnitFactory, organization=factory.SelfAttribute("..organization")
        ),
        no_declaration=None,
    )


# plans -----------------------------------------------------------------------------------------


class PlanFactory(DjangoModelFactory):
    """A plan in preparation (`status="adopted"` sets the date of the decision too)."""

    class Meta:
        model = Plan

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.LazyAttribute(lambda p: f"Integrationsplan {p.organization.name}")
    slug = factory.Sequence(lambda n: f"fabrik-plan-{n}")
    status = "draft"
    adopted_on = factory.LazyAttribute(
        lambda p: dt.date(2014, 12, 15) if p.status != "draft" else None
    )


class FieldOfActionFactory(DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda f: f"Handlungsfeld {f.number}")
    motto = factory.LazyAttribute(lambda f: f"Motto {f.number}")


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    field = factory.SubFactory(FieldOfActionFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")
    position = factory.Sequence(lambda n: n)


class MeasureFactory(DjangoModelFactory):
    """A measure; numbered `<field>.<n>`. No progress entries: see ProgressEntryFactory."""

    class Meta:
        model = Measure

    field = factory.SubFactory(FieldOfActionFactory)
    number = factory.Sequence(lambda n: f"{n + 1}")
    title = factory.Sequence(lambda n: f"Maßnahme {n + 1}")
    position = factory.Sequence(lambda n: n)
    lead_unit = None


class ProgressReportFactory(DjangoModelFactory):
    """A draft Bilanz without entries (report_create in plans.services copies the entries)."""

    class Meta:
        model = ProgressReport

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Bilanz {2000 + n}")
    as_of = factory.Sequence(lambda n: dt.date(2000 + n, 2, 20))
    status = "draft"


class ProgressEntryFactory(DjangoModelFactory):
    class Meta:
        model = ProgressEntry

    report = factory.SubFactory(ProgressReportFactory)
    measure = factory.SubFactory(
        MeasureFactory, field__plan=factory.SelfAttribute("...report.plan")
    )
    status = "unknown"


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(PlanFactory)
    kind = "decision"
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
    position = factory.Sequence(lambda n: n)


# participation ---------------------------------------------------------------------------------


class ParticipationProcessFactory(DjangoModelFactory):
    """A public, running Beteiligungsprozess of an adopted plan."""

    class Meta:
        model = ParticipationProcess

    plan = factory.SubFactory(PlanFactory, status="adopted")
    title = factory.Sequence(lambda n: f"Beteiligung {n}")
    slug = factory.Sequence(lambda n: f"beteiligung-{n}")
    status = "running"
    public = True


class ParticipationFormatFactory(DjangoModelFactory):
    """A format of a process; by default an online phase running now."""

    class Meta:
        model = ParticipationFormat

    process = factory.SubFactory(ParticipationProcessFactory)
    kind = "online_phase"
    title = factory.Sequence(lambda n: f"Format {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    position = factory.Sequence(lambda n: n)


class IdeaFactory(DjangoModelFactory):
    """An idea awaiting moderation (`status="published"` for a public one)."""

    class Meta:
        model = Idea

    process = factory.SubFactory(ParticipationProcessFactory)
    title = factory.Sequence(lambda n: f"Idee {n}")
    text = "Mehr Sprachcafés in allen Gemeinden."


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    process = factory.SubFactory(ParticipationProcessFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Empfehlung {n + 1}")


# council ---------------------------------------------------------------------------------------


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = Committee

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Ausschuss {n}")
    kind = "committee"


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"Sitzung {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class PaperFactory(DjangoModelFactory):
    """A public paper; `plans=[plan]` links it to plans."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    reference = factory.Sequence(lambda n: f"{n + 1}/2014")
    title = factory.Sequence(lambda n: f"Drucksache {n + 1}")

    @factory.post_generation
    def plans(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and extracted:
            obj.plans.add(*extracted)
