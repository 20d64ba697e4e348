"""All writes of the interpreter pool.

Links, not accounts: mediators (volunteers, people with a migration background, staff of other
administrations) and the people of requesting schools, Kitas and counselling services are many,
change often and need two or three pages each. An account would mean a password to keep, a
membership in an organisation they do not belong to and a login page between an email and the
answer "Ich übernehme". So each gets a personal link by email: the link opens only their own page
(the mediator's offers and overview, the institution's requests), only the SHA-256 of its token is
stored, and the coordinator can renew a link, which kills the old one. An offer carries a link of
its own, so that the email "Können Sie übernehmen?" leads straight to the answer.

What a mediator sees of a request is what they need to go: language, date, time, duration,
place or dial-in, the setting, the topic the institution wrote for them and the institution's
name and contact — never the coordinator's note.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from teilhabe.core import generations
from teilhabe.core.errors import ServiceError
from teilhabe.core.mail import deliver
from teilhabe.core.versioning import save_versioned
from teilhabe.organizations.models import Organization, User

from .. import matching
from ..models.pool import (
    LEGAL_CONSEQUENCES,
    OPEN_STATUSES,
    AccessLog,
    AllowanceStatement,
    Assignment,
    Consent,
    InterpreterPool,
    InterpretingRequest,
    LanguageSkill,
    Mediator,
    MediatorStatus,
    Offer,
    OfferAnswer,
    Requester,
    RequestingBody,
    RequestStatus,
    Setting,
    StatementLine,
    Training,
)

CONSENT_TEXT = (
    "Ich willige ein, dass der Sprachmittlerpool meinen Namen, meine Kontaktdaten, meine "
    "Sprachen und Dialekte mit Niveau, mein Einsatzgebiet, meine Verfügbarkeit, meine "
    "Schulungen und meine Einsätze speichert, um mir Einsätze anzubieten und "
    "Aufwandsentschädigungen abzurechnen. Sprachen können Rückschlüsse auf meine Herkunft "
    "zulassen. Ich kann die Einwilligung jederzeit über meinen persönlichen Link widerrufen; "
    "meine Daten werden dann sofort gelöscht, abgerechnete Beträge bleiben in der Abrechnung."
)

CENT = Decimal("0.01")


def _statistics_changed(pool_id: int) -> None:
    """The pool's numbers are shown on its measure's public page, which is cached per
    organisation's content generation: a change to them starts a new generation. A pool without
    a measure shows nothing public. (A few requests a day: the cost is small.)"""
    slug = (
        InterpreterPool.objects.filter(pk=pool_id, measure__isnull=False)
        .values_list("organization__slug", flat=True)
        .first()
    )
    if slug:
        scope = generations.organization_scope(slug)
        transaction.on_commit(lambda: generations.bump(scope))


# Personal links --------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(24)
    return token, hash_token(token)


def _absolute(path: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def mediator_link(mediator: Mediator, token: str) -> str:
    return _absolute(
        reverse(
            "portal:interpreters_mediator",
            kwargs={"org_slug": mediator.pool.organization.slug, "token": token},
        )
    )


def requester_link(requester: Requester, token: str) -> str:
    return _absolute(
        reverse(
            "portal:interpreters_requester",
            kwargs={"org_slug": requester.body.pool.organization.slug, "token": token},
        )
    )


def offer_link(offer: Offer, token: str) -> str:
    return _absolute(
        reverse(
            "portal:interpreters_offer",
            kwargs={"org_slug": offer.request.pool.organization.slug, "token": token},
        )
    )


def _mail(template: str, context: dict[str, Any], recipients: Iterable[str]) -> None:
    """A German plain-text email from templates/interpreters/email/pool/<template>.txt; its
    first line is the subject."""
    addresses = [address for address in recipients if address]
    if not addresses:
        return
    text = render_to_string(f"interpreters/email/pool/{template}.txt", context)
    subject, _, body = text.strip().partition("\n")
    deliver(subject.strip(), body.strip() + "\n", addresses)


def mediator_by_token(token: str) -> Mediator | None:
    return (
        Mediator.objects.select_related("pool__organization")
        .filter(link_hash=hash_token(token))
        .first()
    )


def requester_by_token(token: str) -> Requester | None:
    return (
        Requester.objects.select_related("body__pool__organization")
        .filter(link_hash=hash_token(token), body__active=True)
        .first()
    )


def offer_by_token(token: str) -> Offer | None:
    return (
        Offer.objects.select_related(
            "mediator", "request__pool__organization", "request__body", "request__requester"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )


# Pool ------------------------------------------------------------------------------------------


@transaction.atomic
def pool_create(
    *, organization: Organization, name: str, by: User | None, **fields: Any
) -> InterpreterPool:
    fields.setdefault("excluded_settings", list(LEGAL_CONSEQUENCES))
    pool = InterpreterPool(organization=organization, name=name.strip(), **fields)
    pool.full_clean(exclude=["organization", "measure"])
    pool.save()
    return pool


@transaction.atomic
def pool_update(
    *, pool: InterpreterPool, version: int | None, by: User | None, **changes: Any
) -> InterpreterPool:
    return save_versioned(pool, pool.pk, expected_version=version, changes=changes, by=by)


# Mediators -------------------------------------------------------------------------------------


def _skills(mediator: Mediator, languages: Sequence[dict[str, Any]]) -> None:
    seen = set()
    skills = []
    for entry in languages:
        language = " ".join(str(entry["language"]).split())
        dialect = " ".join(str(entry.get("dialect", "")).split())
        if not language:
            raise ServiceError("Bitte geben Sie für jede Sprache einen Namen an.")
        if (language.casefold(), dialect.casefold()) in seen:
            raise ServiceError(f"Die Sprache „{language}“ ist doppelt angegeben.")
        seen.add((language.casefold(), dialect.casefold()))
        levels = {
            skill: int(entry.get(skill, entry.get("level", 4)))
            for skill in ("understanding", "speaking", "reading", "writing")
        }
        if not all(1 <= level <= 7 for level in levels.values()):
            raise ServiceError(f"Das Niveau für „{language}“ liegt außerhalb der Skala.")
        skills.append(
            LanguageSkill(mediator=mediator, language=language, dialect=dialect, **levels)
        )
    LanguageSkill.objects.bulk_create(skills)


@transaction.atomic
def mediator_create(
    *,
    pool: InterpreterPool,
    name: str,
    email: str,
    background: str,
    languages: Sequence[dict[str, Any]],
    by: User | None,
    notify: bool = True,
    **fields: Any,
) -> tuple[Mediator, str]:
    """A new mediator, invited: they become active once they consent through their link (the
    email brings it). Returns the mediator and the link's token, which is not stored."""
    if not languages:
        raise ServiceError("Bitte geben Sie mindestens eine Sprache an.")
    token, digest = _new_token()
    mediator = Mediator(
        pool=pool,
        name=name.strip(),
        email=email.strip().lower(),
        background=background,
        link_hash=digest,
        **fields,
    )
    mediator.full_clean(exclude=["pool", "link_hash"], validate_unique=False)
    try:
        with transaction.atomic():
            mediator.save()
    except IntegrityError:
        raise ServiceError(
            f"Unter der Adresse {mediator.email} ist schon jemand im Pool eingetragen."
        ) from None
    _skills(mediator, languages)
    if notify:
        _mail(
            "invitation",
            {"mediator": mediator, "pool": pool, "link": mediator_link(mediator, token)},
            [mediator.email],
        )
    return mediator, token


