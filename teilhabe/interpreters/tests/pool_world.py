"""One interpreter pool of the role world's organisation, with mediators, an institution and a
request in each state — built once per block of tests (conftest.pool_world)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from teilhabe.interpreters.models.pool import MediatorStatus
from teilhabe.interpreters.services import pool as services

# A Monday far enough ahead for any lead time, and "today" for the services.
TODAY = dt.date(2030, 3, 4)
DAY = dt.date(2030, 3, 18)

ARABIC = [{"language": "Arabisch", "dialect": "Syrisch", "level": 7}]


def request_fields(**changes):
    fields = {
        "language": "Arabisch",
        "dialect": "",
        "date": DAY,
        "start_time": dt.time(10, 0),
        "duration_minutes": 90,
        "mode": "in_person",
        "place": "Beratungsstelle, Raum 2",
        "municipality": "Böblingen",
        "setting": "counselling",
        "professional_present": True,
        "topic": "Erstberatung Kita-Anmeldung",
        "internal_note": "Familie Haddad, Akte 17",
    }
    return fields | changes


def build_pool_world(world) -> dict:
    by = world.people["coordinator"]
    pool = services.pool_create(
        organization=world.organization,
        name="Sprachmittlerpool Test",
        measure=world.measure,
        contact_email="pool@example.org",
        municipalities=["Böblingen", "Sindelfingen"],
        hourly_rate=Decimal("15.00"),
        km_rate=Decimal("0.30"),
        by=by,
    )
    mediators, tokens = {}, {}
    for key, name, languages, areas in [
        ("amal", "Amal Test", ARABIC, ["Böblingen"]),
        ("omar", "Omar Test", [{"language": "Arabisch", "dialect": "Irakisch", "level": 6}], []),
        ("olena", "Olena Test", [{"language": "Ukrainisch", "level": 7}], ["Sindelfingen"]),
        ("paused", "Pause Test", ARABIC, []),
    ]:
        mediator, token = services.mediator_create(
            pool=pool,
            name=name,
            email=f"{key}@example.org",
            background="volunteer",
            languages=languages,
            areas=areas,
            weekdays=[0, 1, 2, 3, 4],
            modes=["in_person", "phone", "video"],
            by=by,
        )
        services.mediator_consent_give(mediator=mediator, guidelines=True)
        mediators[key], tokens[key] = mediator, token
    services.mediator_set_status(mediator=mediators["paused"], status=MediatorStatus.PAUSED)
    invited, tokens["invited"] = services.mediator_create(
        pool=pool,
        name="Neu Test",
        email="neu@example.org",
        background="staff",
        languages=ARABIC,
        by=by,
    )
    mediators["invited"] = invited
    body = services.body_create(
        pool=pool,
        name="Psychologische Beratungsstelle",
        kind="counselling",
        municipality="Böblingen",
        by=by,
    )
    requester, tokens["requester"] = services.requester_create(
        body=body, name="Frau Beraterin", email="beratung@example.org", phone="07031 1", by=by
    )
    other_body = services.body_create(pool=pool, name="Grundschule", kind="school", by=by)
    other_requester, tokens["other_requester"] = services.requester_create(
        body=other_body, name="Herr Lehrer", email="schule@example.org", by=by
    )
    submitted = services.request_submit(requester=requester, today=TODAY, **request_fields())
    offered = services.request_submit(
        requester=requester, today=TODAY, **request_fields(start_time=dt.time(14, 0))
    )
    offers = services.request_offer(
        request=offered, mediators=[mediators["amal"], mediators["omar"]], by=by
    )
    tokens["offer_amal"], tokens["offer_omar"] = offers[0][1], offers[1][1]
    return {
        "pool": pool,
        "mediators": mediators,
        "tokens": tokens,
        "body": body,
        "requester": requester,
        "other_body": other_body,
        "other_requester": other_requester,
        "submitted": submitted,
        "offered": offered,
        "offers": [offer for offer, _token in offers],
    }
