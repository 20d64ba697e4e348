"""Prioritisation pages: the ballot by personal link and signed in, the public Prioritätenliste,
the back office, exports read back, and query counts that do not grow with the votes."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.participation.models import GroupMember, ParticipationFormat, Vote
from teilhabe.participation.services import prioritization as services

from .test_prioritization import make_prioritization, option_ids

pytestmark = pytest.mark.django_db


def portal_kwargs(prioritization):
    process = prioritization.group.process
    return {
        "org_slug": process.plan.organization.slug,
        "plan_slug": process.plan.slug,
        "process_slug": process.slug,
        "prioritization_id": prioritization.pk,
    }


def ballot_url(prioritization, member=None, token=None):
    return reverse(
        "portal:ballot",
        kwargs={**portal_kwargs(prioritization), "token": token or member.token},
    )


def public_url(prioritization, name="portal:prioritization"):
    return reverse(name, kwargs=portal_kwargs(prioritization))


# Ballot by personal link ------------------------------------------------------------------------


def test_ballot_by_token_saves_and_replaces(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    member = vote_setup["members"][0]
    a, b, *_ = option_ids(prioritization)
    url = ballot_url(prioritization, member)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Verteilen Sie bis zu 5 Punkte" in html
    assert f'name="option_{a}"' in html and 'name="csrfmiddlewaretoken"' in html
    response = client.post(url, {f"option_{a}": "3", f"option_{b}": "2"})
    assert response.status_code == 302
    assert services.member_ballot(prioritization, member) == {a: 3, b: 2}
    response = client.post(url, {f"option_{b}": "1"}, follow=True)
    assert services.member_ballot(prioritization, member) == {b: 1}
    assert "Ihre Stimme ist gespeichert" in response.content.decode()
    assert 'value="1"' in response.content.decode()


def test_bad_ballot_keeps_what_was_typed_and_saves_nothing(client, vote_setup):
    prioritization = make_prioritization(vote_setup, max_points_per_option=3)
    member = vote_setup["members"][0]
    a, b, c, *_ = option_ids(prioritization)
    url = ballot_url(prioritization, member)
    response = client.post(url, {f"option_{a}": "3", f"option_{b}": "2", f"option_{c}": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sie haben 7 Punkte vergeben" in html
    assert 'value="3"' in html and 'value="2"' in html
    response = client.post(url, {f"option_{a}": "4", f"option_{b}": "zwei"})
    html = response.content.decode()
    assert "Höchstens 3 Punkte je Eintrag." in html
    assert "Bitte eine ganze Zahl eintragen." in html
    assert 'value="zwei"' in html and 'aria-invalid="true"' in html
    assert not Vote.objects.exists()


def test_ranking_ballot_page(client, vote_setup):
    prioritization = make_prioritization(vote_setup, method="ranking")
    member = vote_setup["members"][0]
    ids = option_ids(prioritization)
    url = ballot_url(prioritization, member)
    assert "Ordnen Sie alle 5 Einträge" in client.get(url).content.decode()
    response = client.post(url, {f"option_{i}": "1" for i in ids[:2]})
    assert response.status_code == 400
    assert "Rang 1 ist mehrfach vergeben" in response.content.decode()
    data = {f"option_{i}": str(rank) for rank, i in enumerate(ids, start=1)}
    assert client.post(url, data).status_code == 302
    assert services.member_ballot(prioritization, member)[ids[0]] == 1


def test_wrong_and_foreign_tokens_are_404(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    assert client.get(ballot_url(prioritization, token="falsch")).status_code == 404
    # A member of another group, with a real token, cannot open this vote.
    steering = ParticipationFormat.objects.create(
        process=vote_setup["process"], kind="steering_group", title="Steuerungsgruppe"
    )
    stranger = GroupMember.objects.create(group=steering, name="Fremd")
    assert client.get(ballot_url(prioritization, stranger)).status_code == 404
    # The token of another prioritisation's member does not open this one either.
    other = services.prioritization_create(
        group=steering,
        title="Andere",
        method="dots",
        options=vote_setup["recommendations"],
        by=None,
    )
    member = vote_setup["members"][0]
    assert client.get(ballot_url(other, member)).status_code == 404
    assert client.get(ballot_url(other, stranger)).status_code == 200
    # A non-voting member's link is no ballot.
    assert client.get(ballot_url(prioritization, vote_setup["guest"])).status_code == 404
    # The prioritisation must sit under its own process and plan.
    kwargs = {**portal_kwargs(prioritization), "process_slug": "anderer", "token": member.token}
    assert client.get(reverse("portal:ballot", kwargs=kwargs)).status_code == 404


def test_closed_ballot_is_read_only_with_the_result(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    member = vote_setup["members"][0]
    a, *_ = option_ids(prioritization)
    services.ballot_submit(prioritization=prioritization, member=member, values={a: 5})
    services.prioritization_close(prioritization=prioritization, by=None)
    url = ballot_url(prioritization, member)
    html = client.get(url).content.decode()
    assert "Die Abstimmung ist abgeschlossen" in html
    assert '<form method="post" action' not in html
    assert "5 Punkte" in html and "Prioritätenliste" in html
    response = client.post(url, {f"option_{a}": "1"})
    assert response.status_code == 200
    assert services.member_ballot(prioritization, member) == {a: 5}


def test_signed_in_member_votes_without_a_link(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    url = reverse("portal:ballot_signed_in", kwargs=portal_kwargs(prioritization))
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(vote_setup["people"]["reader"])
    assert client.get(url).status_code == 404
    client.force_login(vote_setup["voter"])
    a, *_ = option_ids(prioritization)
    assert client.get(url).status_code == 200
    assert client.post(url, {f"option_{a}": "2"}).status_code == 302
    assert services.member_ballot(prioritization, vote_setup["members"][3]) == {a: 2}


# Public list ------------------------------------------------------------------------------------


def closed_with_votes(setup, members=None):
    prioritization = make_prioritization(setup)
    a, b, c, *_ = option_ids(prioritization)
    for n, member in enumerate(members or setup["members"][:3]):
        services.ballot_submit(
            prioritization=prioritization, member=member, values={a: 2, b: n % 2 + 1, c: 1}
        )
    return services.prioritization_close(prioritization=prioritization, by=None)


def test_public_list_only_when_closed_and_public(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    services.ballot_submit(
        prioritization=prioritization,
        member=vote_setup["members"][0],
        values={option_ids(prioritization)[0]: 3},
    )
    assert client.get(public_url(prioritization)).status_code == 404
    assert client.get(public_url(prioritization, "portal:prioritization_csv")).status_code == 404
    services.prioritization_close(prioritization=prioritization, by=None)
    response = client.get(public_url(prioritization))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Summe der vergebenen Punkte" in html and "Stimmzettel 1" in html
    for member in vote_setup["members"]:
        assert member.name not in html and member.email not in html
    vote_setup["process"].public = False
    vote_setup["process"].save()
    assert client.get(public_url(prioritization)).status_code == 404
    vote_setup["process"].public = True
    vote_setup["process"].save()
    type(vote_setup["plan"]).objects.filter(pk=vote_setup["plan"].pk).update(status="draft")
    assert client.get(public_url(prioritization)).status_code == 404
    assert client.get(public_url(prioritization, "portal:prioritization_xlsx")).status_code == 404


def test_public_list_states_the_borda_rule(client, vote_setup):
    prioritization = make_prioritization(vote_setup, method="ranking", ranks_per_member=1)
    services.ballot_submit(
        prioritization=prioritization,
        member=vote_setup["members"][0],
        values={option_ids(prioritization)[1]: 1},
    )
    services.prioritization_close(prioritization=prioritization, by=None)
    html = client.get(public_url(prioritization)).content.decode()
    assert "Borda-Zählung" in html and "mittlerer Rang" in html
    assert "die 1 wichtigsten von 5" in html


def test_public_downloads_are_anonymous(client, vote_setup):
    prioritization = closed_with_votes(vote_setup)
    response = client.get(public_url(prioritization, "portal:prioritization_csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][-3:] == ["Stimmzettel 1", "Stimmzettel 2", "Stimmzettel 3"]
    assert "Person" not in text
    response = client.get(public_url(prioritization, "portal:prioritization_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content))["Prioritätenliste"]
    header = next(sheet.iter_rows(values_only=True))
    assert not any("Person" in str(h) for h in header)


def test_public_list_queries_do_not_grow(client, vote_setup, django_assert_max_num_queries):
    small = closed_with_votes(vote_setup, vote_setup["members"][:1])
    with django_assert_max_num_queries(12) as few:
        client.get(public_url(small))
    group = vote_setup["group"]
    members = [GroupMember.objects.create(group=group, name=f"Extra {n}") for n in range(20)]
    large = closed_with_votes(vote_setup, members)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(public_url(large)).status_code == 200


# Back office ------------------------------------------------------------------------------------


def test_coordinator_creates_a_prioritization(client, vote_setup):
    client.force_login(vote_setup["people"]["coordinator"])
    url = reverse("participation:prioritization_create", args=[vote_setup["group"].pk])
    assert client.get(url).status_code == 200
    recommendations = vote_setup["recommendations"]
    response = client.post(
        url, {"title": "Liste", "method": "dots", "points_per_member": "3", "recommendations": []}
    )
    assert response.status_code == 400
    assert "mindestens zwei Einträge" in response.content.decode()
    response = client.post(
        url,
        {
            "title": "Liste",
            "method": "ranking",
            "ranks_per_member": "2",
            "recommendations": [r.pk for r in recommendations],
            "measures": [vote_setup["measures"][0].pk],
        },
    )
    assert response.status_code == 302
    prioritization = vote_setup["group"].prioritizations.get()
    assert prioritization.method == "ranking" and prioritization.ranks_per_member == 2
    assert len(option_ids(prioritization)) == 4


def test_coordinator_moves_entries_and_closes(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    first, second, *_ = option_ids(prioritization)
    client.force_login(vote_setup["people"]["coordinator"])
    url = reverse(
        "participation:prioritization_option_move", args=[prioritization.pk, second, "hoch"]
    )
    assert client.post(url).status_code == 302
    assert option_ids(prioritization)[:2] == [second, first]
    client.post(reverse("participation:prioritization_close", args=[prioritization.pk]))
    prioritization.refresh_from_db()
    assert prioritization.status == "closed"


def test_paper_ballot_grid(client, vote_setup):
    prioritization = make_prioritization(vote_setup)
    a, b, *_ = option_ids(prioritization)
    one, two, three, four = vote_setup["members"]
    client.force_login(vote_setup["people"]["coordinator"])
    url = reverse("participation:prioritization_record", args=[prioritization.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="m{one.pk}_o{a}"' in page.content.decode()
    assert f'name="m{vote_setup["guest"].pk}_o{a}"' not in page.content.decode()
    data = {f"shown_{m.pk}": "" for m in (one, two, three, four)}
    data |= {f"m{one.pk}_o{a}": "3", f"m{one.pk}_o{b}": "2", f"m{two.pk}_o{a}": "9"}
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nichts wurde gespeichert" in html and 'value="9"' in html and 'value="3"' in html
    assert not Vote.objects.exists()
    data[f"m{two.pk}_o{a}"] = "4"
    assert client.post(url, data).status_code == 302
    assert services.member_ballot(prioritization, one) == {a: 3, b: 2}
    assert services.member_ballot(prioritization, two) == {a: 4}


def test_detail_page_shows_names_to_coordinators_only(client, vote_setup):
    prioritization = closed_with_votes(vote_setup)
    url = reverse("participation:prioritization_detail", args=[prioritization.pk])
    client.force_login(vote_setup["people"]["coordinator"])
    html = client.get(url).content.decode()
    assert "Person 1" in html and "3 von 4" in html and "75 %" in html
    client.force_login(vote_setup["people"]["reader"])
    html = client.get(url).content.decode()
    assert "Person 1" not in html and "3 von 4" in html and "Stimmzettel 1" in html


def test_back_office_exports_with_names_for_coordinators(client, vote_setup):
    prioritization = closed_with_votes(vote_setup)
    url = reverse("participation:prioritization_export", args=[prioritization.pk, "xlsx"])
    client.force_login(vote_setup["people"]["coordinator"])
    sheet = load_workbook(io.BytesIO(client.get(url).content))["Prioritätenliste"]
    assert next(sheet.iter_rows(values_only=True))[-3:] == ("Person 1", "Person 2", "Person 3")
    client.force_login(vote_setup["people"]["editor_own"])
    csv_url = reverse("participation:prioritization_export", args=[prioritization.pk, "csv"])
    text = client.get(csv_url).content.decode("utf-8-sig")
    assert "Person" not in text and "Stimmzettel 3" in text
    bad = reverse("participation:prioritization_export", args=[prioritization.pk, "pdf"])
    assert client.get(bad).status_code == 404


def test_detail_page_queries_do_not_grow(client, vote_setup, django_assert_max_num_queries):
    small = closed_with_votes(vote_setup, vote_setup["members"][:1])
    client.force_login(vote_setup["people"]["coordinator"])
    url = reverse("participation:prioritization_detail", args=[small.pk])
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    members = [
        GroupMember.objects.create(group=vote_setup["group"], name=f"Extra {n}") for n in range(20)
    ]
    large = closed_with_votes(vote_setup, members)
    url = reverse("participation:prioritization_detail", args=[large.pk])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
