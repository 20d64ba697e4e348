"""Demo of the interpreter pool (issue 14 item 2): the Landkreis Böblingen's Dolmetscher-Pool for
the measure "Ehrenamtlicher Dolmetscher-Pool" (Bilanz 2017: "Umsetzung 15 %"), with sample
mediators in twelve languages, requesting institutions, requests in every state and last
month's allowance statement. All people are invented sample data.

The personal links of the demo are fixed (DEMO_LINKS) so that one can try them: the pages work
as for real link holders, only the tokens are known.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test.utils import override_settings
from django.utils import timezone

from teilhabe.interpreters.models.pool import Mediator, Requester
from teilhabe.interpreters.services import pool as services
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Measure

DEMO_LINKS = {
    "mediator": "demo-sprachmittlung-leyla",
    "requester": "demo-einrichtung-beratung",
}

# name, email, background, languages (language, dialect, level), areas, weekdays
MEDIATORS = [
    (
        "Leyla Demir",
        "leyla",
        "migration",
        [("Türkisch", "", 7), ("Kurdisch", "Kurmandschi", 6)],
        ["Böblingen", "Sindelfingen"],
        [0, 1, 2, 3, 4],
    ),
    (
        "Samir Haddad",
        "samir",
        "volunteer",
        [("Arabisch", "Syrisch", 7)],
        ["Böblingen", "Sindelfingen", "Herrenberg"],
        [0, 2, 4],
    ),
    (
        "Mariam Yousef",
        "mariam",
        "migration",
        [("Arabisch", "Irakisch", 7), ("Kurdisch", "Sorani", 5)],
        [],
        [1, 3],
    ),
    (
        "Olena Kovalenko",
        "olena",
        "migration",
        [("Ukrainisch", "", 7), ("Russisch", "", 7)],
        ["Böblingen", "Leonberg"],
        [0, 1, 2, 3, 4],
    ),
    (
        "Reza Ahmadi",
        "reza",
        "volunteer",
        [("Farsi", "", 7), ("Dari", "", 6)],
        ["Sindelfingen", "Renningen"],
        [0, 1, 2, 3, 4],
    ),
    ("Tesfay Berhane", "tesfay", "migration", [("Tigrinya", "", 7)], [], [2, 3, 4]),
    ("Arben Krasniqi", "arben", "staff", [("Albanisch", "", 7)], ["Böblingen"], [0, 1, 2, 3]),
    ("Ioana Popescu", "ioana", "staff", [("Rumänisch", "", 7)], ["Herrenberg"], [0, 1, 2, 3, 4]),
    ("Agnieszka Nowak", "agnieszka", "volunteer", [("Polnisch", "", 7)], [], [0, 4]),
    (
        "Giulia Romano",
        "giulia",
        "volunteer",
        [("Italienisch", "", 7)],
        ["Weil der Stadt"],
        [0, 1, 2],
    ),
    (
        "Ahmad Karimi",
        "ahmad",
        "volunteer",
        [("Paschtu", "", 7), ("Dari", "", 5)],
        [],
        [0, 1, 2, 3, 4],
    ),
    ("Fatma Yilmaz", "fatma", "staff", [("Türkisch", "", 7)], ["Sindelfingen"], [1, 2, 3]),
]

BODIES = [
    (
        "Psychologische Beratungsstelle Böblingen",
        "counselling",
        "Böblingen",
        "Frau Berger",
        "beratung",
    ),
    ("Gesundheitsamt Böblingen", "health", "Böblingen", "Herr Graf", "gesundheitsamt"),
    ("Grundschule Sindelfingen-Mitte (Beispiel)", "school", "Sindelfingen", "Frau Weber", "schule"),
    ("Kita Sonnenschein Herrenberg (Beispiel)", "kita", "Herrenberg", "Frau Schmid", "kita"),
]


def _working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def load_interpreters_demo() -> None:
    # The sample people's addresses are invented: the emails of the cycle go nowhere.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _load()


def _load() -> None:
    organization = Organization.objects.get(slug="landkreis-boeblingen")
    measure = Measure.objects.filter(
        field__plan__slug="landkreis-boeblingen", title__icontains="Dolmetscher-Pool"
    ).first()
    pool = services.pool_create(
        organization=organization,
        name="Dolmetscher- und Sprachmittlerpool des Landkreises Böblingen",
        measure=measure,
        contact_email="sprachmittlung@lrabb.example",
        municipalities=[
            "Böblingen",
            "Sindelfingen",
            "Herrenberg",
            "Leonberg",
            "Renningen",
            "Weil der Stadt",
        ],
        hourly_rate=Decimal("15.00"),
        km_rate=Decimal("0.30"),
        by=None,
    )
    mediators = {}
    for name, key, background, languages, areas, weekdays in MEDIATORS:
        mediator, _token = services.mediator_create(
            pool=pool,
            name=name,
            email=f"{key}@sprachmittlung.example",
            background=background,
            languages=[
                {"language": language, "dialect": dialect, "level": level}
                for language, dialect, level in languages
            ],
            areas=areas,
            weekdays=weekdays,
            available_from=dt.time(8),
            available_until=dt.time(18),
            modes=["in_person", "phone", "video"],
            preferred_hours_per_month=4 if background == "staff" else 8,
            confidentiality_signed_on=dt.date(2024, 3, 1),
            notify=False,
            by=None,
        )
        services.mediator_consent_give(mediator=mediator, guidelines=True)
        services.training_add(
            mediator=mediator, kind="kulturvermittler", completed_on=dt.date(2024, 4, 20), by=None
        )
        mediators[key] = mediator
    services.mediator_set_status(mediator=mediators["giulia"], status="paused")
    Mediator.objects.filter(pk=mediators["leyla"].pk).update(
        link_hash=services.hash_token(DEMO_LINKS["mediator"])
    )

    requesters = {}
    for name, kind, municipality, person, key in BODIES:
        body = services.body_create(
            pool=pool, name=name, kind=kind, municipality=municipality, by=None
        )
        requesters[key], _token = services.requester_create(
            body=body,
            name=person,
            email=f"{key}@einrichtung.example",
            phone="07031 663-0",
            notify=False,
            by=None,
        )
    Requester.objects.filter(pk=requesters["beratung"].pk).update(
        link_hash=services.hash_token(DEMO_LINKS["requester"])
    )

    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    def submit(key, language, day, setting="counselling", **extra):
        fields = {
            "language": language,
            "date": day,
            "start_time": extra.pop("start_time", dt.time(10)),
            "duration_minutes": extra.pop("duration_minutes", 60),
            "mode": extra.pop("mode", "in_person"),
            "place": extra.pop("place", "Beratungsraum 1"),
            "setting": setting,
            "professional_present": True,
            "topic": extra.pop("topic", "Beratungsgespräch (Beispiel)"),
            **extra,
        }
        return services.request_submit(
            requester=requesters[key], today=day - dt.timedelta(days=14), **fields
        )

    def assign(request, *keys):
        offers = services.request_offer(
            request=request, mediators=[mediators[k] for k in keys], by=None
        )
        services.offer_accept(offer=offers[0][0])
        return request

    # Last month: done assignments, then the month's statement for the finance office.
    for number, (key, language, mediator, minutes, km) in enumerate(
        [
            ("beratung", "Türkisch", "leyla", 90, Decimal("8.0")),
            ("gesundheitsamt", "Arabisch", "samir", 60, Decimal("12.5")),
            ("schule", "Ukrainisch", "olena", 45, Decimal("0")),
            ("kita", "Farsi", "reza", 75, Decimal("22.0")),
            ("beratung", "Tigrinya", "tesfay", 120, Decimal("15.0")),
        ]
    ):
        day = _working_day(last_month + dt.timedelta(days=3 + 4 * number))
        request = assign(
            submit(
                key, language, day, setting="health" if key == "gesundheitsamt" else "counselling"
            ),
            mediator,
        )
        services.attendance_confirm(
            request=request,
            requester=requesters[key],
            attended=True,
            minutes=minutes,
            travel_km=km,
            rating=5,
            feedback="Hat sehr geholfen (Beispiel).",
            today=day,
        )
    services.statement_create(pool=pool, month=last_month, by=None)

    ahead = _working_day(today + dt.timedelta(days=14))
    # Open, offered to several, assigned, cancelled and unmet requests.
    submit("schule", "Arabisch", ahead, setting="school", topic="Elterngespräch (Beispiel)")
    offered = submit("kita", "Rumänisch", ahead, setting="kita", start_time=dt.time(14))
    services.request_offer(request=offered, mediators=[mediators["ioana"]], by=None)
    assign(submit("beratung", "Dari", _working_day(ahead + dt.timedelta(days=1))), "reza", "ahmad")
    cancelled = submit(
        "gesundheitsamt", "Albanisch", _working_day(ahead + dt.timedelta(days=2)), setting="health"
    )
    services.request_cancel(request=cancelled, reason="Termin entfällt (Beispiel)")
    unmet = submit("beratung", "Somali", _working_day(ahead + dt.timedelta(days=3)))
    services.request_mark_unmet(request=unmet, by=None)
