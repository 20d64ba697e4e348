"""The timeline of a plan with the council papers that fulfil its milestones: the selector (state
on an injected day, public papers only when asked, two queries) and `{% plan_timeline %}`."""

import datetime as dt

import pytest
from django.template import Context, Template

from teilhabe.council.models import Paper
from teilhabe.council.selectors import plan_timeline
from teilhabe.plans import services
from teilhabe.plans.milestones import State

pytestmark = pytest.mark.django_db

TODAY = dt.date(2021, 6, 1)


def milestone(plan, title, **fields):
    return services.milestone_create(
        plan=plan, kind=fields.pop("kind", "interim_report"), title=title, by=None, **fields
    )


def test_entries_in_order_with_their_state(plan_setup):
    plan = plan_setup["plan"]
    milestone(plan, "Zwischenbericht", due_on=dt.date(2021, 5, 22))
    milestone(
        plan,
        "Beschluss",
        kind="decision",
        due_on=dt.date(2020, 3, 10),
        done_on=dt.date(2020, 3, 12),
    )
    milestone(plan, "Umsetzung", kind="implementation", due_on=dt.date(2021, 10, 1))

    entries = plan_timeline(plan, today=TODAY)

    assert [e.milestone.title for e in entries] == ["Zwischenbericht", "Beschluss", "Umsetzung"]
    assert [e.state for e in entries] == [State.OVERDUE, State.DONE, State.OPEN]
    assert entries[0].days_overdue == 10
    assert plan_timeline(plan, today=dt.date(2020, 1, 1))[0].state == State.OPEN


def test_public_papers_only_when_asked(plan_setup):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    m = milestone(plan, "Beschluss", due_on=dt.date(2021, 5, 1))
    public = Paper.objects.create(organization=org, reference="035/2014", title="Öffentlich")
    secret = Paper.objects.create(
        organization=org, reference="999/2014", title="Geheim", public=False
    )
    m.papers.add(public, secret)

    assert [p.reference for p in plan_timeline(plan, today=TODAY)[0].papers] == [
        "035/2014",
        "999/2014",
    ]
    public_only = plan_timeline(plan, today=TODAY, public_only=True)
    assert [p.reference for p in public_only[0].papers] == ["035/2014"]


def test_two_queries_however_many_milestones_and_papers(plan_setup, django_assert_max_num_queries):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    for i in range(8):
        m = milestone(plan, f"M{i}", due_on=dt.date(2021, 1, i + 1))
        m.papers.add(Paper.objects.create(organization=org, reference=f"{i}/2021", title="P"))
    with django_assert_max_num_queries(2):
        entries = plan_timeline(plan, today=TODAY)
        assert all(e.papers[0].organization.slug for e in entries)


def test_tag_gives_entries_and_overdue_count(plan_setup):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    late = milestone(plan, "Zwischenbericht", due_on=dt.date(2020, 9, 30))
    milestone(plan, "Umsetzung", due_on=dt.date(2999, 1, 1))
    Paper.objects.create(
        organization=org, reference="77/2020", title="Intern", public=False
    ).milestones.add(late)
    template = Template(
        "{% load council_timeline %}{% plan_timeline plan public_only=public as timeline %}"
        "{{ timeline.overdue_count }}|{% for e in timeline.entries %}{{ e.milestone.title }}:"
        "{{ e.papers|length }};{% endfor %}"
    )
    assert template.render(Context({"plan": plan, "public": False})) == (
        "1|Zwischenbericht:1;Umsetzung:0;"
    )
    assert template.render(Context({"plan": plan, "public": True})) == (
        "1|Zwischenbericht:0;Umsetzung:0;"
    )