def mediator_invite(
    *,
    pool: InterpreterPool,
    name: str,
    email: str,
    languages: Sequence[dict[str, Any]],
    by: User | None,
) -> Mediator:
    """A staff member invited from the language survey: staff background, the languages as they
    gave them; the invitation email asks for their consent to the pool's processing."""
    mediator, _token = mediator_create(
        pool=pool, name=name, email=email, background="staff", languages=languages, by=by
    )
    return mediator


# Survey levels (CEFR letters, first language) on the pool's scale; an empty skill counts as A1,
# the least the person might manage, so matching never promises more than they said.
SURVEY_LEVELS = {"": 1, "a1": 1, "a2": 2, "b1": 3, "b2": 4, "c1": 5, "c2": 6, "native": 7}


@transaction.atomic
def staff_invite(*, entry: Any, pool: InterpreterPool, by: User | None) -> Mediator:
    """A staff member of the language survey invited into the pool: only when they agreed to be
    asked for help; their languages with levels come along, and the invitation asks for their
    consent to the pool's own processing (they are no mediator before they give it)."""
    from ..models.survey import LANGUAGE_NAMES

    if not entry.willing_to_help:
        raise ServiceError("Diese Person möchte nicht um Sprachhilfe gebeten werden.")
    if Mediator.objects.filter(pool=pool, email__iexact=entry.user.email).exists():
        raise ServiceError(f"{entry.user} ist schon im Pool „{pool.name}“.")
    languages = [
        {
            "language": str(LANGUAGE_NAMES.get(item.language, item.language)),
            "dialect": item.dialect,
            **{
                skill: SURVEY_LEVELS.get(getattr(item, skill), 1)
                for skill in ("understanding", "speaking", "reading", "writing")
            },
        }
        for item in entry.languages.all()
    ]
    name = entry.user.get_full_name() or entry.user.email
    return mediator_invite(pool=pool, name=name, email=entry.user.email, languages=languages, by=by)


