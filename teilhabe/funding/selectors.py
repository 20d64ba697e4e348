"""The view models the fund's pages are built from. Every function here costs a fixed number of
queries, however many applications a round has."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import rules
from django.db.models import Count, Prefetch, Q, Sum

from .models import (
    ZERO,
    Application,
    Area,
    Call,
    CostLine,
    Criterion,
    Fund,
    Payment,
    ProofOfUse,
    ProofStatus,
    Review,
)

# --- Back office ---------------------------------------------------------------------------


def funds_of(organization) -> list[Fund]:
    return list(
        Fund.objects.of_organization(organization)
        .select_related("deciding_unit")
        .annotate(call_count=Count("calls"))
    )


def calls_of(fund: Fund) -> list[Call]:
    return list(
        Call.objects.filter(fund=fund).annotate(
            application_count=Count(
                "applications", filter=~Q(applications__status__in=("draft", "withdrawn"))
            ),
            committed=Sum(
                "applications__approved_amount",
                filter=Q(applications__status__in=("approved", "partial")),
            ),
        )
    )


@dataclass
class RankedApplication:
    application: Application
    mean_score: Decimal | None
    criterion_means: dict[str, Decimal]
    review_count: int
    conflicts: int
    recommendations: dict[str, int]
    cumulative_requested: Decimal
    within_budget: bool
    scores_hidden: bool


@dataclass
class Ranking:
    call: Call
    rows: list[RankedApplication]
    budget: Decimal
    committed: Decimal
    requested: Decimal
    criteria: list[tuple[str, str]]
    status_counts: dict[str, int] = field(default_factory=dict)

    @property
    def free(self) -> Decimal:
        return self.budget - self.committed

    @property
    def max_score(self) -> int:
        return 5 * len(self.criteria)


CENT = Decimal("0.01")


def _money(value) -> Decimal:
    """Sums come back as Decimal('1500') from SQLite and Decimal('1500.00') from PostgreSQL."""
    return (value or ZERO).quantize(CENT)


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))


def ranking(call: Call, user) -> Ranking:
    """The round's applications by mean score (highest first), with the requested amounts
    added up against the budget. Drafts and withdrawn applications are not in it. For a
    reviewer who declared a conflict on an application, its scores are hidden (the rule
    `funding.see_scores`, asked without a query: the conflicts come with the reviews)."""
    applications = list(
        Application.objects.of_call(call)
        .submitted()
        .order_by("number")
        .only(
            "pk",
            "number",
            "title",
            "applicant_name",
            "status",
            "requested_amount",
            "approved_amount",
            "call_id",
            "municipality",
            "area",
            "version",
        )
    )
    reviews: dict[int, list[Review]] = defaultdict(list)
    for review in Review.objects.filter(application__call=call).only(
        "application_id", "reviewer_id", "conflict", "scores", "recommendation"
    ):
        reviews[review.application_id].append(review)
    criteria = [c for c in call.criteria if c in Criterion.values]
    rows = []
    for application in applications:
        application.call = call
        own = reviews[application.pk]
        application._conflicted_reviewer_ids = {r.reviewer_id for r in own if r.conflict}
        scored = [r for r in own if not r.conflict and r.scores]
        per_criterion = {c: _mean([int(r.scores.get(c, 0)) for r in scored]) for c in criteria}
        totals = [sum(int(r.scores.get(c, 0)) for c in criteria) for r in scored]
        recommendations: dict[str, int] = defaultdict(int)
        for r in scored:
            recommendations[r.recommendation] += 1
        rows.append(
            RankedApplication(
                application=application,
                mean_score=_mean(totals),
                criterion_means={c: v for c, v in per_criterion.items() if v is not None},
                review_count=len(scored),
                conflicts=len(own) - len([r for r in own if not r.conflict]),
                recommendations=dict(recommendations),
                cumulative_requested=ZERO,
                within_budget=False,
                scores_hidden=not rules.has_perm("funding.see_scores", user, application),
            )
        )
    rows.sort(key=lambda r: (r.mean_score is None, -(r.mean_score or 0), r.application.number))
    running = ZERO
    for row in rows:
        if row.application.status in ("ineligible", "rejected"):
            row.cumulative_requested = running
            continue
        running += row.application.approved_amount or row.application.requested_amount
        row.cumulative_requested = running
        row.within_budget = running <= call.budget
    committed = sum(
        (r.application.approved_amount or ZERO for r in rows if r.application.funded), ZERO
    )
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.application.status] += 1
    return Ranking(
        call=call,
        rows=rows,
        budget=call.budget,
        committed=committed,
        requested=sum((r.application.requested_amount for r in rows), ZERO),
        criteria=[(c, Criterion(c).label) for c in criteria],
        status_counts=dict(counts),
    )


@dataclass
class LedgerYear:
    call: Call
    budget: Decimal
    committed: Decimal
    paid: Decimal
    returned: Decimal
    claimed: Decimal

    @property
    def free(self) -> Decimal:
        return self.budget - self.committed

    @property
    def outstanding(self) -> Decimal:
        """Approved but not yet paid out."""
        return self.committed - self.paid


def ledger(fund: Fund) -> list[LedgerYear]:
    """Per call (year): budget, committed (approved), paid out, paid back, claimed back, free.
    Three queries whatever the number of applications."""
    calls = list(Call.objects.filter(fund=fund).order_by("-year"))
    committed = dict(
        Application.objects.funded()
        .filter(call__fund=fund)
        .values_list("call_id")
        .annotate(total=Sum("approved_amount"))
    )
    money: dict[tuple[int, str], Decimal] = {
        (call_id, kind): total
        for call_id, kind, total in Payment.objects.filter(application__call__fund=fund)
        .values_list("application__call_id", "kind")
        .annotate(total=Sum("amount"))
    }
    claimed = dict(
        ProofOfUse.objects.filter(application__call__fund=fund)
        .values_list("application__call_id")
        .annotate(total=Sum("repayment_claim"))
    )
    return [
        LedgerYear(
            call=call,
            budget=call.budget,
            committed=_money(committed.get(call.pk)),
            paid=_money(money.get((call.pk, "payout"))),
            returned=_money(money.get((call.pk, "return"))),
            claimed=_money(claimed.get(call.pk)),
        )
        for call in calls
    ]


LEDGER_HEADER = [
    "Jahr",
    "Antragsnummer",
    "Organisation",
    "Projekt",
    "Status",
    "Beantragt (EUR)",
    "Bewilligt (EUR)",
    "Ausgezahlt (EUR)",
    "Zurückgezahlt (EUR)",
    "Rückforderung (EUR)",
    "Verwendungsnachweis",
    "Nachweis fällig am",
]


def ledger_rows(fund: Fund, year: int | None = None) -> list[list[Any]]:
    """One row per funded project, for the finance office's export."""
    applications = (
        Application.objects.funded()
        .filter(call__fund=fund)
        .select_related("call", "proof")
        .annotate(
            paid=Sum("payments__amount", filter=Q(payments__kind="payout")),
            returned=Sum("payments__amount", filter=Q(payments__kind="return")),
        )
        .order_by("-call__year", "number")
    )
    if year:
        applications = applications.filter(call__year=year)
    rows = []
    for a in applications:
        proof = getattr(a, "proof", None)
        rows.append(
            [
                a.call.year,
                a.number,
                a.applicant_name,
                a.title,
                a.get_status_display(),
                a.requested_amount,
                a.approved_amount,
                _money(a.paid),
                _money(a.returned),
                proof.repayment_claim if proof else ZERO,
                proof.get_status_display() if proof else "",
                proof.due_on if proof else None,
            ]
        )
    return rows


