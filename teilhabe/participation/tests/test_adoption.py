"""From recommendations to measures: one, or a whole Prioritätenliste in rank order, each linked
so that the trail from idea to measure stays complete."""

import pytest
from django.urls import reverse

from teilhabe.core.errors import ServiceError
from teilhabe.participation.models import Recommendation
from teilhabe.participation.services import prioritization as prioritization_services
from teilhabe.participation.services.adoption import (
    measure_title,
    measures_from_recommendations,
    ranked_recommendations,
)
from teilhabe.participation.services.recommendations import recommendation_create
from teilhabe.participation.tests.test_access_table import build_world
from teilhabe.plans.models import Measure
from teilhabe.testing import make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Einen Dolmetscher-Pool schaffen. Dazu gehören Schulungen.",
            "Einen Dolmetscher-Pool schaffen",
        ),
        ("Kurz", "Kurz"),
        ("Wort " * 60, ("Wort " * 31).strip() + " …"),
    ],
)
def test_the_title_is_the_first_sentence_cut_at_a_word(text, title):
    assert measure_title(text) == title


def test_a_recommendation_becomes_a_linked_measure_once(world_people):
    world, by = world_people
    recommendation = recommendation_create(
        process=world["process"], text="Kulturdolmetscher schulen. Mit Leitlinien.", by=by
    )
    field = world["plan"].fields.order_by("number").first()
    adoption = measures_from_recommendations(recommendations=[recommendation], field=field, by=by)
    [(_, measure)] = adoption.created
    assert measure.field == field
    assert list(recommendation.measures.all()) == [measure]
    assert measure.description.startswith(f"Aus Empfehlung {recommendation.number}: ")
    again = measures_from_recommendations(recommendations=[recommendation], field=field, by=by)
    assert again.created == [] and again.skipped == [recommendation]


def test_the_field_must_belong_to_the_plan(world_people):
    world, by = world_people
    foreign = make_plan()[0].fields.first()
    with pytest.raises(ServiceError, match="gehört nicht zum Integrationsplan"):
        measures_from_recommendations(
            recommendations=[world["recommendation"]], field=foreign, by=by
        )


def test_a_closed_list_gives_measures_in_rank_order(client, world_people):
    world, by = world_people
    prioritization = world["prioritization"]
    with pytest.raises(ServiceError, match="Die Abstimmung läuft noch"):
        ranked_recommendations(prioritization)
    client.force_login(by)
    url = reverse("participation:prioritization_measures", args=[prioritization.pk])
    assert "Die Abstimmung läuft noch" in client.get(url).content.decode()
    prioritization_services.prioritization_close(prioritization=prioritization, by=by)
    prioritization.refresh_from_db()
    ranked = ranked_recommendations(prioritization)
    assert ranked, "the world's vote lists recommendations"
    client.force_login(by)
    url = reverse("participation:prioritization_measures", args=[prioritization.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert (
        "Maßnahmen in Rangfolge"
        in client.get(
            reverse("participation:prioritization_detail", args=[prioritization.pk])
        ).content.decode()
    )
    field = world["plan"].fields.order_by("number").first()
    before = set(Measure.objects.filter(field=field).values_list("pk", flat=True))
    response = client.post(url, {"field": field.pk})
    assert response.status_code == 302
    new = Measure.objects.filter(field=field).exclude(pk__in=before).order_by("position")
    linked = [m.recommendations.get() for m in new]
    assert linked == [r for r in ranked if r in linked]
    assert len(linked) == len([r for r in ranked if not r.measures.exclude(pk__in=new).exists()])


@pytest.fixture
def world_people():
    world = build_world()
    return world, world["people"]["coordinator"]


def test_the_recommendation_page_offers_a_new_measure(client, world_people):
    world, by = world_people
    recommendation = recommendation_create(
        process=world["process"], text="Ein Sprachcafé im Rathaus einrichten.", by=by
    )
    client.force_login(by)
    detail = reverse("participation:recommendation_detail", args=[recommendation.pk])
    assert "Maßnahme aus der Empfehlung anlegen" in client.get(detail).content.decode()
    field = world["plan"].fields.order_by("number").first()
    client.post(
        reverse("participation:recommendation_measure_create", args=[recommendation.pk]),
        {"field": field.pk},
    )
    measure = Recommendation.objects.get(pk=recommendation.pk).measures.get()
    assert measure.title == "Ein Sprachcafé im Rathaus einrichten"
