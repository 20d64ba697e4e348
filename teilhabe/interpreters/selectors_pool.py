"""Reads of the interpreter pool: what each link holder and the coordination see, the statistics
for the plan's pages and the Bilanz, and the rows of the allowance statements."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from .models.pool import (
    Assignment,
    InterpreterPool,
    InterpretingRequest,
    Mediator,
    Offer,
    OfferAnswer,
    Requester,
    RequestingBody,
    RequestStatus,
    Setting,
)


def organization_of(holder: Any):
    """The organisation whose pool a link holder (mediator, requester, offer) belongs to."""
    if isinstance(holder, Mediator):
        return holder.pool.organization
    if isinstance(holder, Requester):
        return holder.body.pool.organization
    if isinstance(holder, Offer):
        return holder.request.pool.organization
    raise TypeError(type(holder))


@dataclass(frozen=True)
class MediatorView:
    """A request as a mediator sees it: what they need to go there, nothing more — no
    coordinator's note, nothing about the client."""

    pk: int
    language: str
    dialect: str
    date: dt.date
    start_time: dt.time
    duration_minutes: int
    mode: str
    place: str
    municipality: str
    setting: str
    topic: str
    institution: str
    contact: str
    contact_phone: str
    status: str


def request_for_mediator(request: InterpretingRequest) -> MediatorView:
    requester = request.requester
    return MediatorView(
        pk=request.pk,
        language=request.language,
        dialect=request.dialect,
        date=request.date,
        start_time=request.start_time,
        duration_minutes=request.duration_minutes,
        mode=request.get_mode_display(),
        place=request.place,
        municipality=request.municipality,
        setting=request.get_setting_display(),
        topic=request.topic,
        institution=request.body.name,
        contact=requester.name if requester else "",
        contact_phone=requester.phone if requester else "",
        status=request.get_status_display(),
    )


def mediator_overview(mediator: Mediator) -> dict[str, Any]:
    """The mediator's own page: open offers, assignments to come, done ones with allowance."""
    offers = (
        mediator.offers.filter(answer=OfferAnswer.OPEN, request__status=RequestStatus.OFFERED)
        .select_related("request__body", "request__requester")
        .order_by("request__date")
    )
    assignments = list(
        mediator.assignments.select_related("request__body", "request__requester").order_by(
            "-request__date"
        )
    )
    upcoming = [a for a in assignments if a.request.status == RequestStatus.ASSIGNED]
    done = [a for a in assignments if a.request.status == RequestStatus.DONE]
    return {
        "organization": mediator.pool.organization,
        "pool": mediator.pool,
        "offers": [(offer, request_for_mediator(offer.request)) for offer in offers],
        "upcoming": [(a, request_for_mediator(a.request)) for a in reversed(upcoming)],
        "done": [(a, request_for_mediator(a.request)) for a in done],
        "total_allowance": sum((a.allowance or 0 for a in done), 0),
        "languages": list(mediator.languages.all()),
        "has_consent": mediator.consents.filter(withdrawn_at__isnull=True).exists(),
    }


def body_requests(body: RequestingBody) -> QuerySet[InterpretingRequest]:
    return (
        InterpretingRequest.objects.filter(body=body)
        .select_related("assignment__mediator", "requester", "body")
        .order_by("-date", "-start_time")
    )


# Back office -----------------------------------------------------------------------------------


def pools_of(organization) -> QuerySet[InterpreterPool]:
    return InterpreterPool.objects.filter(organization=organization).annotate(
        mediator_count=Count("mediators", distinct=True),
        open_count=Count(
            "requests",
            filter=Q(requests__status__in=[RequestStatus.SUBMITTED, RequestStatus.OFFERED]),
            distinct=True,
        ),
    )


def pool_requests(pool: InterpreterPool, status: str = "") -> QuerySet[InterpretingRequest]:
    requests = InterpretingRequest.objects.filter(pool=pool).select_related(
        "body", "requester", "assignment__mediator"
    )
    if status:
        requests = requests.filter(status=status)
    return requests.annotate(offer_count=Count("offers")).order_by("-date", "-start_time", "-pk")


def pool_mediators(pool: InterpreterPool) -> QuerySet[Mediator]:
    return Mediator.objects.filter(pool=pool).prefetch_related("languages")


def pool_bodies(pool: InterpreterPool) -> QuerySet[RequestingBody]:
    return RequestingBody.objects.filter(pool=pool).prefetch_related("people")


def request_offers(request: InterpretingRequest) -> QuerySet[Offer]:
    return request.offers.select_related("mediator")


def mediator_detail(mediator: Mediator) -> Mediator:
    return Mediator.objects.prefetch_related(
        "languages",
        "trainings",
        "consents",
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("request__body").order_by("-request__date"),
        ),
    ).get(pk=mediator.pk)


@dataclass(frozen=True)
class Statistics:
    total: int
    done: int
    unmet: int
    cancelled: int
    open: int
    minutes: int
    languages: list[tuple[str, int]]
    settings: list[tuple[str, int]]
    mediators: int

    @property
    def unmet_share(self) -> int:
        decided = self.done + self.unmet
        return round(100 * self.unmet / decided) if decided else 0


def statistics(pool: InterpreterPool, until: dt.date | None = None) -> Statistics:
    """Requests, languages, settings, unmet — numbers only, never names. `until`: requests
    dated up to that day (the Bilanz's as-of date)."""
    requests = InterpretingRequest.objects.filter(pool=pool)
    if until is not None:
        requests = requests.filter(date__lte=until)
    rows = list(requests.values_list("status", "language", "setting", "assignment__minutes"))
    status = Counter(row[0] for row in rows)
    settings_labels = dict(Setting.choices)
    return Statistics(
        total=len(rows),
        done=status[RequestStatus.DONE],
        unmet=status[RequestStatus.UNMET],
        cancelled=status[RequestStatus.CANCELLED],
        open=status[RequestStatus.SUBMITTED]
        + status[RequestStatus.OFFERED]
        + status[RequestStatus.ASSIGNED],
        minutes=sum(row[3] or 0 for row in rows if row[0] == RequestStatus.DONE),
        languages=Counter(row[1] for row in rows).most_common(),
        settings=[
            (settings_labels.get(key, key), count)
            for key, count in Counter(row[2] for row in rows).most_common()
        ],
        mediators=pool.mediators.filter(status="active").count(),
    )


STATEMENT_HEADER = [
    "Name",
    "Datum",
    "Sprache",
    "Einrichtung",
    "Minuten",
    "km",
    "Stunden-Betrag (EUR)",
    "Fahrtkosten (EUR)",
    "Betrag (EUR)",
]


def statement_rows(statement) -> list[list[Any]]:
    return [
        [
            line.mediator_name,
            line.date,
            line.language,
            line.body_name,
            line.minutes,
            line.travel_km,
            line.hours_amount,
            line.travel_amount,
            line.amount,
        ]
        for line in statement.lines.all()
    ]