@dataclass
class ProofOverview:
    overdue: list[ProofOfUse]
    due_soon: list[ProofOfUse]
    submitted: list[ProofOfUse]
    later: list[ProofOfUse]
    done: list[ProofOfUse]
    done_count: int = 0


DONE_SHOWN = 30


def proofs_at_a_glance(fund: Fund, today: dt.date) -> ProofOverview:
    """Everything still to do in full; of the closed ones the latest (they only grow)."""
    soon = today + dt.timedelta(days=30)
    proofs = list(
        ProofOfUse.objects.of_fund(fund)
        .outstanding()
        .select_related("application")
        .order_by("due_on", "application__number")
    )
    done = ProofOfUse.objects.of_fund(fund).filter(status=ProofStatus.ACCEPTED)
    overview = ProofOverview(
        [],
        [],
        [],
        [],
        list(done.select_related("application").order_by("-closed_at", "-pk")[:DONE_SHOWN]),
    )
    overview.done_count = done.count()
    for proof in proofs:
        if proof.status == ProofStatus.SUBMITTED:
            overview.submitted.append(proof)
        elif proof.due_on < today:
            overview.overdue.append(proof)
        elif proof.due_on <= soon:
            overview.due_soon.append(proof)
        else:
            overview.later.append(proof)
    return overview


def proof_counts(fund: Fund, today: dt.date) -> dict[str, int]:
    """How many proofs of use are overdue, due within 30 days, waiting to be checked and done:
    one query, for the fund's page."""
    soon = today + dt.timedelta(days=30)
    waiting = Q(status__in=(ProofStatus.OPEN, ProofStatus.QUERIED))
    return ProofOfUse.objects.of_fund(fund).aggregate(
        overdue=Count("pk", filter=waiting & Q(due_on__lt=today)),
        due_soon=Count("pk", filter=waiting & Q(due_on__gte=today, due_on__lte=soon)),
        submitted=Count("pk", filter=Q(status=ProofStatus.SUBMITTED)),
        done=Count("pk", filter=Q(status=ProofStatus.ACCEPTED)),
    )


