"""Landkreis Böblingen's demo: the Fachtag of 12.11.2014, its Arbeitsgruppen, ideas and the twelve
recommendations from the importer, linked to measures."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from teilhabe.demo.participation import MEASURE_LINKS, SEED
from teilhabe.documents.recommendations import parse_recommendations
from teilhabe.participation.models import (
    PERSONAL_FIELDS,
    FormatKind,
    Idea,
    IdeaSource,
    ModerationStatus,
    ParticipationProcess,
)


@pytest.fixture
def fachtag_process(demo_loaded_without_portal):
    # The portal's demo (profiles, translations) has nothing to do with the process.
    return ParticipationProcess.objects.select_related("plan").get(
        plan__slug="landkreis-boeblingen", slug="fachtag-2014"
    )


def test_fresh_demo_contains_the_process_fachtag_groups_ideas_and_recommendations(fachtag_process):
    assert fachtag_process.title == "Beteiligungsprozess „Gemeinsam für Integration und Teilhabe“"
    assert (fachtag_process.status, fachtag_process.public, fachtag_process.ends_on) == (
        "finished",
        True,
        dt.date(2014, 12, 15),
    )
    assert fachtag_process.plan.organization.slug == "landkreis-boeblingen"

    fachtag = fachtag_process.formats.get(kind=FormatKind.CONFERENCE)
    assert fachtag.starts_at.astimezone(ZoneInfo("Europe/Berlin")).date() == dt.date(2014, 11, 12)
    assert fachtag.moderation == "Institut für Sozialpädagogische Forschung Mainz (ism) gGmbH"
    assert fachtag.invited.startswith("Alle Städte und Gemeinden im Landkreis Böblingen.")
    assert fachtag.place == "Böblingen"
    assert "Hinweis der Demo" in fachtag.description and "Ort" in fachtag.description

    groups = list(fachtag_process.formats.filter(kind=FormatKind.WORKING_GROUP).order_by("number"))
    assert [(g.number, g.parent_id, g.theme) for g in groups] == [
        (
            1,
            fachtag.pk,
            "Verankerung von „Integration“ und „interkultureller Öffnung“ in der Verwaltung",
        ),
        (2, fachtag.pk, "Interkulturelle Ausrichtung des Personalmanagements"),
        (3, fachtag.pk, "Politische und gesellschaftliche Teilhabe in Gremien und Netzwerken"),
    ]

    ideas = Idea.objects.filter(process=fachtag_process)
    assert all(ideas.filter(phase=group).count() >= 3 for group in groups)
    assert set(ideas.values_list("source", "status")) == {
        (IdeaSource.CARD, ModerationStatus.PUBLISHED)
    }
    for name in PERSONAL_FIELDS[Idea]:
        assert set(ideas.values_list(name, flat=True)) == {""}


def test_recommendations_are_the_importers_adopted_and_traced_to_their_group(fachtag_process):
    expected = parse_recommendations(SEED.read_bytes(), SEED.name).to_json_dict()
    recommendations = list(
        fachtag_process.recommendations.order_by("number").prefetch_related(
            "items", "ideas__phase", "measures"
        )
    )
    assert {
        "recommendations": [
            {
                "number": r.number,
                "text": r.text,
                "items": [{"label": i.label, "text": i.text} for i in r.items.all()],
            }
            for r in recommendations
        ]
    } == expected
    assert [r.number for r in recommendations] == list(range(1, 13))
    assert {r.adopted_on for r in recommendations} == {dt.date(2014, 12, 15)}
    assert "Maßnahme 2a/d" in recommendations[1].text

    for recommendation in recommendations:
        ideas = list(recommendation.ideas.all())
        assert ideas, f"Empfehlung {recommendation.number} ohne Ideen"
        # All ideas of one recommendation come from one Arbeitsgruppe.
        assert len({idea.phase_id for idea in ideas}) == 1
        assert ideas[0].phase.kind == FormatKind.WORKING_GROUP
        assert recommendation.history.first().history_user.email == "koordination@lrabb.example"

    first = recommendations[0]
    assert [list(item.ideas.values_list("title", flat=True)) for item in first.items.all()] == [
        ["Integration ins Leitbild"],
        ["Integration ist Führungsaufgabe"],
    ]


def test_recommendations_are_linked_to_the_measures_that_take_them_up(fachtag_process):
    links = {
        r.number: sorted((m.number, m.title) for m in r.measures.all())
        for r in fachtag_process.recommendations.prefetch_related("measures")
    }
    assert {number: [n for n, _ in measures] for number, measures in links.items()} == {
        number: sorted(n for n, _ in MEASURE_LINKS.get(number, [])) for number in range(1, 13)
    }
    assert links[6][0] == ("3.3", "Ehrenamtlicher Dolmetscher-Pool")
    assert links[8] == [("4.6", "Kooperation mit dem Welcome Center")]
    assert links[2] == [("1.1", "Schaffung des Amtes Integration und Flüchtlinge")]
    assert links[9] == [] and links[10] == []
