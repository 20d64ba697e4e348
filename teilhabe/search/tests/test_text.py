"""Words, stems, queries and passages: pure Python, the same for both databases."""

import pytest
from django.utils import translation

from teilhabe.search.text import (
    Highlighter,
    QueryError,
    parse_query,
    search_languages,
    stems,
)


def matches(query_text: str, document: str, language: str = "de") -> bool:
    """Whether every query term finds a stem of the document (what both engines do)."""
    query = parse_query(query_text, language)
    document_stems = set(stems(document, "de").split())
    if language != "de":
        document_stems |= set(stems(document, language).split())
    return all(any(term.matches(stem) for stem in document_stems) for term in query.terms)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Einbürgerung", "Wir feiern Einbürgerungen im Landratsamt."),
        ("Einbürgerungen", "Beratung zur Einbürgerung"),
        ("Sprachkurse", "Ein Sprachkurs für Eltern"),
        ("Sprachkurs", "Sprachkurse für Eltern"),
        ("Kinderbetreuung", "Integrationskurse mit Kinderbetreuung"),
        ("Einbürg", "Einbürgerungsfeier"),
        ("einburgerung", "Einbürgerung"),
        ("ÖFFNUNG", "Interkulturelle Öffnung der Verwaltung"),
        ("Übersetzungen", "Übersetzung von Bescheiden"),
        ("Straße", "Straßensozialarbeit"),
    ],
)
def test_german_stems_and_prefixes_match(query, document):
    assert matches(query, document)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Einbürgerung", "Sprachkurse für Eltern"),
        ("Kurse", "kurz und bündig"),
        ("Sprachkurse", "Sprachcafé"),
    ],
)
def test_different_words_do_not_match(query, document):
    assert not matches(query, document)


def test_every_term_must_match():
    assert matches("Sprachkurse Eltern", "Sprachkurs für Eltern")
    assert not matches("Sprachkurse Senioren", "Sprachkurs für Eltern")


def test_stopwords_are_dropped_unless_nothing_else_is_left():
    assert [t.word for t in parse_query("Kurse für Eltern", "de").terms] == ["kurse", "eltern"]
    assert [t.word for t in parse_query("für", "de").terms] == ["für"]


def test_other_languages_search_their_own_stems_and_german():
    assert search_languages("en") == ("en", "de")
    assert search_languages("de-x-ls") == ("de",)
    assert matches("courses", "Language courses for parents", language="en")
    assert matches("course", "Language courses for parents", language="en")
    assert matches("Sprachkurse", "Sprachkurs für Eltern", language="en")
    # No Snowball stemmer for Ukrainian: lowercase words, prefixes.
    assert matches("Мовні", "Мовні курси для батьків", language="uk")
    assert matches("курс", "Мовні курси для батьків", language="uk")


@pytest.mark.parametrize(
    "text",
    ['"', "*", "NEAR(", "AND", "OR NOT", "(((", ") OR (", "…!?", "   ", "\"'*^:-"],
)
def test_input_without_a_word_is_refused(text):
    with translation.override("de"), pytest.raises(QueryError, match="Wort"):
        parse_query(text, "de")


def test_operators_and_syntax_inside_words_are_plain_text():
    query = parse_query('"Einbürgerung" AND Sprach* NEAR(x near', "de")
    assert [t.word for t in query.terms] == ["einbürgerung", "sprach", "x", "near"]
    match = query.fts5_match()
    # Every option is a quoted stem; nothing the reader typed is left as FTS5 syntax.
    assert match.count("(") == match.count(")") == 4
    for group in match.split(" AND "):
        for option in group.strip("()").split(" OR "):
            assert option.startswith('"') and option.rstrip("*").endswith('"')


def test_too_long_and_too_many_words():
    with translation.override("de"):
        with pytest.raises(QueryError, match="zu lang"):
            parse_query("a" * 201, "de")
        with pytest.raises(QueryError, match="höchstens 10 Wörtern"):
            parse_query(" ".join(f"wort{i}" for i in range(11)), "de")


def test_tsquery_parts_quote_every_word():
    query = parse_query("Sprachkurse", "en")
    parts = query.tsquery_parts()
    assert len(parts) == 1
    configs = {config for config, _text in parts[0]}
    assert configs == {"english", "german"}
    assert ("german", "'sprachkurse':*") in parts[0]
    # The stem of the stem, for "Sprachkurs" (stemmed "sprachkur" by the database).
    assert ("german", "'sprachkurs'") in parts[0]


def test_passage_marks_matches_and_escapes_everything_else():
    highlighter = Highlighter(parse_query("Einbürgerung", "de"))
    passage = highlighter.passage(
        "Erster Satz ohne Treffer. <script>alert(1)</script> Wir feiern Einbürgerungen & mehr."
        " Dritter Satz."
    )
    assert "<mark>Einbürgerungen</mark>" in passage
    assert "&lt;script&gt;" in passage
    assert "&amp; mehr" in passage
    assert "<script>" not in passage
    assert "Erster Satz" not in passage
    assert "Dritter Satz" not in passage


def test_passage_is_cut_around_the_match_in_a_long_sentence():
    text = " ".join(["Wort"] * 200) + " Einbürgerungsfeier " + " ".join(["Ende"] * 200)
    passage = Highlighter(parse_query("Einbürgerung", "de")).passage(text)
    assert "<mark>Einbürgerungsfeier</mark>" in passage
    assert passage.startswith("… ") and passage.endswith(" …")
    assert len(passage) < 320


def test_passage_without_match_shows_the_start_and_title_is_marked():
    highlighter = Highlighter(parse_query("Sprachkurse", "de"))
    assert highlighter.passage("Ganz anderer Text. Zweiter Satz.") == "Ganz anderer Text. …"
    assert highlighter.passage("", "") == ""
    assert highlighter.title("Sprachkurs <b>für</b> Eltern") == (
        "<mark>Sprachkurs</mark> &lt;b&gt;für&lt;/b&gt; Eltern"
    )


def test_passage_falls_back_to_the_german_text():
    highlighter = Highlighter(parse_query("Sprachkurse", "en"))
    passage = highlighter.passage("Language course for parents.", "Sprachkurs für Eltern.")
    assert passage == "<mark>Sprachkurs</mark> für Eltern."


def test_arabic_vowel_signs_and_decomposed_umlauts_do_not_split_words():
    assert stems("Einbu\u0308rgerungen", "de") == stems("Einbürgerungen", "de")
    assert stems("دَوْرَات", "ar") == stems("دورات", "ar")
