"""Recommendations: creating, versioned editing, sub-items, renumbering, grouping ideas and
linking measures — the service functions and the back-office and portal pages."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.participation.models import (
    Idea,
    ParticipationProcess,
    Recommendation,
)
from teilhabe.participation.services import recommendations as services
from teilhabe.plans.models import Measure


def test_create_numbers_after_the_last_and_letters_items(rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    first = services.recommendation_create(process=process, text="Sprachkurse", by=by)
    second = services.recommendation_create(
        process=process, text="Dolmetscherpool", items=["Pool aufbauen", "", "Schulung"], by=by
    )
    assert (first.number, second.number) == (1, 2)
    assert [(i.label, i.text) for i in second.items.order_by("label")] == [
        ("a", "Pool aufbauen"),
        ("b", "Schulung"),
    ]
    with pytest.raises(ServiceError, match="Nummer 2"):
        services.recommendation_create(process=process, text="doppelt", number=2, by=by)
    with pytest.raises(ServiceError, match="nicht leer"):
        services.recommendation_create(process=process, text="   ", by=by)


def test_update_is_versioned_and_catches_a_concurrent_edit(rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    rec = services.recommendation_create(process=process, text="Alt", items=["eins"], by=by)
    stale_version = rec.version
    updated = services.recommendation_update(
        recommendation=rec, version=stale_version, text="Neu", by=by
    )
    assert updated.version == stale_version + 1
    with pytest.raises(ConflictError):
        services.recommendation_update(
            recommendation=rec, version=stale_version, text="Überschrieben?", by=by
        )
    assert Recommendation.objects.get(pk=rec.pk).text == "Neu"
    history = list(rec.history.order_by("history_date"))
    assert [h.text for h in history][-1] == "Neu"
    assert history[-1].history_user == by


def test_update_changes_removes_and_adds_items_keeping_letters(rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    rec = services.recommendation_create(process=process, text="T", items=["a", "b", "c"], by=by)
    items = {i.label: i for i in rec.items.all()}
    services.recommendation_update(
        recommendation=rec,
        version=rec.version,
        by=by,
        items={items["a"].pk: "A geändert", items["b"].pk: ""},
        new_items=["neu"],
    )
    assert [(i.label, i.text) for i in rec.items.order_by("label")] == [
        ("a", "A geändert"),
        ("b", "c"),
        ("c", "neu"),
    ]


def test_move_and_renumber(rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    one = services.recommendation_create(process=process, text="eins", by=by)
    services.recommendation_create(process=process, text="zwei", by=by)
    three = services.recommendation_create(process=process, text="drei", number=7, by=by)
    services.recommendation_move(recommendation=three, direction=-1, by=by)
    texts = list(
        Recommendation.objects.filter(process=process).order_by("number").values_list("text")
    )
    assert [t for (t,) in texts] == ["eins", "drei", "zwei"]
    assert services.recommendations_renumber(process=process, by=by) == 1
    numbers = list(
        Recommendation.objects.filter(process=process)
        .order_by("number")
        .values_list("number", "text")
    )
    assert numbers == [(1, "eins"), (2, "drei"), (3, "zwei")]
    assert services.recommendations_renumber(process=process, by=by) == 0
    services.recommendation_move(recommendation=one, direction=-1, by=by)  # already first
    assert Recommendation.objects.get(pk=one.pk).number == 1


def test_grouping_links_ideas_to_new_existing_and_items(rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    published, card = rec_setup["published"], rec_setup["card"]
    rec = services.ideas_group(process=process, ideas=[published], new_text="Sprache", by=by)
    assert rec.number == 1 and list(rec.ideas.all()) == [published]
    item = services.recommendation_update(
        recommendation=rec, version=rec.version, new_items=["Kurse"], by=by
    ).items.get()
    services.ideas_group(process=process, ideas=[card, published], item=item, by=by)
    assert set(rec.ideas.all()) == {published, card}
    assert set(item.ideas.all()) == {published, card}
    services.idea_unlink(recommendation=rec, idea=card, item=item, by=by)
    assert set(item.ideas.all()) == {published} and card in rec.ideas.all()
    services.idea_unlink(recommendation=rec, idea=published, by=by)
    assert not item.ideas.exists() and list(rec.ideas.all()) == [card]
    # The links are part of the recommendation's history, with who and why.
    last = rec.history.order_by("-history_date").first()
    assert last.history_user == by and "entfernt" in last.history_change_reason
    assert [i.idea_id for i in last.ideas.all()] == [card.pk]


def test_grouping_refuses_pending_rejected_and_foreign_ideas(rec_setup, plan_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    for idea in (rec_setup["pending"], rec_setup["rejected"]):
        with pytest.raises(ServiceError, match="Nur veröffentlichte"):
            services.ideas_group(process=process, ideas=[idea], new_text="x", by=by)
    other = ParticipationProcess.objects.create(plan=process.plan, title="Anderer", slug="anders")
    foreign = Idea.objects.create(process=other, title="fremd", text="t", status="published")
    with pytest.raises(ServiceError):
        services.ideas_group(process=process, ideas=[foreign], new_text="x", by=by)
    assert not Recommendation.objects.exists()


def test_measure_links_only_within_the_plan(rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    rec = services.recommendation_create(process=process, text="T", by=by)
    measure = rec_setup["measures"][0]
    services.measure_link(recommendation=rec, measure=measure, by=by)
    assert list(rec.measures.all()) == [measure]
    from teilhabe.testing import make_plan

    other_plan, _report, _units = make_plan(rec_setup["organization"])
    foreign = Measure.objects.for_plan(other_plan).first()
    with pytest.raises(ServiceError, match="gehört nicht"):
        services.measure_link(recommendation=rec, measure=foreign, by=by)
    services.measure_unlink(recommendation=rec, measure=measure, by=by)
    assert not rec.measures.exists()


def test_adopted_recommendation_cannot_be_deleted(rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    rec = services.recommendation_create(
        process=process, text="T", adopted_on=dt.date(2014, 12, 15), by=by
    )
    with pytest.raises(ServiceError, match="beschlossen"):
        services.recommendation_delete(recommendation=rec, by=by)
    draft = services.recommendation_create(process=process, text="Entwurf", by=by)
    services.recommendation_delete(recommendation=draft, by=by)
    assert not Recommendation.objects.filter(pk=draft.pk).exists()


# Back-office pages -------------------------------------------------------------------------------


def test_coordinator_groups_ideas_into_a_new_recommendation_through_the_page(client, rec_setup):
    process = rec_setup["process"]
    client.force_login(rec_setup["coordinator"])
    url = reverse("participation:recommendation_group", args=[process.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert (
        "Dil kursları" in page.content.decode() and "Ungeprüfte Idee" not in page.content.decode()
    )
    response = client.post(
        url,
        {
            "ideas": [rec_setup["published"].pk, rec_setup["card"].pk],
            "target": "new",
            "new_text": "",
        },
    )
    assert response.status_code == 400
    assert "Text der neuen Empfehlung" in response.content.decode()
    response = client.post(
        url,
        {
            "ideas": [rec_setup["published"].pk, rec_setup["card"].pk],
            "target": "new",
            "new_text": "Sprachkurse für alle",
        },
    )
    rec = Recommendation.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "participation:recommendation_detail", args=[rec.pk]
    )
    assert rec.ideas.count() == 2
    detail = client.get(response.url).content.decode()
    assert "AG 1: Sprache und Bildung" in detail and "1. Handlungsfeld 1" in detail


def test_edit_page_shows_a_conflict_and_keeps_the_input(client, rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    rec = services.recommendation_create(process=process, text="Alt", by=by)
    client.force_login(by)
    url = reverse("participation:recommendation_edit", args=[rec.pk])
    assert client.get(url).status_code == 200
    services.recommendation_update(recommendation=rec, version=rec.version, text="Jemand", by=by)
    response = client.post(url, {"version": rec.version, "text": "Meine Fassung", "new_items": ""})
    content = response.content.decode()
    assert response.status_code == 200 and "Zwischenzeitlich geändert" in content
    assert "Meine Fassung" in content
    assert Recommendation.objects.get(pk=rec.pk).text == "Jemand"


def test_versions_page_shows_who_and_the_text_diff(client, rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    rec = services.recommendation_create(process=process, text="Sprachkurse anbieten", by=by)
    services.recommendation_update(
        recommendation=rec, version=rec.version, text="Sprachkurse kostenlos anbieten", by=by
    )
    client.force_login(rec_setup["people"]["reader"])
    content = client.get(
        reverse("participation:recommendation_versions", args=[rec.pk])
    ).content.decode()
    assert '<ins class="diff-added">kostenlos</ins>' in content
    assert str(by) in content


def test_link_measure_through_the_page(client, rec_setup):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    rec = services.recommendation_create(process=process, text="T", by=by)
    measure = rec_setup["measures"][1]
    client.force_login(by)
    detail = reverse("participation:recommendation_detail", args=[rec.pk])
    found = client.get(detail, {"q": measure.title}).content.decode()
    assert f'value="{measure.pk}"' in found
    response = client.post(
        reverse("participation:recommendation_measure_add", args=[rec.pk]), {"measure": measure.pk}
    )
    assert response.status_code == 302 and list(rec.measures.all()) == [measure]
    response = client.post(
        reverse("participation:recommendation_measure_add", args=[rec.pk]), {"measure": ""}
    )
    assert "Bitte wählen Sie eine Maßnahme aus." in client.get(detail).content.decode()


# Portal ------------------------------------------------------------------------------------------


def _portal_list_url(process):
    plan = process.plan
    return reverse(
        "portal:recommendation_list",
        kwargs={
            "org_slug": plan.organization.slug,
            "plan_slug": plan.slug,
            "process_slug": process.slug,
        },
    )


def test_public_page_shows_items_counts_adoption_and_measure_status(client, rec_setup):
    from teilhabe.plans.services.publication import bilanz_publish

    process, by = rec_setup["process"], rec_setup["coordinator"]
    bilanz_publish(report=rec_setup["report"], by=by)
    rec = services.ideas_group(
        process=process,
        ideas=[rec_setup["published"], rec_setup["card"]],
        new_text="Sprachkurse für alle",
        by=by,
    )
    rec.ideas.add(rec_setup["pending"])  # linked before moderation: counted, never linked
    services.recommendation_update(
        recommendation=rec,
        version=rec.version,
        adopted_on=dt.date(2014, 12, 15),
        new_items=["in jeder Gemeinde"],
        by=by,
    )
    measure = rec_setup["measures"][0]
    services.measure_link(recommendation=rec, measure=measure, by=by)
    content = client.get(_portal_list_url(process)).content.decode()
    assert "Sprachkurse für alle" in content and "a) in jeder Gemeinde" in content
    assert "3 Ideen" in content and "die 2 veröffentlichten Ideen ansehen" in content
    assert "15. Dezember 2014" in content
    assert measure.title in content and 'class="status status--done"' in content
    assert "Ungeprüfte Idee" not in content and "ayse@example.org" not in content

    detail = client.get(
        reverse(
            "portal:recommendation_detail",
            kwargs={
                "org_slug": process.plan.organization.slug,
                "plan_slug": process.plan.slug,
                "process_slug": process.slug,
                "recommendation_id": rec.pk,
            },
        )
    ).content.decode()
    assert "Dil kursları" in detail and "Ungeprüfte Idee" not in detail
    assert "Ayşe" not in detail


def test_public_page_of_a_non_public_process_is_404(client, rec_setup):
    process = rec_setup["process"]
    process.public = False
    process.save()
    assert client.get(_portal_list_url(process)).status_code == 404


def test_public_page_queries_do_not_grow(client, rec_setup, django_assert_max_num_queries):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    measures = rec_setup["measures"]

    def add(n):
        for i in range(n):
            ideas = [
                Idea.objects.create(
                    process=process, title=f"Idee {i}", text="t", status="published"
                )
                for _ in range(3)
            ]
            rec = services.ideas_group(process=process, ideas=ideas, new_text=f"E {i}", by=by)
            services.recommendation_update(
                recommendation=rec, version=rec.version, new_items=["x", "y"], by=by
            )
            services.measure_link(recommendation=rec, measure=measures[i % len(measures)], by=by)

    add(2)
    url = _portal_list_url(process)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_back_office_pages_queries_do_not_grow(client, rec_setup, django_assert_max_num_queries):
    process, by = rec_setup["process"], rec_setup["coordinator"]
    client.force_login(by)
    urls = [
        reverse("participation:recommendation_list", args=[process.pk]),
        reverse("participation:recommendation_group", args=[process.pk]),
    ]

    def add(n):
        for i in range(n):
            idea = Idea.objects.create(process=process, title=f"I{i}", text="t", status="published")
            rec = services.ideas_group(process=process, ideas=[idea], new_text=f"E {i}", by=by)
            services.recommendation_update(
                recommendation=rec, version=rec.version, new_items=["x"], by=by
            )

    add(2)
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        counts[url] = len(captured.captured_queries)
    add(10)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
    rec = Recommendation.objects.filter(process=process).first()
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("participation:recommendation_detail", args=[rec.pk])).status_code
            == 200
        )
    assert not mail.outbox
