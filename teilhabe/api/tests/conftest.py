"""Data for the API tests: a public plan with a published and a draft Bilanz, another
organisation's plan in preparation, and API keys for people in every role."""

import datetime as dt
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from teilhabe.api.services import api_token_create
from teilhabe.organizations.models import Role
from teilhabe.plans import services
from teilhabe.plans.models import Measure, ProgressEntry, ProgressReport
from teilhabe.testing import make_organization, make_plan, make_user
from teilhabe.testing.state import shared_fixture
from teilhabe.testing.worlds import build_plan_setup


@dataclass
class World:
    plan: object
    published: object
    draft: object
    units: list
    organization: object
    people: dict
    draft_plan: object
    other_plan: object

    def measure(self, number: str, plan=None) -> Measure:
        return Measure.objects.get(field__plan=plan or self.plan, number=number)

    def draft_entry(self, number: str) -> ProgressEntry:
        return ProgressEntry.objects.get(report=self.draft, measure=self.measure(number))

    def key(self, role: str) -> str:
        return api_token_create(user=self.people[role], name=f"Test {role}")[1]


def publish_and_start_next(plan, report, *, by=None) -> ProgressReport:
    """Publish `report` and start the next draft (a copy of the published state)."""
    services.report_publish(report=report, by=by)
    return services.report_create(plan=plan, as_of=dt.date(2018, 3, 1), title="Bilanz 2018", by=by)


def build_api_world(get) -> World:
    """plan_setup's plan with its Bilanz 2017 published and a draft Bilanz 2018 whose texts must
    never show; Stadt Anderswo's draft plan; Landkreis Drittort's adopted plan. People in the
    roles of teilhabe.testing.roles (editor_own edits for units[0], editor_other for units[1],
    stranger coordinates Landkreis Drittort) and "nobody", a person without any role."""
    plan_setup = get(build_plan_setup)
    plan, published = plan_setup["plan"], plan_setup["report"]
    draft = publish_and_start_next(plan, published)
    # The draft says something else than the published Bilanz: it must never show.
    for entry in ProgressEntry.objects.filter(report=draft).select_related("report"):
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="done",
            percent=None,
            description="Entwurfstext – geheim",
            by=None,
        )
    other = make_organization("Stadt Anderswo", kind="city")
    draft_plan, _report, _units = make_plan(other, status="draft", fields=1, measures_per_field=2)
    services.milestone_create(plan=draft_plan, kind="decision", title="Geheimer Beschluss", by=None)
    services.milestone_create(plan=plan, kind="decision", title="Beschluss im Kreistag", by=None)
    third = make_organization("Landkreis Drittort")
    other_plan, _other_report, _ = make_plan(third, fields=1, measures_per_field=2)
    people = dict(plan_setup["people"])
    people["editor_other"] = make_user(
        plan_setup["organization"], Role.EDITOR, unit=plan_setup["units"][1]
    )
    people["stranger"] = make_user(third, Role.COORDINATOR)
    people["nobody"] = make_user()
    return World(
        plan=plan,
        published=published,
        draft=draft,
        units=plan_setup["units"],
        organization=plan_setup["organization"],
        people=people,
        draft_plan=draft_plan,
        other_plan=other_plan,
    )


world = shared_fixture(build_api_world, name="world")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def error_of(response) -> dict:
    """The body of an API error, after checking its shape."""
    body = response.json()
    assert set(body) == {"fehler"}, body
    error = body["fehler"]
    assert error["status"] == response.status_code
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["meldung"], str) and error["meldung"]
    return error
