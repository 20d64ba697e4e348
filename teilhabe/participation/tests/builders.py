"""Builders of the participation tests' shared fixtures (wired up in conftest.py): each runs
once for consecutive tests that ask for its fixture, see teilhabe.testing.state.shared_fixture."""

import datetime as dt

from django.utils import timezone

from teilhabe.organizations.models import Role
from teilhabe.participation.models import (
    GroupMember,
    Idea,
    IdeaComment,
    ParticipationFormat,
    ParticipationProcess,
    Recommendation,
)
from teilhabe.participation.services import processes
from teilhabe.participation.services import registrations as reg_service
from teilhabe.participation.services.processes import process_create
from teilhabe.plans.models import Measure
from teilhabe.testing import make_organization, make_plan, make_user
from teilhabe.testing.worlds import build_plan_setup

from .test_processes_support import make_event, make_process


def build_rec_setup(get):
    """A public process of plan_setup's plan with a Fachtag and its working group, and ideas:
    published online (Turkish, wants notices), from a card, pending and rejected."""
    plan_setup = get(build_plan_setup)
    plan = plan_setup["plan"]
    field = plan.fields.order_by("number").first()
    process = ParticipationProcess.objects.create(
        plan=plan, title="Fachtag Integration", slug="fachtag-2014", public=True
    )
    fachtag = ParticipationFormat.objects.create(
        process=process, kind="conference", title="Fachtag 12. November 2014"
    )
    group = ParticipationFormat.objects.create(
        process=process,
        kind="working_group",
        parent=fachtag,
        number=1,
        title="Sprache und Bildung",
        field=field,
    )
    published = Idea.objects.create(
        process=process,
        phase=group,
        field=field,
        title="Dil kursları",
        text="Herkes için dil kursları",
        language="tr",
        status="published",
        author_name="Ayşe Yılmaz",
        author_email="ayse@example.org",
        notify=True,
    )
    card = Idea.objects.create(
        process=process,
        phase=group,
        field=field,
        title="Sprachpaten an Schulen",
        text="Karte aus der AG 1",
        source="card",
        status="published",
    )
    pending = Idea.objects.create(
        process=process, title="Ungeprüfte Idee", text="wartet", author_email="x@example.org"
    )
    rejected = Idea.objects.create(
        process=process, title="Abgelehnte Idee", text="Spam", status="rejected"
    )
    measures = list(Measure.objects.for_plan(plan).order_by("field__number", "position"))
    return {
        **plan_setup,
        "process": process,
        "field": field,
        "fachtag": fachtag,
        "group": group,
        "published": published,
        "card": card,
        "pending": pending,
        "rejected": rejected,
        "measures": measures,
        "coordinator": plan_setup["people"]["coordinator"],
    }


def build_ideas_setup(get):
    """A public process of an adopted plan with a running online phase and a working group."""
    plan, _report, _units = make_plan()
    organization = plan.organization
    coordinator = make_user(organization, Role.COORDINATOR)
    process = ParticipationProcess.objects.create(
        plan=plan, title="Gemeinsam für Integration", slug="beteiligung", public=True
    )
    now = timezone.now()
    phase = ParticipationFormat.objects.create(
        process=process,
        kind="online_phase",
        title="Online-Phase",
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=10),
    )
    group = ParticipationFormat.objects.create(
        process=process, kind="working_group", number=2, title="Sprache und Bildung"
    )
    return {
        "plan": plan,
        "organization": organization,
        "process": process,
        "phase": phase,
        "group": group,
        "field": plan.fields.get(number=1),
        "coordinator": coordinator,
    }


