"""The checklist of a plan being drafted: each step decided by the data, the first open one is
"now", links only to pages the person may open; the start page shows it to the organisation."""

import datetime as dt

import pytest
from django.urls import reverse

from teilhabe.backoffice.lifecycle import DONE, LATER, NOW, plan_steps
from teilhabe.organizations.models import Role
from teilhabe.participation.services.processes import process_create
from teilhabe.plans import services
from teilhabe.testing import make_organization, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    organization = make_organization("Stadt Anfangsstadt", kind="city")
    plan = services.plan_create(
        organization=organization,
        title="Integrationsplan Anfangsstadt",
        slug="anfangsstadt",
        status="draft",
        by=None,
    )
    services.field_create(plan=plan, number=1, title="Sprache", by=None)
    return {
        "plan": plan,
        "coordinator": make_user(organization, Role.COORDINATOR),
        "reader": make_user(organization, Role.READER),
    }


def states(steps):
    return [(step.title.split(":")[0].split(" (")[0], step.state) for step in steps]


def test_an_empty_plan_starts_with_the_mandate(town):
    steps = plan_steps(town["plan"], town["coordinator"])
    assert states(steps) == [
        ("Auftrag des Rates", NOW),
        ("Bestandsaufnahme", LATER),
        ("Beteiligung", LATER),
        ("Entwurf", LATER),
        ("Beschluss des Plans", LATER),
        ("Umsetzung", LATER),
        ("Bilanz für den Rat veröffentlichen", LATER),
    ]
    assert steps[0].url == reverse("council:paper_create", args=[town["plan"].organization.slug])
    assert steps[3].detail == "1 Handlungsfeld, 0 Maßnahmen"


def test_steps_follow_the_data(town):
    plan, by = town["plan"], town["coordinator"]
    plan = services.plan_update(
        plan=plan, version=plan.version, council_reference="VKS 10.03.2020", by=by
    )
    services.milestone_create(
        plan=plan, kind="inventory", title="IST-Stand", done_on=dt.date(2020, 9, 1), by=by
    )
    process_create(plan=plan, title="Beteiligung Anfangsstadt", slug="beteiligung", by=by)
    steps = plan_steps(plan, by)
    assert states(steps)[:4] == [
        ("Auftrag des Rates", DONE),
        ("Bestandsaufnahme", DONE),
        ("Beteiligung", NOW),
        ("Entwurf", LATER),
    ]
    assert steps[0].detail == "VKS 10.03.2020"
    assert steps[1].detail == "abgeschlossen am 01.09.2020"
    assert steps[2].detail == "Ein Beteiligungsprozess ist in Vorbereitung."
    assert steps[2].url == reverse("participation:process_list", args=[plan.slug])


def test_links_only_where_the_person_may_go(town):
    steps = plan_steps(town["plan"], town["reader"])
    # A reader may not enter council papers: the step says what is due, without a link.
    assert steps[0].state == NOW
    assert steps[0].url == "" and steps[0].action == ""


def test_the_start_page_shows_the_checklist(client, town):
    client.force_login(town["coordinator"])
    html = client.get(reverse("backoffice:home")).content.decode()
    assert "Der Weg zum Integrationsplan Anfangsstadt" in html
    assert 'aria-current="step"' in html
    assert "Drucksache eintragen" in html
