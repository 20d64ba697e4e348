"""Every back-office route of the inventory against one role table (route → the URL's keywords
from the world, expected status per role), in the shape of the plans table. Members read the
inventory; admins, coordinators and superusers keep it (readers and office editors get 403);
members of another organisation get 404, anonymous people the login. A POST-only route asked
with GET answers the access first and 405 only to those who may use it.

teilhabe/backoffice/tests/test_access_matrix.py checks that every /verwaltung/ route has a row
in a table like this one."""

import pytest

from teilhabe.offers import urls_backoffice
from teilhabe.plans.tests.test_access_table import MANAGE, READ, ROLES, client_for, post_only
from teilhabe.testing.roles import role_table_failures

pytestmark = pytest.mark.django_db


def _org(w):
    return {"org_slug": w["organization"].slug}


def _pk(key):
    return lambda w: {"pk": w[key].pk}


TABLE = {
    "offer_list": (_org, READ),
    "offer_create": (_org, MANAGE),
    "gap_view": (_org, READ),
    "offer_import": (_org, MANAGE),
    "offer_detail": (_pk("draft"), READ),
    "offer_edit": (_pk("offer"), MANAGE),
    "offer_delete": (_pk("offer"), MANAGE),
    "place_add": (_pk("offer"), MANAGE),
    "place_delete": (_pk("place"), post_only(MANAGE)),
    "provider_list": (_org, READ),
    "provider_create": (_org, MANAGE),
    "provider_detail": (_pk("provider"), READ),
    "provider_edit": (_pk("provider"), MANAGE),
    "provider_delete": (_pk("provider"), MANAGE),
    "provider_link_send": (_pk("provider"), post_only(MANAGE)),
    # Proposals carry what a provider wrote: for those who keep the inventory only.
    "change_list": (_org, MANAGE),
    "change_detail": (_pk("change"), MANAGE),
    "change_accept": (_pk("change"), post_only(MANAGE)),
    "change_reject": (_pk("change"), post_only(MANAGE)),
    "network_list": (_org, READ),
    "network_create": (_org, MANAGE),
    "network_detail": (_pk("network"), READ),
    "network_edit": (_pk("network"), MANAGE),
    "network_delete": (_pk("network"), MANAGE),
    "member_add": (_pk("network"), MANAGE),
    "member_remove": (_pk("member"), post_only(MANAGE)),
    "meeting_add": (_pk("network"), MANAGE),
    "meeting_delete": (_pk("meeting"), post_only(MANAGE)),
}
NAMESPACE = "offers"


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role, offers_world):
    client = client_for(offers_world, role)
    failures = role_table_failures(client, offers_world, NAMESPACE, TABLE, role)
    assert not failures, "\n".join(failures)


def test_every_route_has_a_row_and_declares_its_rule():
    from teilhabe.core.access import access_of

    assert {p.name for p in urls_backoffice.urlpatterns} == set(TABLE)
    for pattern in urls_backoffice.urlpatterns:
        assert access_of(pattern.callback) is not None, pattern.name
