"""Every back-office route of the fund against one role table, in the shape of the plans table,
with three roles of its own (all three hold the role Lesezugriff in the organisation):

    reviewer           named as a reviewer of the call
    reviewer_conflict  named as a reviewer, declared a conflict for the application under test
    finance            named as the fund's finance office

The office (admins, coordinators) runs everything; reviewers see the call's applications and
score them — except where they declared a conflict; the finance office sees the ledger and
books payments but not the applications; other members learn that the fund exists (403);
another organisation's coordinator gets 404, anonymous people the login."""

import pytest

from teilhabe.core.access import access_of
from teilhabe.funding import urls_backoffice
from teilhabe.plans.tests.test_access_table import MANAGE as PLANS_MANAGE
from teilhabe.plans.tests.test_access_table import READ as PLANS_READ
from teilhabe.plans.tests.test_access_table import ROLES as PLANS_ROLES
from teilhabe.plans.tests.test_access_table import client_for, post_only
from teilhabe.testing.roles import role_table_failures

pytestmark = pytest.mark.django_db

ROLES = [*PLANS_ROLES, "reviewer", "reviewer_conflict", "finance"]
OWN_ROLES = ("reviewer", "reviewer_conflict", "finance")
SEE = {**PLANS_READ, **dict.fromkeys(OWN_ROLES, 200)}
MANAGE = {**PLANS_MANAGE, **dict.fromkeys(OWN_ROLES, 403)}
SEE_APPLICATIONS = {**MANAGE, "reviewer": 200, "reviewer_conflict": 200}
REVIEW = {**MANAGE, "admin": 403, "coordinator": 403, "reviewer": 200}
DECLARE = {**REVIEW, "reviewer_conflict": 200}
FINANCE = {**MANAGE, "finance": 200}
SIGNED_IN = dict.fromkeys(ROLES, 200) | {"anonymous": 302}


def _org(w):
    return {"org_slug": w["organization"].slug}


def _pk(key):
    return lambda w: {"pk": w[key].pk}


def _application(key, **more):
    return lambda w: {"pk": w["applications"][key].pk, **more}


TABLE = {
    "my_reviews": (lambda w: {}, SIGNED_IN),
    "fund_list": (_org, SEE),
    "fund_create": (_org, MANAGE),
    "fund_detail": (_pk("fund"), SEE),
    "fund_edit": (_pk("fund"), MANAGE),
    "fund_finance": (_pk("fund"), MANAGE),
    "letter_templates": (_pk("fund"), MANAGE),
    "letter_template_edit": (_pk("template"), MANAGE),
    "call_create": (_pk("fund"), MANAGE),
    "ledger": (_pk("fund"), FINANCE),
    "ledger_export": (lambda w: {"pk": w["fund"].pk, "fmt": "csv"}, FINANCE),
    "proofs": (_pk("fund"), MANAGE),
    "call_detail": (_pk("call"), SEE_APPLICATIONS),
    "call_edit": (_pk("call"), MANAGE),
    "call_reviewers": (_pk("call"), MANAGE),
    "call_reviewer_remove": (_pk("call"), post_only(MANAGE)),
    "application_detail": (_application("eligible"), SEE_APPLICATIONS),
    "application_eligibility": (_application("submitted"), post_only(MANAGE)),
    "application_review": (_application("eligible"), post_only(REVIEW)),
    "application_conflict": (_application("eligible"), post_only(DECLARE)),
    "application_decide": (_application("eligible"), post_only(MANAGE)),
    "application_letter": (_application("approved", fmt="docx"), MANAGE),
    "application_admit_late": (_application("draft"), post_only(MANAGE)),
    "application_query": (_application("submitted"), post_only(MANAGE)),
    "application_link": (_application("submitted"), post_only(MANAGE)),
    "application_attachment": (
        lambda w: {"pk": w["applications"]["approved"].pk, "attachment_pk": w["attachment"].pk},
        SEE_APPLICATIONS,
    ),
    "application_payment": (_application("approved"), post_only(FINANCE)),
    "proof_accept": (_application("approved"), post_only(MANAGE)),
}
NAMESPACE = "funding"


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role, funding_world):
    client = client_for(funding_world, role)
    failures = role_table_failures(client, funding_world, NAMESPACE, TABLE, role)
    assert not failures, "\n".join(failures)


def test_every_route_has_a_row_and_declares_its_rule():
    assert {p.name for p in urls_backoffice.urlpatterns} == set(TABLE)
    for pattern in urls_backoffice.urlpatterns:
        assert access_of(pattern.callback) is not None, pattern.name
