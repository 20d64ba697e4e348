"""Update requests reach every office, or say which measure they do not reach and why.

A plan whose measures are led in every way a plan can lead them: by offices with an address,
an office with only a person, an office nobody can be written to, another organisation, another
organisation's office, and nobody at all. Before sending, after sending and after an answer, each
measure is either covered by a request or listed as not reachable with its reason."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from teilhabe.organizations import services as org_services
from teilhabe.organizations.models import Role
from teilhabe.plans import services
from teilhabe.plans.models import Measure, UpdateRequest
from teilhabe.plans.selectors import (
    NO_LEAD,
    NO_RECIPIENT,
    OTHER_ORGANIZATION,
    request_reach,
)
from teilhabe.plans.services.update_requests import update_request_answer, update_requests_send
from teilhabe.testing import make_organization, make_plan, make_user

pytestmark = pytest.mark.django_db

DUE = dt.date.today() + dt.timedelta(days=14)


@pytest.fixture
def world():
    plan, report, units = make_plan(fields=2, measures_per_field=2, units=2)
    organization = plan.organization
    coordinator = make_user(organization, Role.COORDINATOR)
    field = plan.fields.order_by("number").first()
    silent = org_services.unit_create(organization=organization, name="Amt ohne Empfänger")
    person_only = org_services.unit_create(organization=organization, name="Amt mit Person")
    make_user(organization, Role.EDITOR, unit=person_only, email="fachamt@example.org")
    other = make_organization("Stadt Nebenan")
    other_unit = org_services.unit_create(organization=other, name="Amt der Stadt", email="a@b.de")

    def measure(title, **lead):
        return services.measure_create(field=field, title=title, by=coordinator, **lead)

    expected = {
        measure("Ohne Federführung"): NO_LEAD,
        measure("Federführung eigene Organisation", lead_organization=organization): NO_LEAD,
        measure("Federführung Stadt", lead_organization=other): OTHER_ORGANIZATION,
        measure("Amt der Stadt", lead_unit=other_unit): OTHER_ORGANIZATION,
        measure("Amt ohne Empfänger", lead_unit=silent): NO_RECIPIENT,
        measure("Amt mit Person", lead_unit=person_only): None,
    }
    for m in Measure.objects.for_plan(plan).filter(lead_unit__in=units):
        expected[m] = None
    return {
        "plan": plan,
        "report": report,
        "units": units,
        "person_only": person_only,
        "coordinator": coordinator,
        "expected": {m.pk: reason for m, reason in expected.items()},
    }


def _accounted(reach, expected, *, answered=()):
    """Each measure once: under an office a request reaches (asked now, or answered) or in the
    unreached list with the expected reason."""
    places = {}
    for office in reach.offices:
        if office.reachable:
            for measure in office.measures:
                places.setdefault(measure.pk, []).append(
                    "answered" if office.unit.pk in answered else "requested"
                )
    for item in reach.unreached:
        places.setdefault(item.measure.pk, []).append(item.reason)
    assert set(places) == set(expected), "every measure of the plan is accounted for"
    for pk, reason in expected.items():
        assert len(places[pk]) == 1, (pk, places[pk])
        assert places[pk][0] in ((reason,) if reason else ("requested", "answered")), pk


def test_before_sending_every_measure_is_requested_or_listed_with_its_reason(world):
    reach = request_reach(world["report"])
    _accounted(reach, world["expected"])
    asked = {office.unit.name for office in reach.to_ask}
    assert asked == {u.name for u in world["units"]} | {"Amt mit Person"}
    texts = {item.measure.title: item.reason_text for item in reach.unreached}
    assert "weder eine E-Mail-Adresse des Amts noch eine Person" in texts["Amt ohne Empfänger"]
    assert "Stadt Nebenan – eine andere Organisation" in texts["Federführung Stadt"]
    assert texts["Ohne Federführung"] == "Kein federführendes Amt eingetragen."


def test_sending_asks_exactly_the_reachable_offices_and_returns_the_rest(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = update_requests_send(report=world["report"], due_on=DUE, by=world["coordinator"])
    requested = {r.unit.name for r in result.requested}
    assert requested == {u.name for u in world["units"]} | {"Amt mit Person"}
    assert len(mail.outbox) == len(result.requested)
    assert any("fachamt@example.org" in message.to for message in mail.outbox)
    covered = {m.pk for r in result.requested for m in Measure.objects.filter(lead_unit=r.unit)}
    unreached = {item.measure.pk: item.reason for item in result.unreached}
    assert covered.isdisjoint(unreached)
    assert covered | set(unreached) == set(world["expected"])
    assert result.measures_requested == len(covered)
    for pk, reason in world["expected"].items():
        assert unreached.get(pk) == reason
    assert [unit.name for unit in result.unreachable] == ["Amt ohne Empfänger"]
    _accounted(request_reach(world["report"]), world["expected"])


def test_an_office_that_answered_is_not_asked_again_and_still_accounted_for(
    world, django_capture_on_commit_callbacks
):
    report, first = world["report"], world["units"][0]
    update_requests_send(report=report, due_on=DUE, by=world["coordinator"])
    update_request_answer(report=report, unit=first, by=world["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        result = update_requests_send(report=report, due_on=DUE, by=world["coordinator"])
    assert first.name not in {r.unit.name for r in result.requested}
    assert [unit.name for unit in result.answered] == [first.name]
    _accounted(request_reach(report), world["expected"], answered={first.pk})


def test_the_page_shows_reach_before_and_who_was_asked_after(
    client, world, django_capture_on_commit_callbacks
):
    report = world["report"]
    client.force_login(world["coordinator"])
    url = reverse("plans:report_detail", args=[report.pk])
    html = client.get(url).content.decode()
    for title in ("Ohne Federführung", "Federführung Stadt", "Amt der Stadt", "Amt ohne Empfänger"):
        assert title in html
    assert "Diese 5 Maßnahmen erreicht keine Anfrage" in html
    assert "Angefragt werden 3 Ämter" in html
    assert reverse("backoffice:unit_contacts", args=[world["plan"].organization.slug]) in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:requests_send", args=[report.pk]),
            {"due_on": DUE.isoformat(), "message": ""},
            follow=True,
        )
    html = response.content.decode()
    sent = UpdateRequest.objects.filter(report=report).count()
    assert sent == 3 == len(mail.outbox)
    assert f"{sent} Ämter wurden per E-Mail um den Umsetzungsstand gebeten" in html
    assert "5 Maßnahmen wurden nicht angefragt" in html
    assert "fachamt@example.org" in html  # who was asked, per office
    assert html.count("angefragt am") == 3


def test_a_coordinator_maintains_the_recipients_of_an_office(client, world):
    organization = world["plan"].organization
    silent = organization.units.get(name="Amt ohne Empfänger")
    client.force_login(world["coordinator"])
    page = client.get(reverse("backoffice:unit_contacts", args=[organization.slug]))
    assert page.status_code == 200
    assert "nicht erreichbar" in page.content.decode()
    edit = reverse("backoffice:unit_contacts_edit", args=[organization.slug, silent.pk])
    client.post(edit, {f"unit-{silent.pk}-email": "integration@example.org"})
    silent.refresh_from_db()
    assert silent.email == "integration@example.org"
    client.post(edit, {f"person-{silent.pk}-email": "neu@example.org"})
    assert silent.memberships.filter(user__email="neu@example.org", role=Role.EDITOR).exists()
    reach = request_reach(world["report"])
    assert all(item.reason != NO_RECIPIENT for item in reach.unreached)


def test_a_coordinator_removes_a_person_and_the_address_of_an_office(client, world):
    organization = world["plan"].organization
    silent = organization.units.get(name="Amt ohne Empfänger")
    client.force_login(world["coordinator"])
    edit = reverse("backoffice:unit_contacts_edit", args=[organization.slug, silent.pk])
    client.post(edit, {f"person-{silent.pk}-email": "weg@example.org"})
    client.post(edit, {f"unit-{silent.pk}-email": "amt@example.org"})
    membership = silent.memberships.get(user__email="weg@example.org")
    page = client.get(reverse("backoffice:unit_contacts", args=[organization.slug])).content
    assert f'name="entfernen" value="{membership.pk}"' in page.decode()

    response = client.post(edit, {"entfernen": str(membership.pk)}, follow=True)
    assert "weg@example.org erhält keine Anfragen an Amt ohne Empfänger mehr." in (
        response.content.decode()
    )
    assert not silent.memberships.filter(user__email="weg@example.org").exists()
    client.post(edit, {f"unit-{silent.pk}-email": ""})
    silent.refresh_from_db()
    assert silent.email == ""
    assert any(item.reason == NO_RECIPIENT for item in request_reach(world["report"]).unreached)


def test_removing_reaches_only_the_offices_people(client, world):
    """The remove button ends a Fachamt role of this office, never a coordinator's membership or
    a person of another office."""
    organization = world["plan"].organization
    unit, other = world["units"][0], world["units"][1]
    client.force_login(world["coordinator"])
    edit = reverse("backoffice:unit_contacts_edit", args=[organization.slug, unit.pk])
    coordinator = organization.memberships.get(user=world["coordinator"])
    foreign = make_user(organization, Role.EDITOR, unit=other).memberships.get()
    for target in (coordinator, foreign):
        response = client.post(edit, {"entfernen": str(target.pk)}, follow=True)
        assert "erhält keine Anfragen an" in response.content.decode()
        assert type(target).objects.filter(pk=target.pk).exists()
    response = client.post(edit, {"entfernen": "kein-wert"}, follow=True)
    assert response.status_code == 200


def test_a_coordinator_cannot_demote_somebody_through_the_recipients(client, world):
    organization = world["plan"].organization
    unit = world["units"][0]
    client.force_login(world["coordinator"])
    edit = reverse("backoffice:unit_contacts_edit", args=[organization.slug, unit.pk])
    response = client.post(
        edit, {f"person-{unit.pk}-email": world["coordinator"].email}, follow=True
    )
    assert "Rollen ändert die Administration" in response.content.decode()
    assert organization.memberships.get(user=world["coordinator"]).role == Role.COORDINATOR


@pytest.mark.parametrize(("fields", "measures", "units"), [(1, 2, 2), (4, 12, 6)])
def test_reach_takes_the_same_queries_whatever_the_plan(
    fields, measures, units, django_assert_max_num_queries
):
    plan, report, offices = make_plan(fields=fields, measures_per_field=measures, units=units)
    for office in offices:
        make_user(plan.organization, Role.EDITOR, unit=office)
    with django_assert_max_num_queries(4):
        reach = request_reach(report)
    assert sum(len(office.measures) for office in reach.offices) == fields * measures


@pytest.mark.parametrize("units", [2, 8])
def test_the_recipients_page_takes_the_same_queries_whatever_the_offices(
    client, units, django_assert_max_num_queries
):
    plan, _report, offices = make_plan(fields=1, measures_per_field=1, units=units)
    for office in offices:
        make_user(plan.organization, Role.EDITOR, unit=office)
    client.force_login(make_user(plan.organization, Role.COORDINATOR))
    url = reverse("backoffice:unit_contacts", args=[plan.organization.slug])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
