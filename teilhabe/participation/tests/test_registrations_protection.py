"""The public registration form defends itself like the idea form: honeypot, minimum fill time,
flood limits per sender and per process, text checks and size limits; every refusal keeps
what the person typed and says in plain words what to do."""

import datetime as dt
import re
import time

import pytest
from django.urls import reverse

from teilhabe.participation.models import Registration
from teilhabe.participation.services import antispam
from teilhabe.participation.services import registrations as service

from .test_processes_support import make_event, make_process, registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(plan_setup):
    process = make_process(plan_setup["plan"])
    return make_event(process, capacity=10)


def url_of(event, prefix=""):
    plan = event.process.plan
    return prefix + reverse(
        "portal:event_register",
        kwargs={
            "org_slug": plan.organization.slug,
            "plan_slug": plan.slug,
            "process_slug": event.process.slug,
            "event_id": event.pk,
        },
    )


PERSON = {
    "name": "Ayşe Yılmaz",
    "email": "ayse@example.org",
    "affiliation": "Elternverein Sindelfingen",
    "accessibility_needs": "Rollstuhlplatz",
    "language_help": "Türkisch",
}


def assert_kept(text):
    for value in ("Ayşe Yılmaz", "ayse@example.org", "Elternverein Sindelfingen", "Türkisch"):
        assert value in text, value
    assert "Rollstuhlplatz</textarea>" in text


def started_value(text):
    return re.search(r'name="started" value="([^"]+)"', text).group(1)


def test_the_form_carries_a_honeypot_and_a_signed_timestamp(client, event):
    text = client.get(url_of(event)).content.decode()
    assert 'name="website"' in text and 'aria-hidden="true"' in text
    antispam.check_fill_time(started_value(text), now=time.time() + 60)


def test_a_person_who_took_their_time_is_registered(client, event):
    response = client.post(url_of(event), registration_data(**PERSON))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.sender_key == antispam.sender_key(response.wsgi_request)
    assert registration.accessibility_needs == "Rollstuhlplatz"


def test_honeypot_is_refused_and_keeps_the_input(client, event):
    response = client.post(
        url_of(event), registration_data(website="http://spam.example", **PERSON)
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "muss leer bleiben" in text
    assert_kept(text)
    assert not Registration.objects.exists()


def test_too_fast_is_refused_and_the_stamp_keeps_its_time(client, event):
    fresh = antispam.form_timestamp()
    response = client.post(url_of(event), {**PERSON, "website": "", "started": fresh})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Das ging sehr schnell" in text
    assert_kept(text)
    # Sent again with the same stamp a few seconds later, it goes through.
    assert started_value(text) == fresh
    assert not Registration.objects.exists()


@pytest.mark.parametrize("stamp", ["", "1234", "forged:value"])
def test_missing_or_forged_stamp_is_refused_and_renewed(client, event, stamp):
    response = client.post(url_of(event), {**PERSON, "website": "", "started": stamp})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Das Formular war unvollständig" in text
    assert_kept(text)
    renewed = started_value(text)
    assert renewed != stamp
    antispam.check_fill_time(renewed, now=time.time() + 60)


def test_expired_form_is_refused_and_renewed(client, event):
    old = antispam.form_timestamp(time.time() - 13 * 3600)
    response = client.post(url_of(event), {**PERSON, "website": "", "started": old})
    text = response.content.decode()
    assert response.status_code == 400 and "zu lange geöffnet" in text
    assert started_value(text) != old


def test_flood_per_sender(client, event, settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {"per_sender_hour": 2}
    for n in range(2):
        data = registration_data(**{**PERSON, "email": f"p{n}@example.org"})
        assert client.post(url_of(event), data).status_code == 302
    response = client.post(url_of(event), registration_data(**PERSON))
    text = response.content.decode()
    assert response.status_code == 400
    assert "in der letzten Stunde schon sehr viele" in text
    assert_kept(text)
    assert Registration.objects.count() == 2
    # Somebody else (another address) is not affected.
    other = client.post(url_of(event), registration_data(**PERSON), REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 302


def test_flood_per_sender_and_day(event, settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {"per_sender_day": 3, "per_sender_hour": 100}
    for n in range(3):
        service.registration_create(
            event=event, name="P", email=f"p{n}@example.org", sender_key="k"
        )
    Registration.objects.update(created_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(antispam.Refused, match="heute schon sehr viele"):
        service.registration_create(event=event, name="P", email="p9@example.org", sender_key="k")


def test_flood_of_everybody_in_the_process(event, settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {"per_process_minute": 2}
    second = make_event(event.process, title="Workshop", kind="workshop")
    service.registration_create(event=event, name="A", email="a@example.org", sender_key="a")
    service.registration_create(event=second, name="B", email="b@example.org", sender_key="b")
    with pytest.raises(antispam.Refused, match="sehr viele Anmeldungen auf einmal"):
        service.registration_create(event=event, name="C", email="c@example.org", sender_key="c")


def test_back_office_style_calls_without_sender_are_only_limited_per_process(event, settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {"per_sender_hour": 1}
    for n in range(3):
        service.registration_create(event=event, name="P", email=f"p{n}@example.org")
    assert Registration.objects.count() == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "N" * 201, "höchstens 200 Zeichen (jetzt 201)"),
        ("affiliation", "A" * 301, "höchstens 300 Zeichen (jetzt 301)"),
        ("language_help", "L" * 101, "höchstens 100 Zeichen (jetzt 101)"),
        ("accessibility_needs", "B" * 2001, "höchstens 2000 Zeichen (jetzt 2001)"),
        ("email", "a" * 250 + "@example.org", "höchstens 254 Zeichen"),
    ],
)
def test_oversized_input_is_refused_with_a_clear_message(client, event, field, value, message):
    response = client.post(url_of(event), registration_data(**{**PERSON, field: value}))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Bitte fassen Sie sich kürzer" in text and message in text
    assert value in text  # kept, so the person can shorten it
    assert not Registration.objects.exists()


def test_control_characters_and_links_only_are_refused(client, event):
    response = client.post(url_of(event), registration_data(**{**PERSON, "name": "Ay\x07se"}))
    assert response.status_code == 400
    assert "Steuerzeichen" in response.content.decode()
    response = client.post(
        url_of(event), registration_data(**{**PERSON, "affiliation": "https://spam.example"})
    )
    assert response.status_code == 400
    assert "nicht nur mit Links" in response.content.decode()
    assert not Registration.objects.exists()


def test_missing_name_and_bad_email_have_plain_messages(client, event):
    response = client.post(
        url_of(event), registration_data(**{**PERSON, "name": "", "email": "ayse@"})
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Bitte geben Sie Ihren Namen an." in text
    assert "name@beispiel.de" in text


def test_refusal_on_a_translated_page_stays_on_that_page(client, event):
    response = client.post(url_of(event, "/tr"), registration_data(website="x", **PERSON))
    text = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="tr"' in text
    assert_kept(text)
