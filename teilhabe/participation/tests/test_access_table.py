"""Every back-office route of participation against one role table (data: route → the URL's
keywords from the world, expected status per role), in the shape of the plans table and over its
world and helpers. Anonymous people go to the login, members of another organisation get 404,
members who may see but not act get 403; a POST-only route asked with GET answers the access
first and 405 only to those who may use it. Personal data (registrations) is for admins,
coordinators and superusers only.

teilhabe/backoffice/tests/test_access_matrix.py checks that every /verwaltung/ route has a row
in a table like this one."""

import pytest

from teilhabe.participation.models import (
    GroupMember,
    Idea,
    ParticipationFormat,
    Recommendation,
    Registration,
)
from teilhabe.participation.services import prioritization as prioritization_services
from teilhabe.participation.services.processes import process_create
from teilhabe.plans.tests import test_access_table as plans_table
from teilhabe.plans.tests.test_access_table import MANAGE, READ, ROLES, client_for, post_only
from teilhabe.testing.roles import role_table_failures

pytestmark = pytest.mark.django_db

# Names, email addresses and needs of participants: the same people as MANAGE.
PERSONAL = MANAGE


def _plan(w):
    return {"slug": w["plan"].slug}


def _process(w):
    return {"pk": w["process"].pk}


def _process_id(w):
    return {"process_id": w["process"].pk}


def _event(w):
    return {"pk": w["event"].pk}


def _group(w):
    return {"pk": w["group"].pk}


def _idea(w):
    return {"idea_id": w["idea"].pk}


def _recommendation(w):
    return {"pk": w["recommendation"].pk}


def _prioritization(w):
    return {"pk": w["prioritization"].pk}


TABLE = {
    # Processes, formats, group members, registrations
    "process_list": (_plan, READ),
    "process_create": (_plan, MANAGE),
    "process_detail": (_process, READ),
    "process_edit": (_process, MANAGE),
    "format_create": (lambda w: {**_process(w), "kind": "workshop"}, MANAGE),
    "format_detail": (_event, READ),
    "format_edit": (_event, MANAGE),
    "format_delete": (_event, MANAGE),
    "member_create": (_group, MANAGE),
    "member_edit": (lambda w: {"pk": w["member"].pk}, MANAGE),
    "member_delete": (lambda w: {"pk": w["member"].pk}, post_only(MANAGE)),
    "registration_list": (_event, PERSONAL),
    "registration_export": (lambda w: {**_event(w), "fmt": "csv"}, PERSONAL),
    "registration_attendance": (lambda w: {"pk": w["registration"].pk}, post_only(PERSONAL)),
    # Ideas
    "backoffice_idea_list": (_process_id, READ),
    "idea_moderation": (_process_id, MANAGE),
    "idea_cards": (_process_id, MANAGE),
    "backoffice_idea_detail": (_idea, READ),
    "idea_moderate": (_idea, post_only(MANAGE)),
    "idea_edit": (_idea, MANAGE),
    # Recommendations
    "recommendation_list": (_process, READ),
    "recommendation_create": (_process, MANAGE),
    "recommendation_group": (_process, MANAGE),
    "recommendations_renumber": (_process, post_only(MANAGE)),
    "recommendation_detail": (_recommendation, READ),
    "recommendation_edit": (_recommendation, MANAGE),
    "recommendation_delete": (_recommendation, MANAGE),
    "recommendation_move": (_recommendation, post_only(MANAGE)),
    "recommendation_versions": (_recommendation, READ),
    "recommendation_idea_remove": (
        lambda w: {**_recommendation(w), "idea_id": w["idea"].pk},
        post_only(MANAGE),
    ),
    "recommendation_measure_add": (_recommendation, post_only(MANAGE)),
    "recommendation_measure_create": (_recommendation, post_only(MANAGE)),
    "recommendation_measure_remove": (
        lambda w: {**_recommendation(w), "measure_id": w["measure"].pk},
        post_only(MANAGE),
    ),
    # Prioritisations
    "prioritization_create": (lambda w: {"group_id": w["group"].pk}, MANAGE),
    "prioritization_detail": (_prioritization, READ),
    "prioritization_edit": (_prioritization, MANAGE),
    "prioritization_close": (_prioritization, post_only(MANAGE)),
    # The world's vote is still open: the page says so.
    "prioritization_measures": (_prioritization, MANAGE),
    "prioritization_reopen": (_prioritization, post_only(MANAGE)),
    "prioritization_send": (_prioritization, post_only(MANAGE)),
    "prioritization_record": (_prioritization, MANAGE),
    "prioritization_option_move": (
        lambda w: {**_prioritization(w), "option_id": w["option"].pk, "direction": "hoch"},
        post_only(MANAGE),
    ),
    "prioritization_export": (lambda w: {**_prioritization(w), "fmt": "csv"}, READ),
}
NAMESPACE = "participation"


def build_world() -> dict:
    """The plans table's world (an adopted plan of the organisation, one person per role, the
    stranger a coordinator of another organisation) with a public process of the plan: a
    workshop with a registration, a project group with a voting member and an open
    prioritisation, an idea in a recommendation linked to a measure."""
    world = plans_table.build_world()
    plan, by = world["plan"], world["people"]["coordinator"]
    process = process_create(plan=plan, title="Beteiligung", slug="beteiligung", by=by)
    process.public = True
    process.save(update_fields=["public"])
    event = ParticipationFormat.objects.create(process=process, kind="workshop", title="Werkstatt")
    group = ParticipationFormat.objects.create(
        process=process, kind="project_group", title="Projektgruppe"
    )
    member = GroupMember.objects.create(group=group, name="Person 1", email="p1@example.org")
    registration = Registration.objects.create(
        event=event, name="Ayşe Yılmaz", email="ayse@example.org", status="confirmed"
    )
    idea = Idea.objects.create(process=process, title="Eine Idee", text="Text", status="published")
    recommendation = Recommendation.objects.create(process=process, number=1, text="Empfehlung")
    recommendation.ideas.add(idea)
    recommendation.measures.add(world["measure"])
    prioritization = prioritization_services.prioritization_create(
        group=group,
        title="Prioritätenliste",
        method="dots",
        options=[recommendation, world["measure"]],
        by=by,
        points_per_member=5,
    )
    return {
        **world,
        "process": process,
        "event": event,
        "group": group,
        "member": member,
        "registration": registration,
        "idea": idea,
        "recommendation": recommendation,
        "prioritization": prioritization,
        "option": prioritization_services.options_of(prioritization)[0],
    }


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role):
    world = build_world()
    client = client_for(world, role)
    failures = role_table_failures(client, world, NAMESPACE, TABLE, role)
    assert not failures, "\n".join(failures)


def test_every_route_has_a_row():
    """The table covers every back-office route of the namespace."""
    from teilhabe.participation import urls_backoffice

    assert {p.name for p in urls_backoffice.urlpatterns} == set(TABLE)
