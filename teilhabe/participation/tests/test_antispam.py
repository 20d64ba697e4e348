"""The spam and flood protection's pieces on their own: text checks, the signed fill time."""

import time

import pytest
from django.core import signing

from teilhabe.participation.services import antispam
from teilhabe.participation.services.antispam import Refused


@pytest.mark.parametrize(
    "text",
    [
        "Ein Sprachcafé für alle",
        "Zeilen\nmit\tTabulator\r\nund Umbruch",
        "Mehr Infos: https://example.org/sprachcafe",
        "مقهى لغوي للجميع",
        "Dil kafesi – herkese açık",
    ],
)
def test_ordinary_text_passes(text):
    antispam.check_text(text, label="Ihre Idee")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Idee\x00", "Steuerzeichen"),
        ("Idee\x1b[31m", "Steuerzeichen"),
        ("https://spam.example", "nicht nur mit Links"),
        ("www.spam.example   https://b.example\n", "nicht nur mit Links"),
        (
            "a https://1.example https://2.example https://3.example https://4.example",
            "höchstens 3",
        ),
    ],
)
def test_malformed_text_is_refused_with_a_reason(text, message):
    with pytest.raises(Refused) as refused:
        antispam.check_text(text, label="Ihre Idee")
    assert message in refused.value.message


def test_link_limit_from_the_settings(settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {"max_urls": 1}
    antispam.check_text("Siehe https://a.example", label="Text")
    with pytest.raises(Refused, match="höchstens 1 Link"):
        antispam.check_text("Siehe https://a.example und https://b.example", label="Text")


def test_fill_time_too_fast_in_time_and_too_late():
    now = time.time()
    with pytest.raises(Refused, match="sehr schnell"):
        antispam.check_fill_time(antispam.form_timestamp(now - 1), now=now)
    antispam.check_fill_time(antispam.form_timestamp(now - 10), now=now)
    with pytest.raises(Refused, match="zu lange geöffnet"):
        antispam.check_fill_time(antispam.form_timestamp(now - 2 * 86400), now=now)


def test_fill_time_cannot_be_forged():
    now = time.time()
    forged = signing.dumps(now - 60, salt="anderes-salz")
    for value in (forged, "", "123", antispam.form_timestamp(now - 60) + "x"):
        with pytest.raises(Refused, match="unvollständig"):
            antispam.check_fill_time(value, now=now)
    assert antispam.fill_time_is_renewable(forged)
    assert not antispam.fill_time_is_renewable(antispam.form_timestamp(now - 1))


def test_honeypot():
    antispam.check_honeypot("")
    with pytest.raises(Refused):
        antispam.check_honeypot("http://spam.example")


def test_flood_limits_per_kind_with_defaults():
    assert antispam.limits("ideas")["per_sender_hour"] == 5
    assert antispam.limits("comments")["per_sender_hour"] == 5
    # An office registers its colleagues from one address.
    assert antispam.limits("registrations")["per_sender_hour"] == 30
    assert antispam.limits("supports")["per_sender_hour"] == 60
    with pytest.raises(ValueError, match="unknown kind of submission"):
        antispam.limits("anything")


def test_flood_limits_from_the_settings_flat_and_nested(settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {
        "per_sender_day": 7,
        "min_fill_seconds": 2,
        "registrations": {"per_sender_hour": 50, "per_sender_day": 90},
    }
    assert antispam.limits()["min_fill_seconds"] == 2
    assert "registrations" not in antispam.limits()
    ideas = antispam.limits("ideas")
    assert (ideas["per_sender_hour"], ideas["per_sender_day"]) == (5, 7)
    registrations = antispam.limits("registrations")
    assert (registrations["per_sender_hour"], registrations["per_sender_day"]) == (50, 90)
    assert registrations["per_process_minute"] == 60
    assert registrations["min_fill_seconds"] == 2


@pytest.mark.django_db
def test_registrations_get_their_own_limit_and_message():
    """Six registrations from one office in an hour are fine; ideas stop at five."""
    from teilhabe.participation.models import ParticipationProcess, Registration
    from teilhabe.testing import make_plan

    plan, _report, _units = make_plan()
    process = ParticipationProcess.objects.create(plan=plan, title="Fachtag", slug="fachtag")
    event = process.formats.create(kind="conference", title="Fachtag")
    for n in range(6):
        Registration.objects.create(
            event=event, name=f"P{n}", email=f"p{n}@example.org", sender_key="office"
        )
    antispam.check_flood(
        Registration.objects, kind="registrations", sender="office", process_filter={}
    )
    with pytest.raises(Refused, match="sehr viele Beiträge"):
        antispam.check_flood(Registration.objects, kind="ideas", sender="office", process_filter={})
    Registration.objects.bulk_create(
        Registration(event=event, name="Q", email=f"q{n}@example.org", sender_key="office")
        for n in range(24)
    )
    with pytest.raises(Refused, match="sehr viele Anmeldungen") as refused:
        antispam.check_flood(
            Registration.objects,
            kind="registrations",
            sender="office",
            process_filter={"event__process_id": event.process_id},
        )
    assert "größere Gruppe" in refused.value.message


def test_parallel_first_clicks_of_one_browser_share_its_supporter_key(rf, db):
    """Without a session yet, each parallel click would start a session of its own; the CSRF
    cookie they all carry makes them one supporter."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    def click(csrf: str) -> str:
        request = rf.post("/")
        request.user = AnonymousUser()
        request.session = SessionStore()
        request.META["CSRF_COOKIE"] = csrf
        return antispam.supporter_key(request)

    assert click("secret-a") == click("secret-a")
    assert click("secret-a") != click("secret-b")
