"""The inventory (IST-Stand) at the scale of a Land: 20,000 offers of 1,000 providers in one
organisation's inventory. Measured against the issue's target (p95 ≤ 100 ms), with the SQL
queries per page:

- the public directory (a cached page; "first view" changes the organisation's cache generation
  before every request, so each one is rendered): first page, a search, filters;
- the gap view of the back office (rendered on every request, a coordinator's session):
  everything, one language, drafts included.

The offers are added to the bench dataset's first public plan's organisation once (bulk_create)
and reused while there are 20,000 of them.
"""

from __future__ import annotations

import random
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core import generations
from teilhabe.offers import languages as language_names
from teilhabe.offers.models import (
    Offer,
    OfferLanguage,
    OfferTargetGroup,
    Place,
    Provider,
    TargetGroup,
)
from teilhabe.organizations.models import Membership, Organization, Role, User
from teilhabe.plans.models import FieldOfAction, Plan

from .dataset import MAIN_PLAN_PREFIX
from .http import request, session_cookie, statement_timeout, timed
from .participation import _timed_rendered
from .portal import STATEMENT_TIMEOUT_S, WARMUP, _report_timing, clear_cache

OFFERS = 20_000
PROVIDERS = 1_000
P95_TARGET_MS = 100
BENCH_USER = "bench-offers@example.org"
WORDS = [
    "Sprachcafé",
    "Hausaufgabenhilfe",
    "Elternabend",
    "Beratung",
    "Sportgruppe",
    "Begegnung",
    "Nähtreff",
    "Wohnungssuche",
    "Ausbildung",
    "Bewerbung",
    "Kita",
    "Schule",
    "Frauentreff",
    "Jugendhaus",
    "Bibliothek",
    "Nachbarschaft",
    "Gesundheit",
    "Anerkennung",
    "Einbürgerung",
    "Mehrsprachig",
]


def _organization() -> tuple[Organization, Plan]:
    plan = (
        Plan.objects.public()
        .filter(slug__startswith=MAIN_PLAN_PREFIX)
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    if plan is None:
        raise RuntimeError("no public plan in the bench dataset")
    return plan.organization, plan


def ensure_inventory(results) -> tuple[Organization, Plan]:
    organization, plan = _organization()
    have = Offer.objects.filter(organization=organization).count()
    if have != OFFERS:
        started = time.perf_counter()
        _generate(organization, plan)
        _vacuum()
        results.figure(f"{OFFERS:,} offers generated", time.perf_counter() - started, "s")
    else:
        results.line(f"   reusing the inventory of {OFFERS:,} offers of {organization.name}")
    return organization, plan


@transaction.atomic
def _generate(organization: Organization, plan: Plan) -> None:
    rng = random.Random(2020)
    Offer.objects.filter(organization=organization).delete()
    Provider.objects.filter(organization=organization).delete()
    providers = Provider.objects.bulk_create(
        Provider(organization=organization, name=f"Träger {n:04d}", kind="association")
        for n in range(PROVIDERS)
    )
    unsaved = []
    for _ in range(OFFERS):
        offer = Offer(
            organization=organization,
            provider=rng.choice(providers),
            title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))),
            description=" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 40))),
            schedule="dienstags 9–11 Uhr",
            state="published" if rng.random() < 0.9 else "draft",
        )
        offer.search_text = offer.searchable(offer.provider.name)
        unsaved.append(offer)
    offers = Offer.objects.bulk_create(unsaved, batch_size=2000)
    fields = list(FieldOfAction.objects.filter(plan=plan).values_list("pk", flat=True))
    municipalities = list(
        Organization.objects.filter(parent=organization).values_list("pk", flat=True)
    ) or [organization.pk]
    groups = list(TargetGroup.values)
    codes = list(language_names.CODES)
    field_links = Offer.fields.through
    area_links = Offer.service_area.through
    field_rows, area_rows, group_rows, language_rows, places = [], [], [], [], []
    for offer in offers:
        field_rows += [
            field_links(offer_id=offer.pk, fieldofaction_id=field_id)
            for field_id in rng.sample(fields, min(len(fields), rng.randint(0, 2)))
        ]
        served = rng.sample(municipalities, min(len(municipalities), rng.randint(1, 3)))
        area_rows += [area_links(offer_id=offer.pk, organization_id=m) for m in served]
        group_rows += [
            OfferTargetGroup(offer_id=offer.pk, group=group)
            for group in rng.sample(groups, rng.randint(1, 3))
        ]
        chosen = {"de", *rng.sample(codes[:16], rng.randint(0, 3))}
        language_rows += [OfferLanguage(offer_id=offer.pk, code=code) for code in chosen]
        places.append(Place(offer_id=offer.pk, name="Bürgerhaus", postal_code="70771"))
    for model, rows in (
        (field_links, field_rows),
        (area_links, area_rows),
        (OfferTargetGroup, group_rows),
        (OfferLanguage, language_rows),
        (Place, places),
    ):
        model.objects.bulk_create(rows, batch_size=5000)


