import pytest

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.status import StatusKey, parse_status

DONE = StatusKey.DONE
IN_PROGRESS = StatusKey.IN_PROGRESS
IN_COORDINATION = StatusKey.IN_COORDINATION
NOT_STARTED = StatusKey.NOT_STARTED
NOT_POSSIBLE = StatusKey.NOT_POSSIBLE
UNKNOWN = StatusKey.UNKNOWN

STATUS_TABLE = [
    # Every wording in the Bilanz of Landkreis Böblingen (2017).
    ("100% umgesetzt", DONE, 100),
    ("100 % umgesetzt (mit stetiger Weiterentwicklung)", DONE, 100),
    ("100% umgesetzt.", DONE, 100),
    ("Umsetzung 50%", IN_PROGRESS, 50),
    ("Umsetzung 15%", IN_PROGRESS, 15),
    ("50% umgesetzt", IN_PROGRESS, 50),
    ("Umsetzung 50% bzw. befindet sich teilweise noch im Arbeit", IN_PROGRESS, 50),
    ("Ausschreibung erfolgt im Februar 2017 – Maßnahme in Arbeit", IN_PROGRESS, None),
    ("Die Umsetzung der Maßnahme hat begonnen", IN_PROGRESS, None),
    ("Befindet sich im Abstimmungsprozess (noch nicht umgesetzt)", IN_COORDINATION, None),
    ("Nicht umgesetzt.", NOT_STARTED, 0),
    ("Maßnahme wurde noch nicht umgesetzt", NOT_STARTED, 0),
    ("Maßnahme wurde nicht umgesetzt.", NOT_STARTED, 0),
    ("Maßnahme bisher nicht umgesetzt.", NOT_STARTED, 0),
    ("Maßnahme wird nicht umgesetzt.", NOT_POSSIBLE, None),
    ("Umsetzung nicht möglich", NOT_POSSIBLE, None),
    ("", UNKNOWN, None),
    # Variants.
    ("umgesetzt", DONE, 100),
    ("UMGESETZT", DONE, 100),
    ("Vollständig umgesetzt", DONE, 100),
    ("abgeschlossen", DONE, 100),
    ("In Umsetzung", IN_PROGRESS, None),
    ("in Bearbeitung", IN_PROGRESS, None),
    ("teilweise umgesetzt", IN_PROGRESS, None),
    ("nicht vollständig umgesetzt", IN_PROGRESS, None),
    ("noch nicht begonnen", NOT_STARTED, 0),
    ("0%", NOT_STARTED, 0),
    ("0 % umgesetzt", NOT_STARTED, 0),
    ("Umsetzung 12,5 %", IN_PROGRESS, 13),
    ("75 Prozent", IN_PROGRESS, 75),
    ("100%", DONE, 100),
    ("in Abstimmung", IN_COORDINATION, None),
    ("in Planung", IN_COORDINATION, None),
    ("Umsetzung nicht möglich (30 % erreicht)", NOT_POSSIBLE, 30),
    ("Maßnahme entfällt", NOT_POSSIBLE, None),
    ("siehe oben", UNKNOWN, None),
    ("–", UNKNOWN, None),
]


@pytest.mark.parametrize(("text", "key", "percent"), STATUS_TABLE)
def test_status_wording_gives_key_and_percent(text, key, percent):
    status = parse_status(text)

    assert (status.key, status.percent) == (key, percent)


def test_status_keeps_the_text_verbatim_without_html_and_extra_whitespace():
    status = parse_status("  <p>Umsetzung&nbsp;60%</p>\n ")

    assert status.text == "Umsetzung 60%"
    assert (status.key, status.percent) == (IN_PROGRESS, 60)


def test_status_keys_are_plain_strings():
    assert parse_status("100% umgesetzt").key == "done"


@pytest.mark.parametrize("text", ["150% umgesetzt", "Umsetzung 101 %", "1000%"])
def test_status_rejects_percent_above_100(text):
    with pytest.raises(DocumentError, match="über 100 %"):
        parse_status(text)
