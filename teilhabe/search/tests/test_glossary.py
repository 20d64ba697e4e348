"""The search glossary file and its parser: the file is valid, and bad rows are refused with the
line and a German reason."""

import pytest

from teilhabe.search.glossary import GlossaryError, glossary_rows, parse_glossary
from teilhabe.search.text import CONFIGS, glossary_words


def test_the_glossary_file_is_valid_and_covers_every_portal_language():
    rows = glossary_rows()
    assert len(rows) >= 20
    languages = set(rows[0])
    assert languages == {"de", "en", "tr", "ar", "uk"}
    assert languages <= set(CONFIGS)
    assert all(row[lang] for row in rows for lang in languages), "jede Zeile in jeder Sprache"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("en;de\ninterpreter;Dolmetscher", "Zeile 1: Die erste Spalte muss „de“ heißen."),
        ("de;en\nDolmetscher", "Zeile 2: 2 Spalten erwartet, 1 gefunden."),
        ("de;en\n;interpreter", "Zeile 2: Die deutsche Spalte ist leer."),
        ("de;en\n\nDolmetscher;sign language", "Zeile 3: „sign language“ ist mehr als ein Wort."),
    ],
)
def test_bad_rows_are_refused_with_their_line(text, message):
    with pytest.raises(GlossaryError) as error:
        parse_glossary(text)
    assert str(error.value) == message


def test_several_words_and_several_rows():
    rows = parse_glossary("de;tr\nDolmetscher|Sprachmittler;tercüman|çevirmen\n")
    assert rows == [{"de": ("Dolmetscher", "Sprachmittler"), "tr": ("tercüman", "çevirmen")}]


@pytest.mark.parametrize(
    ("word", "language", "german"),
    [
        ("tercüman", "tr", "Dolmetscher"),
        ("tercümanlar", "tr", "Dolmetscher"),  # inflected: meets the entry's stem
        ("перекладачів", "uk", "Dolmetscher"),  # no Ukrainian stemmer: the entry's beginning
        ("kursları", "tr", "Sprachkurs"),
        ("naturalization", "en", "Einbürgerung"),
    ],
)
def test_words_of_the_readers_language_find_their_german_words(word, language, german):
    assert german in glossary_words(word, language)


def test_only_the_readers_language_is_looked_up():
    assert glossary_words("interpreter", "de") == ()
    assert glossary_words("tercüman", "en") == ()
