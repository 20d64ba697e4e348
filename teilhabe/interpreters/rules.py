"""Who may do what in the interpreter pool, and how back-office views load its objects.

The pool holds the most sensitive data of Teilhabe: languages and origin may reveal ethnic
origin (Art. 9 DSGVO). So only the people who run the pool — the administrators and
coordinators of the organisation that owns it (the pool coordination) — see its mediators,
institutions, requests and statements (`interpreters.manage_pool`). Other members of the
organisation (readers, office editors) learn that the pool exists (403), everybody else gets 404;
the pool's statistics without names reach the plan's pages and the Bilanz.

Mediators and requesting institutions have no accounts: their pages are opened by personal links
(views_portal/pool.py), and a link opens only its holder's own data.
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.rules import member_predicate, role_predicate

from .models.pool import (
    AllowanceStatement,
    InterpreterPool,
    InterpretingRequest,
    Mediator,
    Requester,
    RequestingBody,
)

# An Organization stands for itself; everything else reaches it through its pool.
ORGANIZATION_PATHS = (
    "organization_id",
    "pool.organization_id",
    "body.pool.organization_id",
)

is_member = member_predicate(ORGANIZATION_PATHS, name="is_pool_member")
is_manager = role_predicate(ORGANIZATION_PATHS, name="is_pool_manager")
is_superuser = rules.is_superuser

rules.add_perm("interpreters.see_pool", is_superuser | is_member)
rules.add_perm("interpreters.manage_pool", is_superuser | is_manager)

VISIBLE = "interpreters.see_pool"

pool = load(
    InterpreterPool.objects.select_related("organization", "measure"),
    visible=VISIBLE,
    name="pool",
    pk="pk",
)
mediator = load(
    Mediator.objects.select_related("pool__organization"),
    visible=VISIBLE,
    name="mediator",
    pk="pk",
)
body = load(
    RequestingBody.objects.select_related("pool__organization"),
    visible=VISIBLE,
    name="body",
    pk="pk",
)
requester = load(
    Requester.objects.select_related("body__pool__organization"),
    visible=VISIBLE,
    name="requester",
    pk="pk",
)
request = load(
    InterpretingRequest.objects.select_related("pool__organization", "body", "requester"),
    visible=VISIBLE,
    name="interpreting_request",
    pk="pk",
)
statement = load(
    AllowanceStatement.objects.select_related("pool__organization"),
    visible=VISIBLE,
    name="statement",
    pk="pk",
)