def application_for_office(application: Application) -> Application:
    """The application with everything its page shows, in a fixed number of queries."""
    return (
        Application.objects.select_related("call__fund__organization", "proof", "decided_by")
        .prefetch_related(
            Prefetch("cost_lines", queryset=CostLine.objects.order_by("position")),
            "attachments",
            "queries",
            "payments",
            "fields",
            "measures",
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
            "proof__receipts",
        )
        .get(pk=application.pk)
    )


def my_reviews(user) -> list[Call]:
    """The calls the person reviews, with the applications waiting for their scores."""
    return list(
        Call.objects.filter(reviewers__user=user)
        .select_related("fund__organization")
        .annotate(
            to_review=Count(
                "applications", filter=Q(applications__status="eligible"), distinct=True
            )
        )
        .order_by("-year")
    )


# --- Portal --------------------------------------------------------------------------------


def public_funds(organization) -> list[Fund]:
    return list(Fund.objects.of_organization(organization).order_by("name"))


def public_call(fund: Fund, today: dt.date) -> Call | None:
    """The call to show first: the open one, else the next, else the latest."""
    calls = list(Call.objects.published().filter(fund=fund).order_by("-year"))
    for call in calls:
        if call.opens_on <= today <= call.deadline:
            return call
    upcoming = [c for c in calls if c.opens_on > today]
    if upcoming:
        return upcoming[-1]
    return calls[0] if calls else None


@dataclass
class RoundStatistics:
    year: int
    applications: int
    requested: Decimal
    funded: int
    approved: Decimal
    budget: Decimal


def statistics(fund: Fund) -> list[RoundStatistics]:
    """Per round: applications handed in, amounts requested and approved — the numbers users
    of grant systems ask for most."""
    calls = Call.objects.published().filter(fund=fund).order_by("-year")
    rows = calls.annotate(
        handed_in=Count("applications", filter=~Q(applications__status__in=("draft", "withdrawn"))),
        requested_total=Sum(
            "applications__requested_amount",
            filter=~Q(applications__status__in=("draft", "withdrawn")),
        ),
        funded_count=Count(
            "applications", filter=Q(applications__status__in=("approved", "partial"))
        ),
        approved_total=Sum(
            "applications__approved_amount",
            filter=Q(applications__status__in=("approved", "partial")),
        ),
    )
    return [
        RoundStatistics(
            year=c.year,
            applications=c.handed_in,
            requested=_money(c.requested_total),
            funded=c.funded_count,
            approved=_money(c.approved_total),
            budget=c.budget,
        )
        for c in rows
    ]


def funded_projects(
    organization,
    *,
    year: int | None = None,
    field_id: int | None = None,
    municipality: str = "",
    area: str = "",
    fund: Fund | None = None,
) -> list[Application]:
    """Funded projects of published calls, newest first (templates show only public fields)."""
    projects = (
        Application.objects.public()
        .filter(call__fund__organization=organization)
        .select_related("call__fund")
        .prefetch_related("fields")
        .order_by("-call__year", "title")
    )
    if fund is not None:
        projects = projects.filter(call__fund=fund)
    if year:
        projects = projects.filter(call__year=year)
    if field_id:
        projects = projects.filter(fields__id=field_id)
    if municipality:
        projects = projects.filter(municipality=municipality)
    if area:
        projects = projects.filter(area=area)
    return list(projects)


def filter_choices(organization) -> dict[str, list]:
    base = Application.objects.public().filter(call__fund__organization=organization)
    return {
        "years": sorted(set(base.values_list("call__year", flat=True)), reverse=True),
        "municipalities": sorted({m for m in base.values_list("municipality", flat=True) if m}),
        "areas": [(v, str(label)) for v, label in Area.choices],
    }


def public_project(organization, pk: int) -> Application | None:
    return (
        Application.objects.public()
        .filter(call__fund__organization=organization, pk=pk)
        .select_related("call__fund")
        .prefetch_related("fields__plan")
        .first()
    )


def funded_for_measure(measure) -> list[Application]:
    return list(
        Application.objects.public()
        .filter(measures=measure)
        .select_related("call__fund")
        .order_by("-call__year", "title")
    )


def public_fields(organization) -> list:
    """The fields of the organisation's public plans that funded projects name (filter list)."""
    from teilhabe.plans.models import FieldOfAction

    named = (
        Application.objects.public().filter(call__fund__organization=organization).values("fields")
    )
    return list(
        FieldOfAction.objects.filter(pk__in=named, plan__organization=organization)
        .exclude(plan__status="draft")
        .order_by("plan", "number")
    )
