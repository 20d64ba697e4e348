"""Prioritisation services: ballot rules, replacing a vote, closing, ties, Borda, exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from teilhabe.core.errors import ServiceError
from teilhabe.participation.models import (
    GroupMember,
    ParticipationFormat,
    ParticipationProcess,
    Recommendation,
    Vote,
)
from teilhabe.participation.services import prioritization as services
from teilhabe.participation.services.prioritization import BallotError, BallotGridError

pytestmark = pytest.mark.django_db


def make_prioritization(setup, method="dots", **settings_):
    settings_.setdefault("points_per_member", 5)
    return services.prioritization_create(
        group=setup["group"],
        title="Prioritätenliste",
        method=method,
        options=[*setup["recommendations"], *setup["measures"]],
        by=setup["people"]["coordinator"],
        **settings_,
    )


def option_ids(prioritization):
    return [o.pk for o in services.options_of(prioritization)]


def dots(prioritization, *points):
    return dict(zip(option_ids(prioritization), points, strict=False))


# Creating ---------------------------------------------------------------------------------------


def test_create_keeps_order_and_refuses_foreign_entries(vote_setup):
    prioritization = make_prioritization(vote_setup)
    options = services.options_of(prioritization)
    assert [o.recommendation_id for o in options[:3]] == [
        r.pk for r in vote_setup["recommendations"]
    ]
    assert [o.measure_id for o in options[3:]] == [m.pk for m in vote_setup["measures"]]
    other = ParticipationProcess.objects.create(
        plan=vote_setup["plan"], title="Anderer Prozess", slug="anders"
    )
    foreign = Recommendation.objects.create(process=other, number=1, text="fremd")
    with pytest.raises(ServiceError, match="Nur Empfehlungen"):
        services.prioritization_create(
            group=vote_setup["group"],
            title="x",
            method="dots",
            options=[foreign, *vote_setup["recommendations"]],
            by=None,
        )
    with pytest.raises(ServiceError, match="mindestens 2"):
        services.prioritization_create(
            group=vote_setup["group"],
            title="x",
            method="dots",
            options=vote_setup["recommendations"][:1],
            by=None,
        )
    workshop = ParticipationFormat.objects.create(
        process=vote_setup["process"], kind="workshop", title="Workshop"
    )
    with pytest.raises(ServiceError, match="Projekt- und Steuerungsgruppen"):
        services.prioritization_create(
            group=workshop,
            title="x",
            method="dots",
            options=vote_setup["recommendations"],
            by=None,
        )


def test_rules_change_only_before_the_first_vote(vote_setup):
    prioritization = make_prioritization(vote_setup)
    prioritization = services.prioritization_update(
        prioritization=prioritization, version=prioritization.version, by=None, points_per_member=3
    )
    assert prioritization.points_per_member == 3
    services.ballot_submit(
        prioritization=prioritization,
        member=vote_setup["members"][0],
        values=dots(prioritization, 3),
    )
    with pytest.raises(ServiceError, match="schon Stimmen"):
        services.prioritization_update(
            prioritization=prioritization,
            version=prioritization.version,
            by=None,
            points_per_member=10,
        )
    renamed = services.prioritization_update(
        prioritization=prioritization, version=prioritization.version, by=None, title="Neu"
    )
    assert renamed.title == "Neu"


# Dot voting -------------------------------------------------------------------------------------


def test_dots_budget_at_most(vote_setup):
    prioritization = make_prioritization(vote_setup)
    member = vote_setup["members"][0]
    ballot = services.ballot_submit(
        prioritization=prioritization, member=member, values=dots(prioritization, 2, 0, None, 1)
    )
    assert sorted(ballot.values()) == [1, 2]
    assert Vote.objects.filter(member=member).count() == 2
    with pytest.raises(BallotError) as error:
        services.ballot_submit(
            prioritization=prioritization, member=member, values=dots(prioritization, 3, 3)
        )
    assert "nur 5 Punkte" in error.value.message
    with pytest.raises(BallotError, match="mindestens einen Punkt"):
        services.ballot_submit(
            prioritization=prioritization, member=member, values=dots(prioritization, 0, 0)
        )
    # Nothing of the refused ballots was saved.
    assert sorted(services.member_ballot(prioritization, member).values()) == [1, 2]


def test_dots_budget_exact_and_per_option_maximum(vote_setup):
    prioritization = make_prioritization(
        vote_setup, all_points_required=True, max_points_per_option=2
    )
    member = vote_setup["members"][0]
    with pytest.raises(BallotError) as error:
        services.ballot_submit(
            prioritization=prioritization, member=member, values=dots(prioritization, 2, 2)
        )
    assert "alle 5 Punkte" in error.value.message
    with pytest.raises(BallotError) as error:
        services.ballot_submit(
            prioritization=prioritization, member=member, values=dots(prioritization, 3, 2)
        )
    first = option_ids(prioritization)[0]
    assert error.value.errors[first] == ["Höchstens 2 Punkte je Eintrag."]
    services.ballot_submit(
        prioritization=prioritization, member=member, values=dots(prioritization, 2, 2, 1)
    )
    assert sum(services.member_ballot(prioritization, member).values()) == 5


def test_negative_points_and_unknown_options_are_refused(vote_setup):
    prioritization = make_prioritization(vote_setup)
    member = vote_setup["members"][0]
    with pytest.raises(BallotError, match="negativen"):
        services.ballot_submit(
            prioritization=prioritization, member=member, values=dots(prioritization, -1, 2)
        )
    with pytest.raises(ServiceError, match="nicht zur Abstimmung"):
        services.ballot_submit(prioritization=prioritization, member=member, values={999999: 1})
    assert not Vote.objects.exists()


def test_revote_replaces_the_whole_ballot(vote_setup):
    prioritization = make_prioritization(vote_setup)
    member = vote_setup["members"][0]
    services.ballot_submit(
        prioritization=prioritization, member=member, values=dots(prioritization, 3, 2)
    )
    services.ballot_submit(
        prioritization=prioritization, member=member, values=dots(prioritization, 0, 0, 0, 0, 4)
    )
    assert services.member_ballot(prioritization, member) == {option_ids(prioritization)[4]: 4}


def test_non_voting_and_foreign_members_may_not_vote(vote_setup):
    prioritization = make_prioritization(vote_setup)
    with pytest.raises(ServiceError, match="nicht stimmberechtigt"):
        services.ballot_submit(
            prioritization=prioritization,
            member=vote_setup["guest"],
            values=dots(prioritization, 1),
        )
    other_group = ParticipationFormat.objects.create(
        process=vote_setup["process"], kind="steering_group", title="Steuerungsgruppe"
    )
    stranger = GroupMember.objects.create(group=other_group, name="Fremd")
    with pytest.raises(ServiceError, match="nicht stimmberechtigt"):
        services.ballot_submit(
            prioritization=prioritization, member=stranger, values=dots(prioritization, 1)
        )


def test_closed_vote_refuses_ballots_until_reopened(vote_setup):
    prioritization = make_prioritization(vote_setup)
    member = vote_setup["members"][0]
    services.ballot_submit(
        prioritization=prioritization, member=member, values=dots(prioritization, 1)
    )
    closed = services.prioritization_close(prioritization=prioritization, by=None)
    assert closed.status == "closed" and closed.closed_at
    with pytest.raises(ServiceError, match="abgeschlossen"):
        services.ballot_submit(
            prioritization=prioritization, member=member, values=dots(prioritization, 2)
        )
    with pytest.raises(ServiceError, match="abgeschlossen"):
        services.ballots_record(
            prioritization=prioritization, ballots={member.pk: {}}, shown={}, by=None
        )
    assert services.member_ballot(prioritization, member) == {option_ids(prioritization)[0]: 1}
    services.prioritization_reopen(prioritization=prioritization, by=None)
    services.ballot_submit(
        prioritization=prioritization, member=member, values=dots(prioritization, 2)
    )


# Ranking ----------------------------------------------------------------------------------------


def ranks(prioritization, *values):
    return dict(zip(option_ids(prioritization), values, strict=False))


def test_ranking_must_be_a_permutation(vote_setup):
    prioritization = make_prioritization(vote_setup, method="ranking")
    member = vote_setup["members"][0]
    with pytest.raises(BallotError) as error:
        services.ballot_submit(
            prioritization=prioritization,
            member=member,
            values=ranks(prioritization, 1, 1, 2, 3, 4),
        )
    first, second = option_ids(prioritization)[:2]
    assert "mehrfach" in error.value.errors[first][0]
    assert "mehrfach" in error.value.errors[second][0]
    with pytest.raises(BallotError, match="es fehlt: Rang 5"):
        services.ballot_submit(
            prioritization=prioritization, member=member, values=ranks(prioritization, 1, 2, 3, 4)
        )
    with pytest.raises(BallotError, match="1 bis 5"):
        services.ballot_submit(
            prioritization=prioritization,
            member=member,
            values=ranks(prioritization, 1, 2, 3, 4, 6),
        )
    services.ballot_submit(
        prioritization=prioritization, member=member, values=ranks(prioritization, 5, 4, 3, 2, 1)
    )
    assert not Vote.objects.filter(points__isnull=False).exists()


def test_ranking_top_k(vote_setup):
    prioritization = make_prioritization(vote_setup, method="ranking", ranks_per_member=2)
    member = vote_setup["members"][0]
    with pytest.raises(BallotError, match="1 bis 2"):
        services.ballot_submit(
            prioritization=prioritization, member=member, values=ranks(prioritization, 1, 2, 3)
        )
    with pytest.raises(BallotError, match="es fehlt: Rang 2"):
        services.ballot_submit(
            prioritization=prioritization, member=member, values=ranks(prioritization, 1)
        )
    services.ballot_submit(
        prioritization=prioritization, member=member, values=ranks(prioritization, None, 2, None, 1)
    )
    assert len(services.member_ballot(prioritization, member)) == 2


def test_borda_count_mean_rank_and_ties(vote_setup):
    prioritization = make_prioritization(vote_setup, method="ranking", ranks_per_member=2)
    a, b, c, *_ = option_ids(prioritization)
    one, two, three, _four = vote_setup["members"]
    # Five entries: rank 1 earns 5 points, rank 2 earns 4.
    services.ballot_submit(prioritization=prioritization, member=one, values={a: 1, b: 2})
    services.ballot_submit(prioritization=prioritization, member=two, values={b: 1, a: 2})
    services.ballot_submit(prioritization=prioritization, member=three, values={c: 1, a: 2})
    result = services.prioritization_result(prioritization)
    by_option = {r.option.pk: r for r in result.options}
    assert by_option[a].score == 5 + 4 + 4
    assert by_option[b].score == 4 + 5
    assert by_option[c].score == 5
    assert by_option[a].mean_rank == pytest.approx(5 / 3, abs=0.01)
    assert by_option[a].distribution == [(1, 1), (2, 2)]
    assert [r.option.pk for r in result.options[:3]] == [a, b, c]
    assert [r.rank for r in result.options] == [1, 2, 3, 4, 4]
    assert result.options[3].tied and result.options[3].score == 0
    assert "Borda" in result.rule


def test_dots_result_ties_share_a_rank(vote_setup):
    prioritization = make_prioritization(vote_setup)
    a, b, c, d, e = option_ids(prioritization)
    one, two, three, _four = vote_setup["members"]
    services.ballot_submit(prioritization=prioritization, member=one, values={a: 3, b: 2})
    services.ballot_submit(prioritization=prioritization, member=two, values={b: 3, c: 2})
    services.ballot_submit(prioritization=prioritization, member=three, values={a: 2, d: 1})
    result = services.prioritization_result(prioritization)
    assert [(r.option.pk, r.score, r.rank) for r in result.options] == [
        (a, 5, 1),
        (b, 5, 1),
        (c, 2, 3),
        (d, 1, 4),
        (e, 0, 5),
    ]
    assert result.options[0].tied and result.options[1].tied and not result.options[2].tied
    assert result.options[0].distribution_text == "1× 3 Punkte, 1× 2 Punkte"
    assert result.voted == 3 and result.eligible == 4 and result.rate == 75.0
    # Anonymous ballots carry no member and no name.
    assert all(b.member is None and b.label.startswith("Stimmzettel") for b in result.ballots)
    named = services.prioritization_result(prioritization, with_names=True)
    assert [b.label for b in named.ballots] == ["Person 1", "Person 2", "Person 3"]
    assert [(s.member.name, s.voted) for s in named.members] == [
        ("Person 1", True),
        ("Person 2", True),
        ("Person 3", True),
        ("Person 4", False),
    ]


def test_competition_ranks():
    assert services.competition_ranks([5, 5, 2, 7, 0, 0]) == [2, 2, 4, 1, 5, 5]
    assert services.competition_ranks([]) == []


# Paper ballots ----------------------------------------------------------------------------------


def test_paper_ballots_all_or_nothing(vote_setup):
    prioritization = make_prioritization(vote_setup)
    a, b, *_ = option_ids(prioritization)
    one, two, three, _four = vote_setup["members"]
    services.ballot_submit(prioritization=prioritization, member=three, values={a: 1})
    with pytest.raises(BallotGridError) as error:
        services.ballots_record(
            prioritization=prioritization,
            ballots={one.pk: {a: 3, b: 2}, two.pk: {a: 6}},
            shown={three.pk: {a: 1}},
            by=vote_setup["people"]["coordinator"],
        )
    assert list(error.value.errors) == [two.pk]
    assert not Vote.objects.filter(member=one).exists()
    count = services.ballots_record(
        prioritization=prioritization,
        ballots={one.pk: {a: 3, b: 2}, two.pk: {b: 5}, three.pk: {a: None}},
        shown={three.pk: {a: 1}},
        by=vote_setup["people"]["coordinator"],
    )
    assert count == 3
    assert services.member_ballot(prioritization, one) == {a: 3, b: 2}
    assert services.member_ballot(prioritization, three) == {}


def test_paper_ballots_leave_untouched_rows_and_refuse_stale_ones(vote_setup):
    prioritization = make_prioritization(vote_setup)
    a, b, *_ = option_ids(prioritization)
    one = vote_setup["members"][0]
    # The grid showed an empty row; meanwhile the member voted online.
    services.ballot_submit(prioritization=prioritization, member=one, values={b: 4})
    assert (
        services.ballots_record(
            prioritization=prioritization, ballots={one.pk: {a: None}}, shown={one.pk: {}}, by=None
        )
        == 0
    )
    assert services.member_ballot(prioritization, one) == {b: 4}
    with pytest.raises(BallotGridError) as error:
        services.ballots_record(
            prioritization=prioritization, ballots={one.pk: {a: 2}}, shown={one.pk: {}}, by=None
        )
    assert "inzwischen" in error.value.errors[one.pk]
    assert services.member_ballot(prioritization, one) == {b: 4}


# Invitations ------------------------------------------------------------------------------------


def test_ballot_links_go_to_voting_members_with_an_address(
    vote_setup, mailoutbox, django_capture_on_commit_callbacks
):
    prioritization = make_prioritization(vote_setup)
    GroupMember.objects.filter(pk=vote_setup["members"][3].pk).update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.ballot_links_send(prioritization=prioritization, by=None)
    assert len(result.sent) == 3
    assert [m.name for m in result.without_email] == ["Person 4"]
    assert len(mailoutbox) == 3
    message = mailoutbox[0]
    assert message.to == ["p1@example.org"]
    member = vote_setup["members"][0]
    assert f"/stimmzettel/{member.token}/" in message.body
    assert "Prioritätenliste" in message.subject


# Exports ----------------------------------------------------------------------------------------


def voted(setup):
    prioritization = make_prioritization(setup)
    a, b, c, *_ = option_ids(prioritization)
    one, two, *_ = setup["members"]
    services.ballot_submit(prioritization=prioritization, member=one, values={a: 3, c: 2})
    services.ballot_submit(prioritization=prioritization, member=two, values={c: 4, b: 1})
    return services.prioritization_close(prioritization=prioritization, by=None)


def test_csv_export_reads_back(vote_setup):
    prioritization = voted(vote_setup)
    data = services.export_csv(services.prioritization_result(prioritization))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Rang", "Eintrag", "Punkte", "Stimmen von Mitgliedern"]
    assert rows[0][-2:] == ["Stimmzettel 1", "Stimmzettel 2"]
    assert rows[1][0] == "1" and rows[1][1].startswith("Empfehlung 3") and rows[1][2] == "6"
    assert "Person" not in data.decode("utf-8-sig")
    named = services.export_csv(services.prioritization_result(prioritization, with_names=True))
    header = next(csv.reader(io.StringIO(named.decode("utf-8-sig")), delimiter=";"))
    assert header[-2:] == ["Person 1", "Person 2"]


def test_xlsx_export_reads_back(vote_setup):
    prioritization = voted(vote_setup)
    data = services.export_xlsx(services.prioritization_result(prioritization, with_names=True))
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Prioritätenliste", "Verfahren"]
    rows = list(workbook["Prioritätenliste"].iter_rows(values_only=True))
    assert rows[0][-2:] == ("Person 1", "Person 2")
    assert rows[1][:3] == (1, rows[1][1], 6) and rows[1][1].startswith("Empfehlung 3")
    assert rows[1][-2:] == (2, 4)
    about = dict(workbook["Verfahren"].iter_rows(values_only=True))
    assert about["Abgegebene Stimmzettel"] == 2 and about["Verfahren"] == "Punktevergabe"


def test_exports_keep_formulas_as_text(vote_setup):
    GroupMember.objects.filter(pk=vote_setup["members"][0].pk).update(name="=HYPERLINK(1)")
    prioritization = voted(vote_setup)
    result = services.prioritization_result(prioritization, with_names=True)
    header = services.export_csv(result).decode("utf-8-sig").splitlines()[0]
    assert ";'=HYPERLINK(1);" in header
    workbook = load_workbook(io.BytesIO(services.export_xlsx(result)))
    first_row = next(workbook["Prioritätenliste"].iter_rows())
    cell = next(c for c in first_row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"
