"""Every back-office route of plans against one role table (data: route → method, the URL's
keywords from the world, expected status per role). Anonymous people go to the login, members
of another organisation get 404, members who may see but not act get 403; a POST-only route
asked with GET answers the access first and 405 only to those who may use it.

teilhabe/backoffice/tests/test_access_matrix.py checks that every /verwaltung/ route has a row
in a table like this one."""

import datetime as dt

import pytest
from django.test import Client

from teilhabe.organizations.models import Role
from teilhabe.plans import services
from teilhabe.plans.models import Measure, ProgressEntry
from teilhabe.plans.services.update_requests import update_requests_send
from teilhabe.testing import make_plan, make_user
from teilhabe.testing.roles import role_table_failures

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "stranger",
    "reader",
    "editor_other",
    "editor_own",
    "coordinator",
    "admin",
    "superuser",
]
_MEMBERS = ["reader", "editor_other", "editor_own", "coordinator", "admin", "superuser"]
SEES = {"anonymous": 302, "stranger": 404}
READ = {**SEES, **dict.fromkeys(_MEMBERS, 200)}
MANAGE = {**READ, "reader": 403, "editor_other": 403, "editor_own": 403}
# Office editors act on what their office leads.
UPDATE = {**READ, "reader": 403, "editor_other": 403}
# Both offices lead measures of the plan, so both may import the progress table.
IMPORT = {**READ, "reader": 403}


def post_only(table: dict) -> dict:
    """The same people, asking a POST-only route with GET: 405 where they may use it."""
    return {role: 405 if status == 200 else status for role, status in table.items()}


# A draft Bilanz's document: members read it, anybody else (anonymous too) finds nothing.
DRAFT_DOCUMENT = {**READ, "anonymous": 404}


def _plan(w):
    return {"slug": w["plan"].slug}


def _field(w):
    return {"slug": w["plan"].slug, "number": 1}


def _org(w):
    return {"org_slug": w["plan"].organization.slug}


def _report(w):
    return {"pk": w["report"].pk}


def _measure(w):
    return {"pk": w["measure"].pk}


def _entry(w):
    return {"pk": w["entry"].pk}


def _language(w):
    return {"slug": w["plan"].slug, "language": "en"}


TABLE = {
    "plan_create": (_org, MANAGE),
    "bilanz_import": (_org, MANAGE),
    "plan_dashboard": (_plan, READ),
    "plan_edit": (_plan, MANAGE),
    "measure_list": (_plan, READ),
    "field_create": (_plan, MANAGE),
    "field_detail": (_field, READ),
    "field_edit": (_field, MANAGE),
    "goal_create": (_field, post_only(MANAGE)),
    "measure_create": (_field, MANAGE),
    "report_create": (_plan, MANAGE),
    "measure_detail": (_measure, READ),
    "measure_edit": (_measure, MANAGE),
    "measure_move": (_measure, post_only(MANAGE)),
    "measure_delete": (_measure, MANAGE),
    "report_detail": (_report, READ),
    "report_edit": (_report, MANAGE),
    "report_publish": (_report, MANAGE),
    "report_delete": (_report, MANAGE),
    # A published Bilanz is put right by a corrected edition; a draft is edited directly.
    "report_correct": (lambda w: {"pk": w["published_report"].pk}, MANAGE),
    "example_add": (_report, post_only(MANAGE)),
    "requests_send": (_report, post_only(MANAGE)),
    "request_answer": (
        lambda w: {"pk": w["report"].pk, "unit_id": w["units"][0].pk},
        post_only(UPDATE),
    ),
    "bilanz": (lambda w: {"report_id": w["report"].pk, "fmt": "html"}, DRAFT_DOCUMENT),
    "example_delete": (lambda w: {"pk": w["example"].pk}, post_only(MANAGE)),
    "entry_edit": (_entry, UPDATE),
    "entry_row": (_entry, UPDATE),
    "exchange_export": (_plan, READ),
    "exchange_import": (_plan, IMPORT),
    "exchange_confirm": (_plan, post_only(IMPORT)),
    "milestone_list": (_plan, READ),
    "milestone_create": (_plan, MANAGE),
    "milestones_shift": (_plan, MANAGE),
    "milestone_edit": (lambda w: {"pk": w["milestone"].pk}, MANAGE),
    "milestone_delete": (lambda w: {"pk": w["milestone"].pk}, MANAGE),
    "translation_overview": (_plan, MANAGE),
    "translation_language": (_language, MANAGE),
    "translation_edit": (lambda w: {**_language(w), "group": "massnahmen"}, MANAGE),
}
NAMESPACE = "plans"


def build_world() -> dict:
    """An adopted plan with a draft Bilanz, an example, an update request to the first office and
    a milestone; one person per role (a coordinator of another organisation is the stranger)."""
    plan, report, units = make_plan(fields=2, measures_per_field=2)
    organization = plan.organization
    people = {
        "admin": make_user(organization, Role.ADMIN),
        "coordinator": make_user(organization, Role.COORDINATOR),
        "editor_own": make_user(organization, Role.EDITOR, unit=units[0]),
        "editor_other": make_user(organization, Role.EDITOR, unit=units[1]),
        "reader": make_user(organization, Role.READER),
    }
    # A second plan of the organisation with its Bilanz published.
    _, published_report, _ = make_plan(organization, fields=1, measures_per_field=1)
    services.report_publish(report=published_report, by=None)
    other_plan, _, _ = make_plan(fields=1, measures_per_field=1)
    people["stranger"] = make_user(other_plan.organization, Role.COORDINATOR)
    superuser = make_user()
    superuser.is_superuser = True
    superuser.save()
    people["superuser"] = superuser
    by = people["coordinator"]
    measure = Measure.objects.filter(field__plan=plan, lead_unit=units[0]).first()
    update_requests_send(report=report, due_on=dt.date.today() + dt.timedelta(days=14), by=by)
    return {
        "plan": plan,
        "report": report,
        "published_report": published_report,
        "units": units,
        "people": people,
        "measure": measure,
        "entry": ProgressEntry.objects.get(report=report, measure=measure),
        "example": services.example_add(
            report=report, field=plan.fields.get(number=1), text="Ein Beispiel", by=by
        ),
        "milestone": services.milestone_create(
            plan=plan, kind="decision", title="Beschluss", by=by
        ),
    }


def client_for(world: dict, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["people"][role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role):
    world = build_world()
    client = client_for(world, role)
    failures = role_table_failures(client, world, NAMESPACE, TABLE, role)
    assert not failures, "\n".join(failures)