@transaction.atomic
def mediator_update(
    *,
    mediator: Mediator,
    by: User | None,
    languages: Sequence[dict[str, Any]] | None = None,
    **changes: Any,
) -> Mediator:
    for name, value in changes.items():
        setattr(mediator, name, value)
    mediator.full_clean(exclude=["pool", "link_hash"], validate_unique=False)
    mediator.save()
    if languages is not None:
        mediator.languages.all().delete()
        _skills(mediator, languages)
    return mediator


@transaction.atomic
def mediator_link_renew(*, mediator: Mediator, by: User | None) -> str:
    """A new personal link by email; the old one stops working."""
    token, digest = _new_token()
    Mediator.objects.filter(pk=mediator.pk).update(link_hash=digest)
    mediator.link_hash = digest
    _mail(
        "link",
        {"name": mediator.name, "pool": mediator.pool, "link": mediator_link(mediator, token)},
        [mediator.email],
    )
    return token


@transaction.atomic
def mediator_consent_give(*, mediator: Mediator, guidelines: bool) -> Mediator:
    """By the mediator's link: consent and acknowledgement of the pool's guidelines (use,
    neutral role, difficult situations). Both are needed before any offer."""
    if not guidelines:
        raise ServiceError("Bitte bestätigen Sie, dass Sie die Leitlinien des Pools kennen.")
    now = timezone.now()
    Consent.objects.create(mediator=mediator, text=CONSENT_TEXT, given_at=now)
    mediator.guidelines_acknowledged_at = now
    if mediator.status == MediatorStatus.INVITED:
        mediator.status = MediatorStatus.ACTIVE
    mediator.save(update_fields=["guidelines_acknowledged_at", "status"])
    _statistics_changed(mediator.pool_id)
    return mediator


@transaction.atomic
def mediator_set_status(*, mediator: Mediator, status: str, by: User | None = None) -> Mediator:
    """Pause or resume (by the mediator's link or the coordinator); invited stays invited
    until consent."""
    if status not in (MediatorStatus.ACTIVE, MediatorStatus.PAUSED):
        raise ServiceError("Diesen Status gibt es nicht.")
    if mediator.status == MediatorStatus.INVITED:
        raise ServiceError("Erst nach der Einwilligung kann der Status gewechselt werden.")
    mediator.status = status
    mediator.save(update_fields=["status"])
    _statistics_changed(mediator.pool_id)
    return mediator


@transaction.atomic
def training_add(
    *, mediator: Mediator, kind: str, completed_on: dt.date, note: str = "", by: User | None
) -> Training:
    training = Training(mediator=mediator, kind=kind, completed_on=completed_on, note=note)
    training.full_clean(exclude=["mediator"])
    training.save()
    return training


def log_access(*, mediator: Mediator, user: User | None, action: str) -> None:
    """Every look by somebody else at a mediator's personal data (Art. 9 DSGVO)."""
    AccessLog.objects.create(
        pool_id=mediator.pool_id, mediator_ref=mediator.pk, user=user, action=action
    )


