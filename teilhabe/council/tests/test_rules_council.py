"""Role × action matrix for council records: members read everything (non-public papers too),
admins and coordinators change it, other organisations see nothing (404), anonymous people are
sent to the login; the portal shows public papers to everybody and non-public ones to nobody."""

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.organizations.models import Role
from teilhabe.testing import make_user

from .test_papers_fixtures import make_council

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin", "superuser"]
READ = {
    "anonymous": 302,
    "stranger": 404,
    "reader": 200,
    "editor_own": 200,
    "coordinator": 200,
    "admin": 200,
    "superuser": 200,
}
MANAGE = {**READ, "reader": 403, "editor_own": 403}
MANAGE_POST = {**MANAGE, "coordinator": 302, "admin": 302, "superuser": 302}
EVERYBODY = dict.fromkeys(ROLES, 200)
NOBODY = dict.fromkeys(ROLES, 404)


def test_role_matrix(db):
    world = make_council()
    people = dict(world["people"])
    superuser = make_user()
    superuser.is_superuser = True
    superuser.save()
    people["superuser"] = superuser
    org, paper, secret = world["organization"], world["paper"], world["secret_paper"]
    consultation = paper.consultations.first()
    committee = world["committees"]["kreistag"]
    portal = {"org_slug": org.slug}
    cases = [
        ("GET", reverse("council:paper_list", kwargs={"org_slug": org.slug}), READ),
        ("GET", reverse("council:paper_detail", kwargs={"pk": paper.pk}), READ),
        ("GET", reverse("council:paper_detail", kwargs={"pk": secret.pk}), READ),
        ("GET", reverse("council:committee_list", kwargs={"org_slug": org.slug}), READ),
        ("GET", reverse("council:committee_detail", kwargs={"pk": committee.pk}), READ),
        ("GET", reverse("council:paper_create", kwargs={"org_slug": org.slug}), MANAGE),
        ("GET", reverse("council:paper_edit", kwargs={"pk": paper.pk}), MANAGE),
        ("GET", reverse("council:paper_delete", kwargs={"pk": paper.pk}), MANAGE),
        ("GET", reverse("council:committee_create", kwargs={"org_slug": org.slug}), MANAGE),
        ("GET", reverse("council:committee_edit", kwargs={"pk": committee.pk}), MANAGE),
        ("GET", reverse("council:meeting_create", kwargs={"pk": committee.pk}), MANAGE),
        ("GET", reverse("council:consultation_create", kwargs={"pk": paper.pk}), MANAGE),
        ("GET", reverse("council:consultation_edit", kwargs={"pk": consultation.pk}), MANAGE),
        ("GET", reverse("council:file_add", kwargs={"pk": paper.pk}), MANAGE),
        ("POST", reverse("council:link_add", kwargs={"pk": paper.pk}), MANAGE_POST),
        ("POST", reverse("council:link_remove", kwargs={"pk": paper.pk}), MANAGE_POST),
        ("GET", reverse("portal:paper_list", kwargs=portal), EVERYBODY),
        ("GET", reverse("portal:paper_detail", kwargs={**portal, "paper_id": paper.pk}), EVERYBODY),
        ("GET", reverse("portal:paper_detail", kwargs={**portal, "paper_id": secret.pk}), NOBODY),
    ]
    post_data = {
        "target": f"plan:{world['plan'].pk}",
        "kind": "plan",
        "target_id": world["plan"].pk,
    }
    failures = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        for method, url, expected in cases:
            response = client.get(url) if method == "GET" else client.post(url, post_data)
            if response.status_code != expected[role]:
                failures.append(
                    f"{role} {method} {url}: {response.status_code} != {expected[role]}"
                )
    assert not failures, "\n".join(failures)


def test_rules(db):
    world = make_council()
    paper = world["secret_paper"]
    expectations = {
        "reader": (True, False),
        "editor_own": (True, False),
        "coordinator": (True, True),
        "admin": (True, True),
        "stranger": (False, False),
    }
    for role, (view, manage) in expectations.items():
        user = world["people"][role]
        assert user.has_perm("council.view_internal", paper) is view, role
        assert user.has_perm("council.manage", paper) is manage, role
    outsider = make_user(world["other_plan"].organization, Role.READER)
    assert not outsider.has_perm("council.view_internal", world["committees"]["kreistag"])
