"""Leinfelden-Echterdingen's demo: the project group of seed 004, its draft proposals, a closed
dot vote with its Prioritätenliste, and the milestone "Prioritätenliste" of the timeline."""

import datetime as dt

import pytest

from teilhabe.demo.prioritization import BALLOTS, MEMBERS, PROCESS_SLUG, VOTE_CLOSED_ON
from teilhabe.participation.models import FormatKind, ParticipationProcess
from teilhabe.participation.services.prioritization import prioritization_result

SEED_GROUPS = [
    "Migrationsorganisationen",
    "Flüchtlingskreise",
    "Gemeinderat",
    "Bildungseinrichtungen",
    "Stadtjugendring",
    "StadtSeniorenRat",
    "Vereinsring",
    "Kirchengemeinden",
    "Fachämter der Verwaltung",
]


@pytest.fixture
def le_process(demo_loaded_without_portal):
    # The portal's demo (profiles, translations) has nothing to do with the process.
    return ParticipationProcess.objects.select_related("plan").get(
        plan__slug="leinfelden-echterdingen", slug=PROCESS_SLUG
    )


def test_fresh_demo_contains_group_prioritization_result_and_timeline(le_process):
    assert le_process.title == "Beteiligungsprozess Integrationsplan Leinfelden-Echterdingen"
    assert (le_process.status, le_process.public) == ("running", True)
    assert "Hinweis der Demo" in le_process.description

    group = le_process.formats.get(kind=FormatKind.PROJECT_GROUP)
    members = list(group.members.order_by("pk"))
    assert [m.affiliation for m in members] == SEED_GROUPS == [name for name, *_ in MEMBERS]
    assert all(m.name.endswith("(Demo)") and m.email.endswith("@example.org") for m in members)
    assert all(m.may_vote and m.user_id is None for m in members)

    recommendations = list(le_process.recommendations.order_by("number"))
    assert len(recommendations) == 8
    assert all(r.text.endswith("(Entwurf der Projektgruppe, Demo-Inhalt)") for r in recommendations)
    assert all(r.items.count() == 2 for r in recommendations)
    assert all(r.adopted_on is None for r in recommendations)

    prioritization = group.prioritizations.get()
    assert (prioritization.method, prioritization.status) == ("dots", "closed")
    assert prioritization.closed_at.date() == VOTE_CLOSED_ON
    result = prioritization_result(prioritization)
    assert result.voted == result.eligible == len(BALLOTS) == 9
    assert sum(o.score for o in result.options) == 9 * 5
    assert [o.rank for o in result.options] == sorted(o.rank for o in result.options)
    assert result.options[0].rank == 1 and result.options[0].score > result.options[-1].score

    milestone = le_process.plan.milestones.get(kind="priority_list")
    assert milestone.due_on == dt.date(2021, 7, 15)
    assert milestone.done_on == VOTE_CLOSED_ON
    assert "Frühsommer 2021" in milestone.description
    assert "Demo-Inhalt" in milestone.description
