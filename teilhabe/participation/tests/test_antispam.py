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
    "text, message",
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