def mediator_data(mediator: Mediator) -> dict[str, Any]:
    """Everything stored about the mediator, for their download (Art. 15, 20 DSGVO)."""
    return {
        "pool": mediator.pool.name,
        "name": mediator.name,
        "email": mediator.email,
        "phone": mediator.phone,
        "background": mediator.get_background_display(),
        "status": mediator.get_status_display(),
        "areas": mediator.areas,
        "weekdays": mediator.weekdays,
        "available_from": mediator.available_from.isoformat() if mediator.available_from else None,
        "available_until": (
            mediator.available_until.isoformat() if mediator.available_until else None
        ),
        "modes": mediator.modes,
        "preferred_hours_per_month": mediator.preferred_hours_per_month,
        "guidelines_acknowledged_at": (
            mediator.guidelines_acknowledged_at.isoformat()
            if mediator.guidelines_acknowledged_at
            else None
        ),
        "confidentiality_signed_on": (
            mediator.confidentiality_signed_on.isoformat()
            if mediator.confidentiality_signed_on
            else None
        ),
        "languages": [
            {
                "language": skill.language,
                "dialect": skill.dialect,
                "understanding": skill.understanding,
                "speaking": skill.speaking,
                "reading": skill.reading,
                "writing": skill.writing,
            }
            for skill in mediator.languages.all()
        ],
        "trainings": [
            {"kind": t.get_kind_display(), "completed_on": t.completed_on.isoformat()}
            for t in mediator.trainings.all()
        ],
        "consents": [
            {
                "text": c.text,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in mediator.consents.all()
        ],
        "assignments": [
            {
                "date": a.request.date.isoformat(),
                "language": a.request.language,
                "institution": a.request.body.name,
                "minutes": a.minutes,
                "travel_km": str(a.travel_km),
                "allowance": str(a.allowance) if a.allowance is not None else None,
            }
            for a in mediator.assignments.select_related("request__body")
        ],
        "offers": [
            {
                "date": o.request.date.isoformat(),
                "language": o.request.language,
                "answer": o.get_answer_display(),
            }
            for o in mediator.offers.select_related("request")
        ],
    }


@transaction.atomic
def mediator_delete(*, mediator: Mediator) -> None:
    """The mediator withdraws consent and leaves (by their link): everything about them goes at
    once. Open offers go with them; their assignments stay for the institutions without their
    name, a future one goes back to the coordinator; what was paid stays in the statements."""
    now = timezone.now()
    future = InterpretingRequest.objects.filter(
        assignment__mediator=mediator, status=RequestStatus.ASSIGNED
    ).select_related("pool")
    for request in future:
        Assignment.objects.filter(request=request).delete()
        request.status = RequestStatus.SUBMITTED
        request.save(update_fields=["status"])
        _mail(
            "mediator_left",
            {"request": request},
            [request.pool.contact_email],
        )
    Consent.objects.filter(mediator=mediator, withdrawn_at__isnull=True).update(withdrawn_at=now)
    _statistics_changed(mediator.pool_id)
    mediator.delete()


# Institutions ----------------------------------------------------------------------------------


@transaction.atomic
def body_create(
    *, pool: InterpreterPool, name: str, kind: str, by: User | None, **fields: Any
) -> RequestingBody:
    body = RequestingBody(pool=pool, name=name.strip(), kind=kind, **fields)
    body.full_clean(exclude=["pool"])
    body.save()
    return body


@transaction.atomic
def requester_create(
    *,
    body: RequestingBody,
    name: str,
    email: str,
    by: User | None,
    phone: str = "",
    notify: bool = True,
) -> tuple[Requester, str]:
    token, digest = _new_token()
    requester = Requester(
        body=body, name=name.strip(), email=email.strip().lower(), phone=phone, link_hash=digest
    )
    requester.full_clean(exclude=["body", "link_hash"])
    requester.save()
    if notify:
        _mail(
            "link",
            {"name": requester.name, "pool": body.pool, "link": requester_link(requester, token)},
            [requester.email],
        )
    return requester, token


@transaction.atomic
def requester_link_renew(*, requester: Requester, by: User | None) -> str:
    token, digest = _new_token()
    Requester.objects.filter(pk=requester.pk).update(link_hash=digest)
    requester.link_hash = digest
    _mail(
        "link",
        {
            "name": requester.name,
            "pool": requester.body.pool,
            "link": requester_link(requester, token),
        },
        [requester.email],
    )
    return token


# Requests --------------------------------------------------------------------------------------


def request_rule_violations(
    pool: InterpreterPool, body: RequestingBody, fields: dict[str, Any], today: dt.date
) -> list[str]:
    """The pool's rules the request breaks, each as the German sentence the institution reads."""
    problems = []
    if not body.active or (pool.allowed_body_kinds and body.kind not in pool.allowed_body_kinds):
        problems.append(
            "Ihre Einrichtung kann bei diesem Pool keine Sprachmittlung anfragen. Bitte wenden "
            "Sie sich an die Koordination."
        )
    setting = fields.get("setting")
    if setting in pool.excluded_settings:
        problems.append(
            f"Für den Einsatzbereich „{Setting(str(setting)).label}“ vermittelt der Pool keine "
            "Sprachmittlung: Einsätze mit rechtlichen Folgen (Gericht, Polizei, ärztliche "
            "Diagnose) übernehmen vereidigte Dolmetscherinnen und Dolmetscher."
        )
    date = fields.get("date")
    if date is not None:
        if date < today:
            problems.append("Das Datum liegt in der Vergangenheit.")
        elif matching.working_days_between(today, date) < pool.min_lead_days:
            problems.append(
                f"Bitte fragen Sie mindestens {pool.min_lead_days} Arbeitstage vor dem Termin "
                f"an; der {date:%d.%m.%Y} ist zu kurzfristig."
            )
    if pool.professional_required and not fields.get("professional_present"):
        problems.append(
            "Bei jedem Einsatz muss eine Fachkraft Ihrer Einrichtung anwesend sein; die "
            "Sprachmittlung führt kein Gespräch allein."
        )
    return problems


REQUEST_FIELDS = (
    "language",
    "dialect",
    "date",
    "start_time",
    "duration_minutes",
    "mode",
    "place",
    "municipality",
    "setting",
    "professional_present",
    "topic",
    "internal_note",
)


@transaction.atomic
def request_submit(
    *, requester: Requester, today: dt.date | None = None, **fields: Any
) -> InterpretingRequest:
    """A request by an institution's person (their link), checked against the pool's rules."""
    body = requester.body
    pool = body.pool
    today = today or timezone.localdate()
    problems = request_rule_violations(pool, body, fields, today)
    if problems:
        raise ServiceError(" ".join(problems))
    request = InterpretingRequest(
        pool=pool,
        body=body,
        requester=requester,
        **{name: fields[name] for name in REQUEST_FIELDS if name in fields},
    )
    if not request.municipality:
        request.municipality = body.municipality
    request.full_clean(exclude=["pool", "body", "requester"])
    request.save()
    _statistics_changed(pool.pk)
    _mail("received", {"request": request, "pool": pool}, [requester.email, pool.contact_email])
    return request


def _candidate_data(
    pool: InterpreterPool, request: InterpretingRequest, today: dt.date
) -> list[matching.Candidate]:
    """The pool's mediators who may be offered this request's language, as matching.Candidate,
    in four queries of plain rows (no model objects: 2,000 mediators stay within 50 ms)."""
    since = today - dt.timedelta(days=pool.rotation_days)
    # Only who speaks the language can fit: the database narrows 2,000 mediators to a few
    # hundred (matching.fits decides the rest).
    speakers = LanguageSkill.objects.filter(
        mediator__pool=pool, language__iexact=" ".join(request.language.split())
    )
    if request.dialect.strip():
        speakers = speakers.filter(dialect__iexact=" ".join(request.dialect.split()))
    # Plain id lists instead of subqueries: the planner, misjudging a freshly filled pool,
    # otherwise probes the skills once per mediator (measured: 70 ms for 2,000).
    speaking = set(speakers.values_list("mediator_id", flat=True))
    consented = set(
        Consent.objects.filter(mediator_id__in=speaking, withdrawn_at__isnull=True).values_list(
            "mediator_id", flat=True
        )
    )
    rows = list(
        Mediator.objects.filter(
            pool=pool,
            status=MediatorStatus.ACTIVE,
            guidelines_acknowledged_at__isnull=False,
            pk__in=consented,
        )
        .order_by()
        .values_list(
            "pk",
            "areas",
            "weekdays",
            "modes",
            "available_from",
            "available_until",
            "preferred_hours_per_month",
        )
    )
    ids = [row[0] for row in rows]
    languages: dict[int, set[tuple[str, str]]] = {}
    for mediator_id, language, dialect in LanguageSkill.objects.filter(
        mediator_id__in=ids
    ).values_list("mediator_id", "language", "dialect"):
        languages.setdefault(mediator_id, set()).add(
            (matching.normalise(language), matching.normalise(dialect))
        )
    loads = {
        row["mediator_id"]: row
        for row in Assignment.objects.filter(mediator_id__in=ids, request__date__gte=since)
        .exclude(request__status=RequestStatus.CANCELLED)
        .values("mediator_id")
        .annotate(
            minutes=Sum("request__duration_minutes"),
            last=Max("request__date"),
        )
    }
    busy: dict[int, list] = {}
    for mediator_id, start, minutes in Assignment.objects.filter(
        mediator_id__in=ids, request__date=request.date, request__status=RequestStatus.ASSIGNED
    ).values_list("mediator_id", "request__start_time", "request__duration_minutes"):
        begin = start.hour * 60 + start.minute
        busy.setdefault(mediator_id, []).append((request.date, begin, begin + minutes))
    candidates = []
    for pk, areas, weekdays, modes, available_from, available_until, hours in rows:
        load = loads.get(pk, {})
        candidates.append(
            matching.Candidate(
                id=pk,
                languages=frozenset(languages.get(pk, ())),
                areas=frozenset(matching.normalise(area) for area in areas),
                weekdays=frozenset(weekdays),
                modes=frozenset(modes),
                available_from=available_from,
                available_until=available_until,
                preferred_minutes=hours * 60,
                recent_minutes=load.get("minutes") or 0,
                last_assignment=load.get("last"),
                busy=busy.get(pk, []),
            )
        )
    return candidates


def need_of(request: InterpretingRequest) -> matching.Need:
    return matching.Need(
        language=request.language,
        dialect=request.dialect,
        date=request.date,
        start=request.start_time,
        minutes=request.duration_minutes,
        mode=request.mode,
        municipality=request.municipality,
    )


def request_candidates(
    request: InterpretingRequest, today: dt.date | None = None
) -> list[Mediator]:
    """The mediators who fit the request, fairest first (see matching)."""
    candidates = _candidate_data(request.pool, request, today or timezone.localdate())
    ranked = [c.id for c in matching.rank(need_of(request), candidates)]
    found = Mediator.objects.filter(pk__in=ranked).prefetch_related("languages").in_bulk()
    return [found[pk] for pk in ranked]


@transaction.atomic
def request_offer(
    *, request: InterpretingRequest, mediators: Sequence[Mediator], by: User | None
) -> list[tuple[Offer, str]]:
    """Offer the request to several mediators at once; each gets an email with a link of its
    own. The first to accept gets it (offer_accept)."""
    request = InterpretingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in OPEN_STATUSES:
        raise ServiceError("Diese Anfrage ist nicht mehr offen.")
    if not mediators:
        raise ServiceError("Bitte wählen Sie mindestens eine Person aus.")
    already = set(request.offers.values_list("mediator_id", flat=True))
    sent = []
    for mediator in mediators:
        if mediator.pool_id != request.pool_id or mediator.status != MediatorStatus.ACTIVE:
            raise ServiceError(f"{mediator.name} kann gerade keine Einsätze übernehmen.")
        if mediator.pk in already:
            continue
        token, digest = _new_token()
        offer = Offer.objects.create(request=request, mediator=mediator, token_hash=digest)
        offer.request = request
        sent.append((offer, token))
    request.status = RequestStatus.OFFERED
    request.save(update_fields=["status"])
    for offer, token in sent:
        _mail(
            "offer",
            {"request": request, "mediator": offer.mediator, "link": offer_link(offer, token)},
            [offer.mediator.email],
        )
    return sent


def offer_accept(*, offer: Offer) -> bool:
    """The mediator takes the assignment. The request's row is locked, so of two mediators
    accepting at the same moment exactly one wins; the other learns it was taken. True if this
    offer won."""
    with transaction.atomic():
        request = (
            InterpretingRequest.objects.select_for_update(of=("self",))
            .select_related("pool", "body", "requester")
            .get(pk=offer.request_id)
        )
        current = Offer.objects.select_related("mediator").get(pk=offer.pk)
        if request.status != RequestStatus.OFFERED or current.answer != OfferAnswer.OPEN:
            return False
        now = timezone.now()
        Assignment.objects.create(request=request, mediator=current.mediator, accepted_at=now)
        current.answer, current.answered_at = OfferAnswer.ACCEPTED, now
        current.save(update_fields=["answer", "answered_at"])
        others = list(
            request.offers.filter(answer=OfferAnswer.OPEN)
            .exclude(pk=current.pk)
            .select_related("mediator")
        )
        Offer.objects.filter(pk__in=[o.pk for o in others]).update(
            answer=OfferAnswer.TAKEN, answered_at=now
        )
        request.status = RequestStatus.ASSIGNED
        request.save(update_fields=["status"])
        _statistics_changed(request.pool_id)
        mediator = current.mediator
        transaction.on_commit(
            lambda: _after_accept(request, mediator, [o.mediator.email for o in others])
        )
    return True


def _after_accept(request: InterpretingRequest, mediator: Mediator, others: list[str]) -> None:
    context = {"request": request, "mediator": mediator}
    _mail("confirmed_mediator", context, [mediator.email])
    _mail(
        "confirmed_body",
        context,
        [request.requester.email if request.requester else "", request.pool.contact_email],
    )
    _mail("taken", context, others)


@transaction.atomic
def offer_decline(*, offer: Offer) -> None:
    updated = Offer.objects.filter(pk=offer.pk, answer=OfferAnswer.OPEN).update(
        answer=OfferAnswer.DECLINED, answered_at=timezone.now()
    )
    if not updated:
        raise ServiceError("Auf dieses Angebot haben Sie schon geantwortet.")


@transaction.atomic
def request_cancel(
    *,
    request: InterpretingRequest,
    reason: str,
    by: User | None = None,
    requester: Requester | None = None,
) -> InterpretingRequest:
    """Cancelled by the coordinator or the requesting institution; everybody affected hears:
    the assigned mediator, mediators with an open offer, the institution, the coordination."""
    request = (
        InterpretingRequest.objects.select_for_update(of=("self",))
        .select_related("pool", "body", "requester")
        .get(pk=request.pk)
    )
    if request.status not in (*OPEN_STATUSES, RequestStatus.ASSIGNED):
        raise ServiceError("Diese Anfrage kann nicht mehr abgesagt werden.")
    if requester is not None and request.body_id != requester.body_id:
        raise ServiceError("Diese Anfrage gehört nicht zu Ihrer Einrichtung.")
    mediators = [
        o.mediator.email
        for o in request.offers.filter(
            answer__in=[OfferAnswer.OPEN, OfferAnswer.ACCEPTED]
        ).select_related("mediator")
    ]
    request.offers.filter(answer=OfferAnswer.OPEN).update(
        answer=OfferAnswer.WITHDRAWN, answered_at=timezone.now()
    )
    request.status = RequestStatus.CANCELLED
    request.cancel_reason = reason.strip()[:300]
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "cancel_reason", "closed_at"])
    _statistics_changed(request.pool_id)
    context = {"request": request}
    transaction.on_commit(lambda: _mail("cancelled", context, mediators))
    transaction.on_commit(
        lambda: _mail(
            "cancelled",
            context,
            [request.requester.email if request.requester else "", request.pool.contact_email],
        )
    )
    return request


