"""Every back-office route of good practice against one role table (the fund world's roles).
Members read the catalogue and brochures; admins and coordinators keep them; a published
practice is open to any signed-in person, and another municipality's coordination (the
stranger) records there that it took it up; everybody else outside gets 404."""

import pytest

from teilhabe.core.access import access_of
from teilhabe.funding.tests.test_access_table import ROLES
from teilhabe.plans.tests.test_access_table import MANAGE as PLANS_MANAGE
from teilhabe.plans.tests.test_access_table import READ as PLANS_READ
from teilhabe.plans.tests.test_access_table import client_for, post_only
from teilhabe.practices import urls_backoffice
from teilhabe.testing.roles import role_table_failures

pytestmark = pytest.mark.django_db

OWN = ("reviewer", "reviewer_conflict", "finance")
READ = {**PLANS_READ, **dict.fromkeys(OWN, 200)}
MANAGE = {**PLANS_MANAGE, **dict.fromkeys(OWN, 403)}
# A published practice: every signed-in person may open it.
PUBLISHED = {**READ, "stranger": 200}
# Keeping it: the published practice exists for everybody signed in, so outsiders get 403.
MANAGE_PUBLISHED = {**MANAGE, "stranger": 403}
# Taking it up: the coordination of another municipality only.
ADOPT = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "stranger": 405, "superuser": 405}


def _org(w):
    return {"org_slug": w["organization"].slug}


def _pk(key):
    return lambda w: {"pk": w[key].pk}


TABLE = {
    "practice_list": (_org, READ),
    "practice_create": (_org, MANAGE),
    "promote_example": (_org, post_only(MANAGE)),
    "promote_grant": (_org, post_only(MANAGE)),
    "edition_list": (_org, READ),
    "edition_create": (_org, MANAGE),
    "practice_detail": (_pk("practice"), PUBLISHED),
    "practice_edit": (_pk("practice"), MANAGE_PUBLISHED),
    "practice_publish": (_pk("practice"), post_only(MANAGE_PUBLISHED)),
    "partner_add": (_pk("practice"), post_only(MANAGE_PUBLISHED)),
    "picture_add": (_pk("practice"), post_only(MANAGE_PUBLISHED)),
    "practice_adopt": (_pk("practice"), ADOPT),
    "partner_remove": (_pk("partner"), post_only(MANAGE)),
    "picture_file": (_pk("internal_picture"), READ),
    "edition_detail": (_pk("edition"), READ),
    "edition_edit": (_pk("edition"), MANAGE),
    "edition_download": (lambda w: {"pk": w["edition"].pk, "fmt": "html"}, READ),
    "vorlage_download": (lambda w: {"pk": w["edition"].pk, "fmt": "docx"}, MANAGE),
    "vorlage_paper": (_pk("edition"), post_only(MANAGE)),
}
NAMESPACE = "practices"


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role, practices_world):
    client = client_for(practices_world, role)
    failures = role_table_failures(client, practices_world, NAMESPACE, TABLE, role)
    assert not failures, "\n".join(failures)


def test_a_draft_is_not_found_outside(client, practices_world):
    from django.urls import reverse

    client.force_login(practices_world["people"]["stranger"])
    url = reverse("practices:practice_detail", args=[practices_world["draft"].pk])
    assert client.get(url).status_code == 404


def test_every_route_has_a_row_and_declares_its_rule():
    assert {p.name for p in urls_backoffice.urlpatterns} == set(TABLE)
    for pattern in urls_backoffice.urlpatterns:
        assert access_of(pattern.callback) is not None, pattern.name
