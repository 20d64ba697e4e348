"""The integration fund at scale: one fund with 2,000 applications across 10 rounds (200 a
round, two reviews each, a quarter funded with an instalment and a proof of use). Measured
against the issue's target (p95 ≤ 100 ms), with the SQL queries per page:

- the round's ranking (back office, rendered on every request, a coordinator's session);
- the ledger and the proofs of use at a glance (the same);
- the portal's funding overview (a cached page, "first view": rendered every time).

The fund is added to the bench dataset's first public plan's organisation once (bulk_create)
and reused while it has 2,000 applications.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core import generations
from teilhabe.funding.models import (
    Application,
    Call,
    CallReviewer,
    Criterion,
    Fund,
    Payment,
    ProofOfUse,
    Review,
)
from teilhabe.funding.services._common import hash_token
from teilhabe.organizations.models import Membership, Role, User

from .http import request, session_cookie, statement_timeout, timed
from .offers import _organization
from .participation import _timed_rendered
from .portal import STATEMENT_TIMEOUT_S, WARMUP, _report_timing, clear_cache

ROUNDS = 10
PER_ROUND = 200
APPLICATIONS = ROUNDS * PER_ROUND
P95_TARGET_MS = 100
BENCH_USER = "bench-funding@example.org"
FUND_SLUG = "bench-fonds"
STATUSES = ["submitted", "eligible", "approved", "partial", "rejected", "ineligible"]


def _people(organization) -> tuple[User, list[User]]:
    coordinator = User.objects.filter(email=BENCH_USER).first() or User.objects.create_user(
        email=BENCH_USER, password=None
    )
    Membership.objects.get_or_create(
        user=coordinator, organization=organization, defaults={"role": Role.COORDINATOR}
    )
    reviewers = []
    for n in range(2):
        email = f"bench-funding-reviewer{n}@example.org"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None
        )
        Membership.objects.get_or_create(
            user=user, organization=organization, defaults={"role": Role.READER}
        )
        reviewers.append(user)
    return coordinator, reviewers


@transaction.atomic
def _generate(organization, reviewers) -> Fund:
    rng = random.Random(2019)
    Fund.objects.filter(organization=organization, slug=FUND_SLUG).delete()
    fund = Fund.objects.create(
        organization=organization,
        name="Integrationsfonds (Bench)",
        slug=FUND_SLUG,
        purpose="Projekte für das Zusammenleben.",
        established_year=2017,
        annual_budget=Decimal("200000.00"),
    )
    criteria = list(Criterion.values)
    calls = Call.objects.bulk_create(
        Call(
            fund=fund,
            year=2017 + n,
            title=f"Aufruf {2017 + n}",
            opens_on=dt.date(2017 + n, 1, 15),
            deadline=dt.date(2017 + n, 6, 30),
            budget=Decimal("200000.00"),
            areas=["education", "language", "society"],
            eligible_kinds=["association", "initiative"],
            min_amount=Decimal("500.00"),
            max_amount=Decimal("5000.00"),
            criteria=criteria,
            published=True,
        )
        for n in range(ROUNDS)
    )
    CallReviewer.objects.bulk_create(
        CallReviewer(call=call, user=user) for call in calls for user in reviewers
    )
    unsaved = []
    for call in calls:
        for i in range(PER_ROUND):
            status = rng.choice(STATUSES)
            requested = Decimal(rng.randrange(500, 5000, 50))
            approved = (
                requested
                if status == "approved"
                else ((requested / 2).quantize(Decimal("1")) if status == "partial" else None)
            )
            unsaved.append(
                Application(
                    call=call,
                    number=f"{call.year}-{i + 1:03d}",
                    link_hash=hash_token(f"bench-{call.year}-{i}"),
                    status=status,
                    applicant_name=f"Verein {i:03d} e. V.",
                    applicant_kind="association",
                    contact_name="Bench Person",
                    contact_email=f"verein{i}@example.org",
                    title=f"Projekt {call.year}/{i:03d}",
                    summary="Ein Projekt.",
                    area=rng.choice(["education", "language", "society"]),
                    municipality=rng.choice(["Böblingen", "Sindelfingen", "Leonberg"]),
                    requested_amount=requested,
                    approved_amount=approved,
                    ends_on=dt.date(call.year + 1, 6, 30),
                )
            )
    applications = Application.objects.bulk_create(unsaved, batch_size=1000)
    reviews, payments, proofs = [], [], []
    for application in applications:
        if application.status in ("eligible", "approved", "partial", "rejected"):
            reviews += [
                Review(
                    application=application,
                    reviewer=user,
                    scores={c: rng.randint(1, 5) for c in criteria},
                    recommendation="approve",
                )
                for user in reviewers
            ]
        if application.status in ("approved", "partial"):
            payments.append(
                Payment(
                    application=application,
                    amount=application.approved_amount,
                    booked_on=dt.date(application.call.year, 8, 1),
                )
            )
            proofs.append(
                ProofOfUse(
                    application=application,
                    due_on=dt.date(application.call.year + 1, 9, 30),
                    status=rng.choice(["open", "submitted", "accepted"]),
                )
            )
    Review.objects.bulk_create(reviews, batch_size=2000)
    Payment.objects.bulk_create(payments, batch_size=2000)
    ProofOfUse.objects.bulk_create(proofs, batch_size=2000)
    return fund


def ensure_fund(results, organization, reviewers) -> Fund:
    fund = Fund.objects.filter(organization=organization, slug=FUND_SLUG).first()
    if fund is None or Application.objects.filter(call__fund=fund).count() != APPLICATIONS:
        started = time.perf_counter()
        fund = _generate(organization, reviewers)
        with connection.cursor() as cursor:
            for table in (
                "funding_application",
                "funding_review",
                "funding_payment",
                "funding_proofofuse",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")
        results.figure(
            f"{APPLICATIONS:,} applications generated", time.perf_counter() - started, "s"
        )
    else:
        results.line(f"   reusing the fund with {APPLICATIONS:,} applications")
    return fund


def run(results, scale, args) -> None:
    with statement_timeout(STATEMENT_TIMEOUT_S):
        _run(results, args)


def _run(results, args) -> None:
    n = args.requests
    results.heading(f"Funding: a fund with {APPLICATIONS:,} applications in {ROUNDS} rounds")
    results.load("funding")
    organization, _plan = _organization()
    coordinator, reviewers = _people(organization)
    fund = ensure_fund(results, organization, reviewers)
    cookie = session_cookie(coordinator)
    calls = list(Call.objects.filter(fund=fund).order_by("year"))
    scope = generations.organization_scope(organization.slug)
    office_pages = {
        "ranking of a round (200 applications)": [
            (reverse("funding:call_detail", args=[calls[i % len(calls)].pk]), "", cookie)
            for i in range(n)
        ],
        "ledger (10 years)": [(reverse("funding:ledger", args=[fund.pk]), "", cookie)] * n,
        "fund page (calls, ledger, proofs)": [
            (reverse("funding:fund_detail", args=[fund.pk]), "", cookie)
        ]
        * n,
        "proofs of use at a glance": [(reverse("funding:proofs", args=[fund.pk]), "", cookie)] * n,
    }
    overview = reverse("portal:funding_overview", args=[organization.slug])
    public_pages = {"funded projects (portal), one year": [(overview, "jahr=2020")] * n}
    for calls_ in office_pages.values():
        timed("warm-up", calls_[:WARMUP])
    for calls_ in public_pages.values():
        timed("warm-up", [(p, q, "") for p, q in calls_[:WARMUP]])
    clear_cache()
    section: dict = {"applications": APPLICATIONS, "rounds": ROUNDS, "pages": {}}
    for label, calls_ in office_pages.items():
        every = timed(label, calls_)
        _report_timing(
            results, label, every, target=P95_TARGET_MS, note="rendered on every request"
        )
        section["pages"][label] = {"every_view": every.as_dict()}
    for label, calls_ in public_pages.items():
        first = _timed_rendered(f"{label} first", calls_, scope)
        _report_timing(results, f"{label}, first view", first, target=P95_TARGET_MS)
        section["pages"][label] = {"first_view": first.as_dict()}
    results.line("   SQL queries per page (rendered, not from the cache):")
    for label, calls_ in [*office_pages.items(), *public_pages.items()]:
        path, query, *rest = calls_[0]
        generations.bump(scope)
        with CaptureQueriesContext(connection) as captured:
            response = request(path, query=query, cookie=rest[0] if rest else "")
        shown = str(len(captured)) if response.status == 200 else f"HTTP {response.status}"
        results.line(f"      {label:<45} {shown:>6}")
        section["pages"][label]["queries"] = len(captured) if response.status == 200 else None
    results.section("funding", section)