@transaction.atomic
def request_mark_unmet(*, request: InterpretingRequest, by: User | None) -> InterpretingRequest:
    """Nobody could be found: the institution is told, the statistics count it as unmet."""
    request = InterpretingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in OPEN_STATUSES:
        raise ServiceError("Diese Anfrage ist nicht mehr offen.")
    request.offers.filter(answer=OfferAnswer.OPEN).update(
        answer=OfferAnswer.WITHDRAWN, answered_at=timezone.now()
    )
    request.status = RequestStatus.UNMET
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    _statistics_changed(request.pool_id)
    _mail("unmet", {"request": request}, [request.requester.email if request.requester else ""])
    return request


def allowance_of(pool: InterpreterPool, minutes: int, km: Decimal) -> tuple[Decimal, Decimal]:
    """(hours × hourly rate, km × km rate), each rounded to the cent."""
    hours = (Decimal(minutes) / Decimal(60) * pool.hourly_rate).quantize(CENT, ROUND_HALF_UP)
    travel = (Decimal(km) * pool.km_rate).quantize(CENT, ROUND_HALF_UP)
    return hours, travel


@transaction.atomic
def attendance_confirm(
    *,
    request: InterpretingRequest,
    requester: Requester,
    attended: bool,
    minutes: int | None,
    travel_km: Decimal,
    rating: int | None = None,
    feedback: str = "",
    today: dt.date | None = None,
) -> Assignment:
    """The institution confirms that the mediator came (and for how long); the allowance is
    computed with the pool's rates of today."""
    request = (
        InterpretingRequest.objects.select_for_update(of=("self",))
        .select_related("pool")
        .get(pk=request.pk)
    )
    if request.body_id != requester.body_id:
        raise ServiceError("Diese Anfrage gehört nicht zu Ihrer Einrichtung.")
    if request.status != RequestStatus.ASSIGNED:
        raise ServiceError("Für diese Anfrage ist keine Bestätigung offen.")
    if request.date > (today or timezone.localdate()):
        raise ServiceError("Der Einsatz kann erst ab seinem Tag bestätigt werden.")
    if travel_km < 0:
        raise ServiceError("Die Fahrtstrecke kann nicht negativ sein.")
    if attended and not minutes:
        raise ServiceError("Bitte geben Sie die Dauer des Einsatzes in Minuten an.")
    if rating is not None and not 1 <= rating <= 5:
        raise ServiceError("Die Bewertung liegt zwischen 1 und 5.")
    assignment = Assignment.objects.select_for_update().get(request=request)
    assignment.attended = attended
    assignment.attended_confirmed_at = timezone.now()
    assignment.minutes = minutes if attended else 0
    assignment.travel_km = travel_km
    hours, travel = allowance_of(request.pool, assignment.minutes or 0, travel_km)
    assignment.allowance = hours + travel if attended else Decimal("0.00")
    assignment.rating = rating
    assignment.feedback = feedback.strip()
    assignment.save()
    request.status = RequestStatus.DONE
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    _statistics_changed(request.pool_id)
    return assignment


