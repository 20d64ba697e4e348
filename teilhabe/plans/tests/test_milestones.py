"""The timeline: overdue logic with an injected day, versioned edits, and the back-office pages
with their role matrix and constant query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from teilhabe.core.errors import ConflictError
from teilhabe.council.models import Paper
from teilhabe.council.selectors import plan_timeline as timeline
from teilhabe.organizations.models import Role
from teilhabe.plans import milestones, services
from teilhabe.plans.milestones import State, state_of
from teilhabe.plans.models import Milestone
from teilhabe.plans.services import milestones as milestone_services
from teilhabe.testing import make_organization, make_user

pytestmark = pytest.mark.django_db

TODAY = dt.date(2021, 6, 1)


def milestone(plan, title="Zwischenbericht", **fields):
    return services.milestone_create(
        plan=plan, kind=fields.pop("kind", "interim_report"), title=title, by=None, **fields
    )


# Overdue logic ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_on", "done_on", "expected"),
    [
        (dt.date(2021, 5, 31), None, State.OVERDUE),
        (dt.date(2021, 6, 1), None, State.OPEN),  # due today: not yet overdue
        (dt.date(2021, 6, 2), None, State.OPEN),
        (None, None, State.UNDATED),
        (dt.date(2020, 1, 1), dt.date(2020, 3, 1), State.DONE),  # done late: done, not overdue
        (None, dt.date(2020, 3, 1), State.DONE),
    ],
)
def test_state_of_a_milestone_depends_on_the_day(due_on, done_on, expected):
    m = Milestone(kind="decision", title="x", due_on=due_on, done_on=done_on)
    assert state_of(m, TODAY) == expected
    assert milestones.is_overdue(m, TODAY) == (expected == State.OVERDUE)


def test_timeline_flags_overdue_and_counts_days(plan_setup):
    plan = plan_setup["plan"]
    late = milestone(plan, "Zwischenbericht", due_on=dt.date(2021, 5, 22))
    milestone(
        plan,
        "Beschluss",
        kind="decision",
        due_on=dt.date(2020, 3, 10),
        done_on=dt.date(2020, 3, 12),
    )
    milestone(plan, "Umsetzung", kind="implementation", due_on=dt.date(2021, 10, 1))

    entries = timeline(plan, today=TODAY)

    assert [e.milestone.title for e in entries] == ["Zwischenbericht", "Beschluss", "Umsetzung"]
    assert [e.state for e in entries] == [State.OVERDUE, State.DONE, State.OPEN]
    assert entries[0].milestone == late and entries[0].days_overdue == 10
    assert entries[1].done_late
    assert milestones.overdue_count(entries) == 1
    # The same milestones, a year earlier: nothing overdue yet.
    assert milestones.overdue_count(timeline(plan, today=dt.date(2020, 6, 1))) == 0


def test_timeline_lists_public_papers_only_when_asked(plan_setup):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    m = milestone(plan, due_on=dt.date(2021, 5, 1))
    public = Paper.objects.create(organization=org, reference="035/2014", title="Öffentlich")
    secret = Paper.objects.create(
        organization=org, reference="999/2014", title="Geheim", public=False
    )
    m.papers.add(public, secret)

    assert [p.reference for p in timeline(plan, today=TODAY)[0].papers] == [
        "035/2014",
        "999/2014",
    ]
    assert [p.reference for p in timeline(plan, today=TODAY, public_only=True)[0].papers] == [
        "035/2014"
    ]


def test_timeline_queries_do_not_grow(plan_setup, django_assert_max_num_queries):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    for i in range(8):
        m = milestone(plan, f"M{i}", due_on=dt.date(2021, 1, i + 1))
        m.papers.add(Paper.objects.create(organization=org, reference=f"{i}/2021", title="P"))
    with django_assert_max_num_queries(2):
        entries = timeline(plan, today=TODAY)
        assert all(e.papers[0].organization.slug for e in entries)


# Writes -----------------------------------------------------------------------------------------


def test_update_is_versioned(plan_setup):
    plan, coordinator = plan_setup["plan"], plan_setup["people"]["coordinator"]
    m = milestone(plan, due_on=dt.date(2021, 5, 1))
    saved = milestone_services.milestone_update(
        milestone=m, version=m.version, by=coordinator, done_on=dt.date(2021, 5, 3)
    )
    assert saved.version == 2 and saved.done_on == dt.date(2021, 5, 3)
    assert saved.history.first().history_user == coordinator
    with pytest.raises(ConflictError):
        milestone_services.milestone_update(milestone=m, version=1, by=coordinator, title="Alt")
    assert Milestone.objects.get(pk=m.pk).title == "Zwischenbericht"


def test_delete_keeps_the_papers(plan_setup):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    m = milestone(plan)
    paper = Paper.objects.create(organization=org, reference="1/2021", title="P")
    paper.milestones.add(m)
    revision = plan.revision
    milestone_services.milestone_delete(milestone=m, by=None)
    assert not Milestone.objects.filter(pk=m.pk).exists()
    assert list(paper.milestones.all()) == []
    plan.refresh_from_db()
    assert plan.revision > revision


# Back office ------------------------------------------------------------------------------------

ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin"]


def login(client, plan_setup, role):
    if role == "anonymous":
        return
    if role == "stranger":
        user = make_user(make_organization(), Role.COORDINATOR)
    else:
        user = plan_setup["people"][role]
    client.force_login(user)


def expected(role, *, manage):
    if role == "anonymous":
        return 302  # to the login
    if role == "stranger":
        return 404  # another organisation's plan does not exist for them
    if manage and role in ("reader", "editor_own"):
        return 403
    return 200


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_for_the_timeline(client, plan_setup, role):
    plan = plan_setup["plan"]
    m = milestone(plan, due_on=dt.date(2021, 5, 1))
    login(client, plan_setup, role)

    urls = {
        reverse("plans:milestone_list", args=[plan.slug]): False,
        reverse("plans:milestone_create", args=[plan.slug]): True,
        reverse("plans:milestone_edit", args=[m.pk]): True,
        reverse("plans:milestone_delete", args=[m.pk]): True,
    }
    for url, manage in urls.items():
        assert client.get(url).status_code == expected(role, manage=manage), url

    create = client.post(
        reverse("plans:milestone_create", args=[plan.slug]),
        {"kind": "council", "title": "Einbringung in den GR", "due_on": "2021-04-01"},
    )
    edit = client.post(
        reverse("plans:milestone_edit", args=[m.pk]),
        {"kind": "interim_report", "title": "Geändert", "version": m.version},
    )
    delete = client.post(reverse("plans:milestone_delete", args=[m.pk]))
    may = role in ("coordinator", "admin")
    for response in (create, edit, delete):
        assert response.status_code == (302 if may else expected(role, manage=True))
    assert plan.milestones.filter(title="Einbringung in den GR").exists() == may
    assert Milestone.objects.filter(pk=m.pk).exists() != may


def test_edit_form_keeps_input_on_conflict(client, plan_setup):
    plan = plan_setup["plan"]
    m = milestone(plan, due_on=dt.date(2021, 5, 1))
    milestone_services.milestone_update(milestone=m, version=1, by=None, title="Schon geändert")
    client.force_login(plan_setup["people"]["coordinator"])
    response = client.post(
        reverse("plans:milestone_edit", args=[m.pk]),
        {"kind": "interim_report", "title": "Meine Fassung", "version": 1},
    )
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in response.content.decode()
    assert "Meine Fassung" in response.content.decode()
    assert Milestone.objects.get(pk=m.pk).title == "Schon geändert"


def test_done_date_in_the_future_is_refused(client, plan_setup):
    plan = plan_setup["plan"]
    client.force_login(plan_setup["people"]["coordinator"])
    response = client.post(
        reverse("plans:milestone_create", args=[plan.slug]),
        {"kind": "decision", "title": "Beschluss", "done_on": "2999-01-01"},
    )
    assert response.status_code == 200
    assert "Das Erledigt-Datum liegt in der Zukunft" in response.content.decode()
    assert not plan.milestones.exists()


def test_back_office_list_and_dashboard_flag_overdue(client, plan_setup):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    m = milestone(plan, "Zwischenbericht", due_on=dt.date(2020, 9, 30))
    milestone(plan, "Beschluss", kind="decision", done_on=dt.date(2020, 3, 10))
    secret = Paper.objects.create(
        organization=org, reference="77/2020", title="Interne Vorlage", public=False
    )
    secret.milestones.add(m)
    client.force_login(plan_setup["people"]["reader"])

    page = client.get(reverse("plans:milestone_list", args=[plan.slug])).content.decode()
    assert "Ein Meilenstein ist überfällig" in page
    assert "überfällig</span></span> geplant bis 30.09.2020" in page
    assert f'href="/verwaltung/gremien/drucksache/{secret.pk}/"' in page
    assert "Drucksache 77/2020</a>: Interne Vorlage" in page and "nicht öffentlich" in page
    assert "bearbeiten" not in page  # a reader may not change the timeline

    dashboard = client.get(reverse("plans:plan_dashboard", args=[plan.slug])).content
    dashboard = dashboard.decode()
    assert 'id="zeitplan"' in dashboard
    assert "Ein Meilenstein ist überfällig." in dashboard
    assert "erledigt</span></span> am 10.03.2020" in dashboard


def test_back_office_timeline_queries_are_constant(
    client, plan_setup, django_assert_max_num_queries
):
    plan, org = plan_setup["plan"], plan_setup["organization"]
    client.force_login(plan_setup["people"]["coordinator"])
    url = reverse("plans:milestone_list", args=[plan.slug])
    for i in range(10):
        m = milestone(plan, f"M{i}", due_on=dt.date(2020, 1, i + 1))
        m.papers.add(Paper.objects.create(organization=org, reference=f"{i}/2020", title="P"))
    client.get(url)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


# Re-planning a timeline that slipped -----------------------------------------------------------


@pytest.mark.parametrize(
    ("due_on", "wording"),
    [
        (dt.date(2021, 5, 31), "seit 1 Tag"),
        (dt.date(2021, 5, 2), "seit 30 Tagen"),
        (dt.date(2021, 2, 1), "seit 4 Monaten"),
        (dt.date(2019, 6, 1), "seit 2 Jahren"),
        (dt.date(2015, 3, 31), "seit über 6 Jahren"),
    ],
)
def test_overdue_is_said_as_people_say_it(due_on, wording):
    assert milestones.overdue_wording(due_on, TODAY) == wording


def test_shifting_moves_the_open_milestones_and_keeps_the_done_ones(plan_setup):
    plan, coordinator = plan_setup["plan"], plan_setup["people"]["coordinator"]
    done = milestone(plan, "Auftrag", due_on=dt.date(2020, 1, 31), done_on=dt.date(2020, 2, 3))
    late = milestone(plan, "Fachtag", due_on=dt.date(2020, 1, 31))
    later = milestone(plan, "Entwurf", due_on=dt.date(2020, 6, 30))
    undated = milestone(plan, "Umsetzung")
    entries = milestones.timeline_entries(plan, TODAY)
    assert milestones.shift_suggestion(entries) == 18  # January 2020 → July 2021
    moved = milestone_services.milestones_shift(plan=plan, months=18, by=coordinator)
    assert moved == 2
    for m in (done, late, later, undated):
        m.refresh_from_db()
    assert (done.due_on, done.done_on) == (dt.date(2020, 1, 31), dt.date(2020, 2, 3))
    assert late.due_on == dt.date(2021, 7, 31)
    assert later.due_on == dt.date(2021, 12, 30)
    assert undated.due_on is None
    assert late.history.first().history_change_reason == "Zeitplan um 18 Monate verschoben"


def test_the_timeline_page_offers_to_replan(client, plan_setup):
    plan, coordinator = plan_setup["plan"], plan_setup["people"]["coordinator"]
    milestone(plan, "Fachtag", due_on=dt.date(2015, 1, 31))
    milestone(plan, "Entwurf", due_on=dt.date(2016, 6, 30))
    client.force_login(coordinator)
    html = client.get(reverse("plans:milestone_list", args=[plan.slug])).content.decode()
    assert "2 Meilensteine sind überfällig, der älteste seit über" in html
    assert "Tagen überschritten" not in html
    url = reverse("plans:milestones_shift", args=[plan.slug])
    assert url in html
    assert client.post(url, {"months": "0"}).status_code == 200
    response = client.post(url, {"months": "12"})
    assert response["Location"] == reverse("plans:milestone_list", args=[plan.slug])
    assert Milestone.objects.get(plan=plan, title="Fachtag").due_on == dt.date(2016, 1, 31)
