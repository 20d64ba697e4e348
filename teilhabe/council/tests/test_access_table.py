"""Every back-office route of the council, found in its URLconf, against one role table: each
states its rule at its head (reading routes `council.view_internal`, managing routes
`council.manage`), anonymous people go to the login, members of another organisation get 404,
readers and office editors read (200) but may not manage (403), admins, coordinators and
superusers do both."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from teilhabe.core.access import access_of
from teilhabe.council import services, urls_backoffice
from teilhabe.council.models import OParlSource
from teilhabe.testing import make_user

from .test_papers_fixtures import make_council

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin", "superuser"]
SEES = {"anonymous": 302, "stranger": 404}
READ = {**SEES, **dict.fromkeys(["reader", "editor_own", "coordinator", "admin", "superuser"], 200)}
MANAGE = {**READ, "reader": 403, "editor_own": 403}
# Managing by POST answers with a redirect to the changed page.
MANAGE_POST = {**MANAGE, "coordinator": 302, "admin": 302, "superuser": 302}
RULE = {"read": "council.view_internal", "manage": "council.manage"}
EXPECTED = {("GET", "read"): READ, ("GET", "manage"): MANAGE, ("POST", "manage"): MANAGE_POST}


def _source(world):
    return {"org_slug": world["organization"].slug, "source_id": world["source"].pk}


# route name → (method, the URL's keywords from the world, reading or managing). POST routes
# that delete come last: each role starts with a fresh world, and nothing they delete is needed
# by a later route.
TABLE = {
    "paper_list": ("GET", lambda w: {"org_slug": w["organization"].slug}, "read"),
    "paper_create": ("GET", lambda w: {"org_slug": w["organization"].slug}, "manage"),
    "paper_detail": ("GET", lambda w: {"pk": w["secret_paper"].pk}, "read"),
    "paper_edit": ("GET", lambda w: {"pk": w["paper"].pk}, "manage"),
    "paper_delete": ("GET", lambda w: {"pk": w["paper"].pk}, "manage"),
    "consultation_create": ("GET", lambda w: {"pk": w["paper"].pk}, "manage"),
    "consultation_edit": ("GET", lambda w: {"pk": w["consultation"].pk}, "manage"),
    "link_add": ("POST", lambda w: {"pk": w["paper"].pk}, "manage"),
    "link_remove": ("POST", lambda w: {"pk": w["paper"].pk}, "manage"),
    "file_add": ("GET", lambda w: {"pk": w["paper"].pk}, "manage"),
    "file_download": ("GET", lambda w: {"pk": w["attachment"].pk}, "read"),
    "committee_list": ("GET", lambda w: {"org_slug": w["organization"].slug}, "read"),
    "committee_create": ("GET", lambda w: {"org_slug": w["organization"].slug}, "manage"),
    "committee_detail": ("GET", lambda w: {"pk": w["committee"].pk}, "read"),
    "committee_edit": ("GET", lambda w: {"pk": w["committee"].pk}, "manage"),
    "committee_delete": ("GET", lambda w: {"pk": w["committee"].pk}, "manage"),
    "meeting_create": ("GET", lambda w: {"pk": w["committee"].pk}, "manage"),
    "meeting_edit": ("GET", lambda w: {"pk": w["meeting"].pk}, "manage"),
    "meeting_delete": ("GET", lambda w: {"pk": w["meeting"].pk}, "manage"),
    "draft_from_report": ("GET", lambda w: {"pk": w["report"].pk}, "manage"),
    "draft_from_process": ("GET", lambda w: {"pk": w["recommendation"].process_id}, "manage"),
    "draft_from_paper": ("GET", lambda w: {"pk": w["paper"].pk}, "manage"),
    "oparl_sources": ("GET", lambda w: {"org_slug": w["organization"].slug}, "manage"),
    "oparl_source_edit": ("GET", _source, "manage"),
    "oparl_runs": ("GET", _source, "manage"),
    "oparl_sync_now": ("POST", _source, "manage"),
    "consultation_delete": ("POST", lambda w: {"pk": w["doomed_consultation"].pk}, "manage"),
    "file_delete": ("POST", lambda w: {"pk": w["doomed_attachment"].pk}, "manage"),
    "oparl_source_delete": ("POST", _source, "manage"),
}


def test_every_route_declares_its_rule_and_has_a_row():
    routes = {pattern.name: pattern.callback for pattern in urls_backoffice.urlpatterns}
    assert set(routes) == set(TABLE), "a council route without a row (or a row without a route)"
    for name, view in routes.items():
        access = access_of(view)
        assert access is not None, f"{name} declares no rule"
        assert access.rule == RULE[TABLE[name][2]], name


def _world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = make_council()
    by = world["people"]["coordinator"]
    committee = world["committees"]["kreistag"]
    meeting = services.meeting_create(
        committee=committee, starts_at=dt.datetime(2014, 12, 15, 17, tzinfo=dt.UTC), by=by
    )
    upload = SimpleUploadedFile("anlage.pdf", b"%PDF-1.4 Anlage")
    doomed = services.consultation_create(
        paper=world["secret_paper"], committee=committee, role="notice", by=by
    )
    return world | {
        "committee": committee,
        "meeting": meeting,
        "consultation": world["paper"].consultations.first(),
        "doomed_consultation": doomed,
        "attachment": services.file_add(paper=world["paper"], name="Anlage", upload=upload, by=by),
        "doomed_attachment": services.file_add(
            paper=world["paper"], name="Link", access_url="https://ris.example.org/a.pdf", by=by
        ),
        "source": OParlSource.objects.create(
            organization=world["organization"], system_url="https://ris.example.org/oparl"
        ),
    }


def _client(world, role):
    client = Client()
    if role == "superuser":
        person = make_user()
        person.is_superuser = True
        person.save()
        client.force_login(person)
    elif role != "anonymous":
        client.force_login(world["people"][role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role, settings, tmp_path):
    world = _world(settings, tmp_path)
    client = _client(world, role)
    link = {"target": f"plan:{world['plan'].pk}", "kind": "plan", "target_id": world["plan"].pk}
    failures = []
    for name, (method, keywords, kind) in TABLE.items():
        expected = EXPECTED[method, kind]
        url = reverse(f"council:{name}", kwargs=keywords(world))
        response = client.get(url) if method == "GET" else client.post(url, link)
        if response.status_code != expected[role]:
            failures.append(f"{name} {method} {url}: {response.status_code} != {expected[role]}")
        elif role == "anonymous" and not response["Location"].startswith(reverse("login")):
            failures.append(f"{name}: anonymous sent to {response['Location']}, not the login")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("role", "expected"), [("stranger", 404), ("reader", 403), ("coordinator", 405)]
)
def test_access_is_decided_before_the_method(role, expected, settings, tmp_path):
    """A POST-only route asked with GET tells nobody outside the organisation that the object
    exists, and no reader that they could change it: the rule answers first."""
    world = _world(settings, tmp_path)
    client = _client(world, role)
    for name in ("link_add", "consultation_delete", "file_delete", "oparl_sync_now"):
        method, keywords, _kind = TABLE[name]
        assert method == "POST"
        url = reverse(f"council:{name}", kwargs=keywords(world))
        assert client.get(url).status_code == expected, name