@transaction.atomic
def mediator_feedback_give(*, assignment: Assignment, mediator: Mediator, text: str) -> None:
    if assignment.mediator_id != mediator.pk:
        raise ServiceError("Dieser Einsatz ist nicht Ihrer.")
    assignment.mediator_feedback = text.strip()
    assignment.save(update_fields=["mediator_feedback"])


# Statements ------------------------------------------------------------------------------------


@transaction.atomic
def statement_create(
    *, pool: InterpreterPool, month: dt.date, by: User | None
) -> AllowanceStatement:
    """The month's confirmed assignments not yet on a statement, one line each."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    if AllowanceStatement.objects.filter(pool=pool, month=first).exists():
        raise ServiceError(f"Für {first:%m/%Y} gibt es schon eine Abrechnung.")
    assignments = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(
            request__pool=pool,
            request__status=RequestStatus.DONE,
            attended=True,
            statement__isnull=True,
            request__date__gte=first,
            request__date__lt=following,
        )
        .select_related("request__body", "mediator")
    )
    if not assignments:
        raise ServiceError(f"Im Monat {first:%m/%Y} gibt es keine bestätigten Einsätze.")
    statement = AllowanceStatement.objects.create(
        pool=pool, month=first, created_by=by, total=Decimal("0.00")
    )
    lines = []
    for assignment in assignments:
        hours, travel = allowance_of(pool, assignment.minutes or 0, assignment.travel_km)
        lines.append(
            StatementLine(
                statement=statement,
                mediator_name=assignment.mediator.name if assignment.mediator else "(gelöscht)",
                date=assignment.request.date,
                language=assignment.request.language,
                body_name=assignment.request.body.name,
                minutes=assignment.minutes or 0,
                travel_km=assignment.travel_km,
                hours_amount=hours,
                travel_amount=travel,
                amount=hours + travel,
            )
        )
    StatementLine.objects.bulk_create(lines)
    Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(statement=statement)
    statement.total = sum((line.amount for line in lines), Decimal("0.00"))
    statement.save(update_fields=["total"])
    return statement


# Retention -------------------------------------------------------------------------------------


@transaction.atomic
def purge(*, pool: InterpreterPool, now: dt.datetime | None = None) -> dict[str, int]:
    """Requests closed longer ago than the pool keeps them (with their offers and assignments),
    and access log entries as old, are deleted. Statements stay: the finance office must keep
    them for the years the law of public budgets says."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=pool.retention_days)
    closed = InterpretingRequest.objects.filter(pool=pool, closed_at__lt=cutoff).filter(
        ~Q(assignment__attended=True) | Q(assignment__statement__isnull=False)
    )
    _total, deleted = closed.delete()
    logs, _detail = AccessLog.objects.filter(pool=pool, at__lt=cutoff).delete()
    return {"requests": deleted.get("interpreters.InterpretingRequest", 0), "access_log": logs}