def _vacuum() -> None:
    """As autovacuum would after a bulk load: statistics for the planner, and the visibility
    map that lets counts read the index alone."""
    with connection.cursor() as cursor:
        for table in (
            "offers_offer",
            "offers_offer_fields",
            "offers_offer_service_area",
            "offers_offertargetgroup",
            "offers_offerlanguage",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def _coordinator(organization: Organization) -> User:
    user = User.objects.filter(email=BENCH_USER).first()
    if user is None:
        user = User.objects.create_user(email=BENCH_USER, password=None)
    Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": Role.COORDINATOR}
    )
    return user


def run(results, scale, args) -> None:
    with statement_timeout(STATEMENT_TIMEOUT_S):
        _run(results, args)


def _run(results, args) -> None:
    rng = random.Random(1848)
    n = args.requests
    results.heading(f"Offers: an inventory of {OFFERS:,} offers (IST-Stand)")
    results.load("offers")
    organization, plan = ensure_inventory(results)
    scope = generations.organization_scope(organization.slug)
    cookie = session_cookie(_coordinator(organization))
    directory = reverse("portal:offers_directory", args=[organization.slug])
    gaps = reverse("offers:gap_view", args=[organization.slug])
    field_ids = list(FieldOfAction.objects.filter(plan=plan).values_list("pk", flat=True))
    searches = [f"q={rng.choice(WORDS)}" for _ in range(n)]
    filters = [
        f"sprache={rng.choice(['ar', 'tr', 'uk', 'fa'])}&zielgruppe={rng.choice(TargetGroup.values)}"
        + (f"&feld={rng.choice(field_ids)}" if field_ids and i % 2 else "")
        for i in range(n)
    ]
    public_pages = {
        "directory, page 1": [(directory, "")] * n,
        "directory, page 100": [(directory, "seite=100")] * n,
        "directory, search": [(directory, q) for q in searches],
        "directory, filtered": [(directory, q) for q in filters],
    }
    gap_pages = {
        "gap view": [(gaps, "", cookie)] * n,
        "gap view, one language": [
            (gaps, f"sprache={rng.choice(['ar', 'tr', 'uk'])}", cookie) for _ in range(n)
        ],
        "gap view, with drafts": [(gaps, "entwuerfe=1", cookie)] * n,
    }
    for calls in public_pages.values():
        timed("warm-up", [(p, q, "") for p, q in calls[:WARMUP]])
    for calls in gap_pages.values():
        timed("warm-up", calls[:WARMUP])
    clear_cache()
    section: dict = {"offers": OFFERS, "providers": PROVIDERS, "pages": {}}
    for label, calls in public_pages.items():
        first = _timed_rendered(f"{label} first", calls, scope)
        _report_timing(results, f"{label}, first view", first, target=P95_TARGET_MS)
        section["pages"][label] = {"first_view": first.as_dict()}
    for label, calls in gap_pages.items():
        every = timed(label, calls)
        _report_timing(
            results, label, every, target=P95_TARGET_MS, note="rendered on every request"
        )
        section["pages"][label] = {"every_view": every.as_dict()}
    results.line("   SQL queries per page (rendered, not from the cache):")
    for label, calls in [*public_pages.items(), *gap_pages.items()]:
        path, query, *rest = calls[0]
        generations.bump(scope)
        with CaptureQueriesContext(connection) as captured:
            response = request(path, query=query, cookie=rest[0] if rest else "")
        shown = str(len(captured)) if response.status == 200 else f"HTTP {response.status}"
        results.line(f"      {label:<40} {shown:>6}")
        section["pages"][label]["queries"] = len(captured) if response.status == 200 else None
    results.section("offers", section)
