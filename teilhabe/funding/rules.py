"""Who may do what with the fund, and how back-office views load its objects.

- The fund's **office** — the administrators and coordinators of the owning organisation —
  runs everything: calls, eligibility, decisions, letters, payments, proofs of use
  (`funding.manage`).
- **Reviewers** are named per call (staff, members of the Integrationsrat). They see the
  call's applications with the applicants' data and score them (`funding.review`). A reviewer
  who declared a conflict of interest for an application can neither score it nor see the
  others' scores (`funding.see_scores`).
- The **finance office** (people named on the fund) sees the ledger, records payments and
  exports them (`funding.finance`), but not the applications' contents.
- Other members of the organisation learn that the fund exists (403 on its pages); people of
  other organisations get 404. Applicants have no accounts: their link opens their own
  application only (views_portal).
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.permissions import value_via
from teilhabe.organizations.rules import member_predicate, role_predicate

from .models import Application, Call, Fund, LetterTemplate, Payment, ProofOfUse, Review

ORGANIZATION_PATHS = (
    "organization_id",
    "fund.organization_id",
    "call.fund.organization_id",
    "application.call.fund.organization_id",
)

is_member = member_predicate(ORGANIZATION_PATHS, name="is_funding_member")
is_manager = role_predicate(ORGANIZATION_PATHS, name="is_funding_manager")
is_superuser = rules.is_superuser


def _call_id(obj) -> int | None:
    if isinstance(obj, Call):
        return obj.pk
    return value_via(obj, ("call_id", "application.call_id"))


def _fund_id(obj) -> int | None:
    if isinstance(obj, Fund):
        return obj.pk
    return value_via(obj, ("fund_id", "call.fund_id", "application.call.fund_id"))


def review_call_ids(user) -> set[int]:
    """The calls the person reviews, asked once per request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_funding_review_calls", None)
    if cached is None:
        cached = set(user.funding_reviews.values_list("call_id", flat=True))
        user._funding_review_calls = cached
    return cached


def finance_fund_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_funding_finance_funds", None)
    if cached is None:
        cached = set(user.finance_funds.values_list("pk", flat=True))
        user._funding_finance_funds = cached
    return cached


def _fund_ids_reviewed(user) -> set[int]:
    cached = getattr(user, "_funding_review_funds", None)
    if cached is None:
        ids = review_call_ids(user)
        cached = (
            set(Call.objects.filter(pk__in=ids).values_list("fund_id", flat=True)) if ids else set()
        )
        user._funding_review_funds = cached
    return cached


@rules.predicate
def is_reviewer(user, obj) -> bool:
    """Named as a reviewer of the object's call (of any call of a fund, for the fund)."""
    if obj is None or not user.is_authenticated:
        return False
    if isinstance(obj, Fund):
        return obj.pk in _fund_ids_reviewed(user)
    return _call_id(obj) in review_call_ids(user)


@rules.predicate
def is_finance(user, obj) -> bool:
    return obj is not None and _fund_id(obj) in finance_fund_ids(user)


@rules.predicate
def has_conflict(user, obj) -> bool:
    """The person declared a conflict of interest for this application."""
    if not isinstance(obj, Application) or not user.is_authenticated:
        return False
    declared = getattr(obj, "_conflicted_reviewer_ids", None)
    if declared is None:
        declared = set(obj.reviews.filter(conflict=True).values_list("reviewer_id", flat=True))
        obj._conflicted_reviewer_ids = declared
    return user.pk in declared


rules.add_perm("funding.see", is_superuser | is_member | is_reviewer | is_finance)
rules.add_perm("funding.manage", is_superuser | is_manager)
rules.add_perm("funding.see_applications", is_superuser | is_manager | is_reviewer)
rules.add_perm("funding.review", is_reviewer & ~has_conflict)
rules.add_perm("funding.declare_conflict", is_reviewer)
rules.add_perm("funding.see_scores", is_superuser | is_manager | (is_reviewer & ~has_conflict))
rules.add_perm("funding.finance", is_superuser | is_manager | is_finance)

VISIBLE = "funding.see"

fund = load(
    Fund.objects.select_related("organization", "deciding_unit"),
    visible=VISIBLE,
    name="fund",
    pk="pk",
)
call = load(
    Call.objects.select_related("fund__organization"), visible=VISIBLE, name="call", pk="pk"
)
application = load(
    Application.objects.select_related("call__fund__organization"),
    visible=VISIBLE,
    name="application",
    pk="pk",
)
proof = load(
    ProofOfUse.objects.select_related("application__call__fund__organization"),
    visible=VISIBLE,
    name="proof",
    pk="pk",
)
payment = load(
    Payment.objects.select_related("application__call__fund__organization"),
    visible=VISIBLE,
    name="payment",
    pk="pk",
)
letter_template = load(
    LetterTemplate.objects.select_related("fund__organization"),
    visible=VISIBLE,
    name="template",
    pk="pk",
)
review = load(
    Review.objects.select_related("application__call__fund__organization"),
    visible=VISIBLE,
    name="review",
    pk="pk",
)
