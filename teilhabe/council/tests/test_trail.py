"""The trail: from a measure back to recommendations, ideas, working groups and decisions; from
an idea forward to its measures and their status. Public trails show published content only."""

import datetime as dt

import pytest
from django.urls import reverse

from teilhabe.council import trail
from teilhabe.council.models import Committee, Consultation, Paper
from teilhabe.participation.models import Idea, ParticipationProcess
from teilhabe.participation.services import recommendations as services
from teilhabe.participation.tests.builders import build_rec_setup
from teilhabe.plans.services.publication import bilanz_publish
from teilhabe.testing.state import shared_fixture

# The participation tests' recommendation setup, built once for consecutive tests.
rec_setup = shared_fixture(build_rec_setup, name="rec_setup")

SECRET = "GEHEIM-NICHT-OEFFENTLICH"


@pytest.fixture
def linked(rec_setup):
    """An adopted recommendation made of a published, a card, a pending and a rejected idea,
    linked to a measure; a public paper (with a public and a non-public consultation) and a
    non-public paper on it; a recommendation of a non-public process on the same measure."""
    by = rec_setup["coordinator"]
    process = rec_setup["process"]
    bilanz_publish(report=rec_setup["report"], by=by)
    rec = services.ideas_group(
        process=process,
        ideas=[rec_setup["published"], rec_setup["card"]],
        new_text="Sprachkurse für alle",
        by=by,
    )
    rec.ideas.add(rec_setup["pending"], rec_setup["rejected"])
    services.recommendation_update(
        recommendation=rec, version=rec.version, adopted_on=dt.date(2014, 12, 15), by=by
    )
    measure = rec_setup["measures"][0]
    services.measure_link(recommendation=rec, measure=measure, by=by)
    organization = rec_setup["organization"]
    kreistag = Committee.objects.create(organization=organization, name="Kreistag", kind="council")
    paper = Paper.objects.create(
        organization=organization, reference="234/2014", title="Integrationsplan beschließen"
    )
    paper.recommendations.add(rec)
    Consultation.objects.create(
        paper=paper, committee=kreistag, date=dt.date(2014, 12, 15), result="einstimmig"
    )
    Consultation.objects.create(paper=paper, committee=kreistag, public=False, result=SECRET)
    secret = Paper.objects.create(
        organization=organization, reference="999/2014", title=SECRET, public=False
    )
    secret.measures.add(measure)
    hidden = ParticipationProcess.objects.create(
        plan=process.plan, title=SECRET, slug="intern", public=False
    )
    hidden_idea = Idea.objects.create(process=hidden, title=SECRET, text="t", status="published")
    hidden_rec = services.ideas_group(process=hidden, ideas=[hidden_idea], new_text=SECRET, by=by)
    services.measure_link(recommendation=hidden_rec, measure=measure, by=by)
    return {**rec_setup, "rec": rec, "measure": measure, "paper": paper, "hidden_rec": hidden_rec}


def test_public_measure_trail_shows_published_content_only(linked):
    result = trail.measure_trail(linked["measure"])
    assert [s.recommendation for s in result.steps] == [linked["rec"]]
    step = result.steps[0]
    assert {i.title for i in step.ideas} == {"Dil kursları", "Sprachpaten an Schulen"}
    assert step.formats == [linked["group"]] and step.fields == [linked["field"]]
    assert result.papers == [linked["paper"]]
    assert [c.result for c in result.papers[0].consultations.all()] == ["einstimmig"]


def test_back_office_trail_marks_what_the_public_does_not_see(linked):
    result = trail.measure_trail(linked["measure"], public=False)
    assert {s.recommendation for s in result.steps} == {linked["rec"], linked["hidden_rec"]}
    ideas = {i.title: i.is_published for s in result.steps for i in s.ideas}
    assert ideas["Ungeprüfte Idee"] is False and ideas["Dil kursları"] is True
    assert {p.reference for p in result.papers} == {"234/2014", "999/2014"}


def test_idea_trail_shows_measures_with_latest_published_status(linked):
    result = trail.idea_trail(linked["published"])
    assert [s.recommendation for s in result.steps] == [linked["rec"]]
    assert result.measures == [linked["measure"]]
    assert result.measures[0].entry_status == "done"  # make_plan's first measure
    assert result.papers == [linked["paper"]]


def test_public_measure_page_shows_the_trail_without_secrets(client, linked):
    plan, measure = linked["plan"], linked["measure"]
    url = reverse("portal:measure", args=[plan.organization.slug, plan.slug, measure.pk])
    content = client.get(url).content.decode()
    assert "Woher die Maßnahme kommt" in content
    assert "Empfehlung 1" in content and "Sprachkurse für alle" in content
    assert "Dil kursları" in content and "234/2014" in content and "einstimmig" in content
    assert "AG 1" in content and "Sprache und Bildung" in content
    for hidden in (SECRET, "Ungeprüfte Idee", "Abgelehnte Idee", "Ayşe", "ayse@example.org"):
        assert hidden not in content
    idea = linked["published"]
    assert (
        reverse(
            "portal:idea_detail",
            args=[plan.organization.slug, plan.slug, linked["process"].slug, idea.pk],
        )
        in content
    )


def test_name_shown_only_when_chosen(client, linked):
    plan, measure = linked["plan"], linked["measure"]
    Idea.objects.filter(pk=linked["published"].pk).update(show_name=True)
    url = reverse("portal:measure", args=[plan.organization.slug, plan.slug, measure.pk])
    assert "Ayşe Yılmaz" in client.get(url).content.decode()


def test_back_office_measure_page_shows_the_origin(client, linked):
    client.force_login(linked["people"]["reader"])
    content = client.get(
        reverse("plans:measure_detail", args=[linked["measure"].pk])
    ).content.decode()
    assert "Herkunft aus der Beteiligung" in content
    assert "Ungeprüfte Idee" in content and "nicht öffentlich" in content


def test_trails_take_constant_queries(client, linked, django_assert_max_num_queries):
    plan, measure, by = linked["plan"], linked["measure"], linked["coordinator"]
    url = reverse("portal:measure", args=[plan.organization.slug, plan.slug, measure.pk])
    with django_assert_max_num_queries(30) as before:
        client.get(url)
    with django_assert_max_num_queries(6):
        trail.measure_trail(measure)
    with django_assert_max_num_queries(6):
        trail.idea_trail(linked["published"])
    process = linked["process"]
    for i in range(6):
        ideas = [
            Idea.objects.create(
                process=process, title=f"Idee {i}.{j}", text="t", status="published"
            )
            for j in range(4)
        ]
        rec = services.ideas_group(process=process, ideas=ideas, new_text=f"E {i}", by=by)
        services.measure_link(recommendation=rec, measure=measure, by=by)
        for other in linked["measures"][1:3]:
            services.measure_link(recommendation=rec, measure=other, by=by)
        paper = Paper.objects.create(
            organization=plan.organization, reference=f"{i}/2015", title="P"
        )
        paper.recommendations.add(rec)
        Consultation.objects.create(paper=paper, result="ok")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(6):
        assert len(trail.measure_trail(measure).steps) == 7
    with django_assert_max_num_queries(6):
        trail.idea_trail(linked["published"])