def build_vote_setup(get):
    """A public process of an adopted plan with a project group of four voting members (one
    with an account) and one without a vote; three recommendations and two measures."""
    plan_setup = get(build_plan_setup)
    plan = plan_setup["plan"]
    process = ParticipationProcess.objects.create(
        plan=plan, title="Beteiligung 2021", slug="beteiligung", public=True, status="running"
    )
    group = ParticipationFormat.objects.create(
        process=process, kind="project_group", title="Projektgruppe"
    )
    voter = plan_setup["people"]["editor_own"]
    members = [
        GroupMember.objects.create(group=group, name=f"Person {n}", email=f"p{n}@example.org")
        for n in range(1, 4)
    ]
    members.append(
        GroupMember.objects.create(group=group, name="Person 4", email="p4@example.org", user=voter)
    )
    guest = GroupMember.objects.create(group=group, name="Gast", may_vote=False)
    recommendations = [
        Recommendation.objects.create(process=process, number=n, text=f"Empfehlung Nummer {n}")
        for n in range(1, 4)
    ]
    measures = list(Measure.objects.filter(field__plan=plan).order_by("pk")[:2])
    return {
        **plan_setup,
        "process": process,
        "group": group,
        "members": members,
        "guest": guest,
        "voter": voter,
        "recommendations": recommendations,
        "measures": measures,
    }


def build_processes_setup(get):
    plan_setup = get(build_plan_setup)
    plan = plan_setup["plan"]
    coordinator = plan_setup["people"]["coordinator"]
    process = make_process(plan, by=coordinator)
    event = make_event(process, by=coordinator, capacity=1)
    field = plan.fields.order_by("number").first()
    ag = processes.format_create(
        process=process,
        kind="working_group",
        number=1,
        title="Bildung",
        theme="Sprache und Schule",
        field=field,
        parent=event,
        by=coordinator,
    )
    group = processes.format_create(
        process=process, kind="project_group", title="Projektgruppe", by=coordinator
    )
    processes.member_add(
        group=group,
        name="GEHEIMER NAME",
        email="mitglied@example.org",
        affiliation="Türkischer Elternverein",
        sector="migrant_organization",
        by=coordinator,
    )
    phase = processes.format_create(
        process=process,
        kind="online_phase",
        title="Online-Phase",
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(days=30),
        by=coordinator,
    )
    return {
        **plan_setup,
        "process": process,
        "event": event,
        "ag": ag,
        "group": group,
        "phase": phase,
        "coordinator": coordinator,
    }


def build_process_rules_setup(get):
    plan_setup = get(build_plan_setup)
    plan = plan_setup["plan"]
    process = make_process(plan, public=False)
    event = make_event(process, capacity=10)
    group = processes.format_create(
        process=process, kind="project_group", title="Projektgruppe", by=None
    )
    member = processes.member_add(group=group, name="Frau Mitglied", by=None)
    registration = reg_service.registration_create(
        event=event, name="Herr Angemeldet", email="angemeldet@example.org"
    )
    people = dict(plan_setup["people"])
    people["stranger"] = make_user(make_organization(), Role.COORDINATOR)
    people["anonymous"] = None
    return {
        "plan": plan,
        "process": process,
        "event": event,
        "group": group,
        "member": member,
        "registration": registration,
        "people": people,
    }


def build_privacy_setup(get):
    plan, _report, _units = make_plan(fields=1, measures_per_field=1, units=1)
    process = make_process(plan, ends_on=dt.date(2024, 1, 31))
    event = make_event(process, capacity=1)
    registration = reg_service.registration_create(
        event=event,
        name="Ayşe Yılmaz",
        email="ayse@example.org",
        accessibility_needs="Rollstuhlplatz",
        language_help="Türkisch",
    )
    waiting = reg_service.registration_create(event=event, name="Olena", email="olena@example.org")
    group = processes.format_create(process=process, kind="project_group", title="PG", by=None)
    member = processes.member_add(
        group=group, name="Herr Meier", email="meier@example.org", sector="church", by=None
    )
    idea = Idea.objects.create(
        process=process,
        title="Sprachcafé",
        text="Jede Woche",
        status="published",
        author_name="Frau Idee",
        author_email="idee@example.org",
        show_name=True,
        notify=True,
    )
    IdeaComment.objects.create(idea=idea, text="Gute Idee!", status="published", author_name="X")
    IdeaComment.objects.create(idea=idea, text="ungeprüft", status="pending")
    return {
        "plan": plan,
        "process": process,
        "event": event,
        "registration": registration,
        "waiting": waiting,
        "member": member,
        "idea": idea,
    }


def build_import_process(get):
    plan_setup = get(build_plan_setup)
    return process_create(
        plan=plan_setup["plan"],
        title="Beteiligungsprozess „Gemeinsam für Integration und Teilhabe“",
        slug="fachtag-2014",
        by=plan_setup["people"]["coordinator"],
    )
