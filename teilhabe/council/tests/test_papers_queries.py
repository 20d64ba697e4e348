"""Paper pages and the papers on a measure page need the same number of queries for 1 paper as
for 10, and for a paper with few links as for one with many."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.council import services
from teilhabe.participation.models import Recommendation

from .test_papers_fixtures import add_papers, make_council

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow(client, django_assert_max_num_queries):
    world = make_council()
    org, plan, measure = world["organization"], world["plan"], world["measure"]
    member = signed_in(client, world)
    by = world["people"]["coordinator"]
    add_papers(org, 1, link_measure=measure, link_plan=plan, by=by)
    paper = world["paper"]
    portal = {"org_slug": org.slug}
    urls = {
        "back office list": (member, reverse("council:paper_list", kwargs=portal)),
        "back office paper": (member, reverse("council:paper_detail", kwargs={"pk": paper.pk})),
        "back office measure": (
            member,
            reverse("plans:measure_detail", kwargs={"pk": measure.pk}),
        ),
        "back office plan": (
            member,
            reverse("plans:plan_dashboard", kwargs={"slug": plan.slug}),
        ),
        "portal list": (None, reverse("portal:paper_list", kwargs=portal)),
        "portal paper": (
            None,
            reverse("portal:paper_detail", kwargs={**portal, "paper_id": paper.pk}),
        ),
        "portal measure": (
            None,
            reverse(
                "portal:measure",
                kwargs={**portal, "plan_slug": plan.slug, "pk": measure.pk},
            ),
        ),
        "portal plan": (
            None,
            reverse("portal:plan", kwargs={**portal, "plan_slug": plan.slug}),
        ),
    }
    anonymous = type(client)()
    before = {name: count(who or anonymous, url) for name, (who, url) in urls.items()}

    # Nine more papers on the measure and the plan; the paper gets many links and steps.
    add_papers(org, 9, link_measure=measure, link_plan=plan, by=by)
    process = world["recommendation"].process
    for number in range(2, 8):
        recommendation = Recommendation.objects.create(
            process=process, number=number, text=f"Empfehlung {number}"
        )
        recommendation.measures.add(measure)
        services.paper_link(paper=paper, kind="recommendation", target_id=recommendation.pk, by=by)
    for other in plan.fields.first().measures.all():
        services.paper_link(paper=paper, kind="measure", target_id=other.pk, by=by)
    services.paper_link(paper=paper, kind="plan", target_id=plan.pk, by=by)
    services.paper_link(paper=paper, kind="report", target_id=world["report"].pk, by=by)
    services.paper_link(paper=paper, kind="milestone", target_id=world["milestone"].pk, by=by)
    for day in range(1, 6):
        services.consultation_create(
            paper=paper,
            committee=world["committees"]["kreistag"],
            date=dt.date(2015, 1, day),
            role="notice",
            by=by,
        )

    for name, (who, url) in urls.items():
        with django_assert_max_num_queries(before[name]):
            response = (who or anonymous).get(url)
        assert response.status_code == 200, name
    text = anonymous.get(urls["portal measure"][1]).content.decode()
    assert text.count("Drucksache ") >= 10


def signed_in(client, world):
    client.force_login(world["people"]["reader"])
    return client
