"""The council demo: Böblingen's committees and papers 035/2014, 234/2014 and 197/2021 with
their Beratungsfolge and links, and Leinfelden-Echterdingen's VKS decision of 10.03.2020."""

import datetime as dt

import pytest

from teilhabe.council.models import Committee, Paper
from teilhabe.demo.council import BROCHURE_URL, LE_REFERENCE, load_council_demo
from teilhabe.organizations import services as org_services
from teilhabe.participation.models import ParticipationProcess, Recommendation
from teilhabe.plans import services as plan_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plans(db):
    """What the main demo has loaded before the council demo runs (the parts it links to)."""
    boeblingen = org_services.organization_create(
        name="Landkreis Böblingen", slug="landkreis-boeblingen", kind="district"
    )
    le = org_services.organization_create(
        name="Stadt Leinfelden-Echterdingen", slug="leinfelden-echterdingen", kind="city"
    )
    plan = plan_services.plan_create(
        organization=boeblingen,
        title="Integrationsplan des Landkreises Böblingen",
        slug="landkreis-boeblingen",
        status="adopted",
        adopted_on=dt.date(2014, 12, 15),
        by=None,
    )
    process = ParticipationProcess.objects.create(
        plan=plan, title="Gemeinsam für Integration und Teilhabe", slug="fachtag-2014", public=True
    )
    for number in range(1, 13):
        Recommendation.objects.create(process=process, number=number, text=f"Empfehlung {number}")
    le_plan = plan_services.plan_create(
        organization=le, title="Integrationsplan LE", slug="leinfelden-echterdingen", by=None
    )
    le_decision = plan_services.milestone_create(
        plan=le_plan,
        kind="decision",
        title="Beschluss im VKS",
        done_on=dt.date(2020, 3, 10),
        by=None,
    )
    plan_services.milestone_create(
        plan=le_plan, kind="interim_report", title="Zwischenbericht", by=None
    )
    return {
        "boeblingen": boeblingen,
        "le": le,
        "plan": plan,
        "le_plan": le_plan,
        "le_decision": le_decision,
    }


def steps(paper):
    return [
        (c.committee.short_name, c.date, c.role, c.public, c.result)
        for c in paper.consultations.select_related("committee")
    ]


def test_council_demo(demo_plans):
    load_council_demo()
    load_council_demo()  # a second run adds nothing
    boeblingen, plan = demo_plans["boeblingen"], demo_plans["plan"]
    assert sorted(
        Committee.objects.filter(organization=boeblingen).values_list("name", flat=True)
    ) == [
        "Bildungs- und Sozialausschuss",
        "Kreistag",
        "Sozial- und Gesundheitsausschuss",
    ]
    papers = {p.reference: p for p in Paper.objects.filter(organization=boeblingen)}
    assert set(papers) == {"035/2014", "234/2014", "197/2021"}

    first = papers["035/2014"]
    assert first.title == "Erster Integrationsplan für den Landkreis Böblingen"
    assert first.proposal.startswith("1. Der Entwurf des Ersten Integrationsplans")
    assert "Arbeitskreis Integration" in first.reasoning
    assert "Restmitteln 2013 des Amtes für Soziales" in first.financial_impact
    assert steps(first) == [
        (
            "BSA",
            dt.date(2014, 5, 12),
            "preliminary",
            True,
            "zur Kenntnis genommen; Beteiligungsprozess beauftragt",
        ),
        ("KT", dt.date(2014, 12, 15), "decision", True, ""),
    ]
    assert list(first.plans.all()) == [plan]

    results = papers["234/2014"]
    assert steps(results) == [
        ("BSA", dt.date(2014, 11, 24), "preliminary", True, ""),
        ("KT", dt.date(2014, 12, 15), "decision", True, "beschlossen"),
    ]
    assert "Annahme der Demo" in results.reasoning
    assert list(results.plans.all()) == [plan]
    assert results.recommendations.count() == 12

    good_practice = papers["197/2021"]
    assert good_practice.title.startswith("Integration von Menschen mit Zuwanderungsgeschichte")
    assert good_practice.date == dt.date(2021, 9, 7)
    assert steps(good_practice) == [("SGA", dt.date(2021, 10, 18), "notice", True, "")]
    attachment = good_practice.files.get()
    assert (attachment.name, attachment.access_url) == (
        "Anlage_Broschüre Good Practice",
        BROCHURE_URL,
    )
    assert "33 Beispielen" in good_practice.reasoning

    le_paper = Paper.objects.get(organization=demo_plans["le"])
    assert le_paper.reference == LE_REFERENCE
    assert le_paper.proposal.startswith("Die Verwaltung wird beauftragt einen Integrationsplan")
    assert steps(le_paper) == [("VKS", dt.date(2020, 3, 10), "decision", True, "beschlossen")]
    assert list(le_paper.plans.all()) == [demo_plans["le_plan"]]
    assert list(le_paper.milestones.all()) == [demo_plans["le_decision"]]
    assert (
        Committee.objects.filter(organization=demo_plans["le"], kind="council").get().name
        == "Gemeinderat"
    )


def test_council_demo_without_recommendations_links_none(demo_plans):
    Recommendation.objects.all().delete()
    load_council_demo()
    assert not Paper.objects.get(reference="234/2014").recommendations.exists()
