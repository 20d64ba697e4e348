"""Words, stems, queries and passages: the language side of search, shared by both databases.

A text is split into words the same way when it is indexed (SQLite) and when a passage is
marked (both databases); each word is lowercased, stripped of combining marks (Arabic vowel
signs, a decomposed umlaut's dots) and reduced to its Snowball stem in the text's language.
PostgreSQL stems indexed texts itself with the same Snowball algorithms.

German stems are not prefix-closed: "Sprachkurs" stems to "sprachkur", "Sprachkurse" to
"sprachkurs". A query word therefore matches its stem as a prefix (compounds: "Einbürgerung"
finds "Einbürgerungsfeier") and, exactly, the stem of its stem ("Sprachkurse" finds
"Sprachkurs").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .glossary import glossary_rows

GERMAN = "de"
# PostgreSQL text-search configuration per content language; the Snowball stemmer has the same
# name. Neither PostgreSQL nor Snowball knows Ukrainian: its words are only lowercased.
CONFIGS = {
    "de": "german",
    "de-x-ls": "german",
    "en": "english",
    "tr": "turkish",
    "ar": "arabic",
    "uk": "simple",
}

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# A glossary word this long also matches query words that begin with it.
MIN_GLOSSARY_PREFIX = 5
# Shorter stems only match whole words: a short prefix matches a large part of the index and
# costs the most to look up ("elt" of "Eltern": Elternarbeit, Elterncafé, Elterngespräch …).
MIN_PREFIX = 4
# Written in capitals these are operators to FTS5 (and to many search boxes): never words here.
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
# Words too common to narrow a search. PostgreSQL drops its own (longer) lists while stemming;
# dropping the most frequent ones here keeps SQLite's results close to PostgreSQL's.
# fmt: off
STOPWORDS = frozenset([
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "und", "oder", "aber", "für", "mit", "von", "vom", "zu", "zum", "zur", "im", "in", "am", "an",
    "auf", "bei", "aus", "nach", "über", "unter", "als", "auch", "nicht", "ist", "sind", "wird",
    "werden", "sich", "the", "of", "and", "or", "for", "with", "to", "on", "at", "by", "a", "is",
    "are",
])
# fmt: on

# A word: letters and digits, with combining marks inside (Arabic vowel signs, Cyrillic and
# Latin combining accents) so that a marked word is not torn apart.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
WORD = re.compile(rf"(?:[^\W_][{_MARKS}]*)+")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


class QueryError(ValueError):
    """The search input contains nothing to search for; the message is for the reader."""


def normalize_word(word: str) -> str:
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in word if unicodedata.category(c) != "Mn")


def words(text: str) -> list[str]:
    return [normalize_word(w) for w in WORD.findall(unicodedata.normalize("NFC", text))]


_local = threading.local()


def _stemmer(language: str):
    """The language's Snowball stemmer (one per thread: stemmer objects keep state), or None."""
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    if language not in cache:
        name = CONFIGS.get(language, "simple")
        cache[language] = None if name == "simple" else snowballstemmer.stemmer(name)
    return cache[language]


def stem_words(tokens: list[str], language: str) -> list[str]:
    stemmer = _stemmer(language)
    return stemmer.stemWords(tokens) if stemmer is not None else list(tokens)


def stems(text: str, language: str) -> str:
    """The text as space-separated stems: what SQLite's FTS5 table stores."""
    return " ".join(stem_words(words(text), language))


def search_languages(language: str) -> tuple[str, ...]:
    """The reader's language and German, the language every text is written in first."""
    if language not in CONFIGS or CONFIGS[language] == CONFIGS[GERMAN]:
        return (GERMAN,)
    return (language, GERMAN)


@dataclass(frozen=True)
class Term:
    """One query word and the stems that match it, in every language searched."""

    word: str
    prefixes: frozenset[str]
    exact: frozenset[str]
    # German words the glossary adds for a word in the reader's language (tercüman: Dolmetscher).
    german: tuple[str, ...] = ()

    def matches(self, stem: str) -> bool:
        return stem in self.exact or any(stem.startswith(p) for p in self.prefixes)


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...]
    languages: tuple[str, ...]

    @property
    def german_words(self) -> tuple[str, ...]:
        """Every German word the glossary added, once, in the order of the terms."""
        return tuple(dict.fromkeys(word for term in self.terms for word in term.german))

    def fts5_match(self) -> str:
        """An FTS5 MATCH expression: every term, each as quoted stems (so nothing the reader
        typed is FTS5 syntax), prefixes with `*`."""
        groups = []
        for term in self.terms:
            options = [f'"{_quote_fts(p)}"*' for p in sorted(term.prefixes)]
            options += [f'"{_quote_fts(e)}"' for e in sorted(term.exact)]
            groups.append("(" + " OR ".join(options) + ")")
        return " AND ".join(groups)

    def tsquery_parts(self) -> list[tuple[tuple[str, str], ...]]:
        """For PostgreSQL: per term, (configuration, tsquery text) pairs to OR together. The
        database stems the word itself, so query and index agree even where its Snowball version
        differs from Python's; the stem of the stem is approximated by stemming Python's stem."""
        parts = []
        for term in self.terms:
            options = []
            for language in self.languages:
                config = CONFIGS[language]
                stem = stem_words([term.word], language)[0]
                options.append((config, _tsquery_word(term.word, prefix=len(stem) >= MIN_PREFIX)))
                if stem != term.word:
                    options.append((config, _tsquery_word(stem, prefix=False)))
            options += [(CONFIGS[GERMAN], _tsquery_word(w, prefix=True)) for w in term.german]
            parts.append(tuple(dict.fromkeys(options)))
        return parts


def _quote_fts(value: str) -> str:
    return value.replace('"', '""')


def _tsquery_word(word: str, *, prefix: bool) -> str:
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def parse_query(text: str, language: str) -> Query:
    """The reader's input as terms; raises QueryError with a German message if nothing is left."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("Der Suchbegriff ist zu lang: höchstens %(limit)d Zeichen.")
            % {"limit": MAX_QUERY_LENGTH}
        )
    raw = WORD.findall(unicodedata.normalize("NFC", text))
    tokens = list(dict.fromkeys(normalize_word(w) for w in raw if w not in OPERATORS))
    if not tokens:
        raise QueryError(
            _(
                "Bitte geben Sie ein Wort ein, nach dem gesucht werden soll – Satzzeichen "
                "und Suchoperatoren allein reichen nicht."
            )
        )
    meaningful = [t for t in tokens if t not in STOPWORDS]
    tokens = meaningful or tokens
    if len(tokens) > MAX_TERMS:
        raise QueryError(
            _("Bitte suchen Sie nach höchstens %(limit)d Wörtern.") % {"limit": MAX_TERMS}
        )
    languages = search_languages(language)
    terms = []
    for token in tokens:
        prefixes, exact = set(), set()
        german = glossary_words(token, language)
        searched = [(token, lang) for lang in languages]
        searched += [(normalize_word(word), GERMAN) for word in german]
        for word, lang in searched:
            stem = stem_words([word], lang)[0]
            (prefixes if len(stem) >= MIN_PREFIX else exact).add(stem)
            again = stem_words([stem], lang)[0]
            if again != stem:
                exact.add(again)
        terms.append(Term(token, frozenset(prefixes), frozenset(exact), german))
    return Query(text=text, terms=tuple(terms), languages=languages)


@cache
def _glossary_index() -> dict[tuple[str, str], tuple[str, ...]]:
    """(language, stem of a glossary word in that language) → the German words of its rows."""
    index: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in glossary_rows():
        for language, entries in row.items():
            if language == GERMAN or language not in CONFIGS:
                continue
            for entry in entries:
                for key in _glossary_keys(normalize_word(entry), language):
                    known = index.get((language, key), ())
                    index[(language, key)] = tuple(dict.fromkeys(known + row[GERMAN]))
    return index


def _glossary_keys(word: str, language: str) -> set[str]:
    """A word, its stem and its stem's stem: Snowball is not idempotent (Turkish "tercüman"
    stems to "tercüma", "tercümanlar" to "tercüman"), so an inflected query word meets its
    glossary entry on one of them."""
    stem = stem_words([word], language)[0]
    return {word, stem, stem_words([stem], language)[0]}


def glossary_words(word: str, language: str) -> tuple[str, ...]:
    """The German words the glossary gives for `word` (normalised) of a reader of `language`.
    Only the reader's own language is looked up: a German reader's "Sport" must not turn into
    "Sportverein" through the English column."""
    if language == GERMAN:
        return ()
    index = _glossary_index()
    found: tuple[str, ...] = ()
    for key in sorted(_glossary_keys(word, language)):
        found = tuple(dict.fromkeys(found + index.get((language, key), ())))
    if not found:
        # Ukrainian has no stemmer: "перекладачів" meets "перекладач" as its longest beginning.
        starts = [k for lang, k in index if lang == language and len(k) >= MIN_GLOSSARY_PREFIX]
        starts = [k for k in starts if word.startswith(k)]
        if starts:
            found = index[(language, max(starts, key=len))]
    return found


# Passages -------------------------------------------------------------------------------------

PASSAGE_LENGTH = 240
# A passage is looked for in this much of a long text (a Bilanz with all its entries).
SCAN_LIMIT = 50_000


class _Marker:
    """Which words of a text match the query, in any of the languages searched."""

    def __init__(self, query: Query):
        self.query = query
        self.cache: dict[str, bool] = {}

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [(m.start(), m.end(), normalize_word(m.group())) for m in WORD.finditer(text)]
        unknown = list({w for _s, _e, w in found if w not in self.cache})
        if unknown:
            stemmed = [stem_words(unknown, lang) for lang in self.query.languages]
            for i, word in enumerate(unknown):
                self.cache[word] = any(
                    term.matches(by_language[i])
                    for by_language in stemmed
                    for term in self.query.terms
                )
        return [(s, e) for s, e, w in found if self.cache[w]]


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, position = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[position:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        position = e
    out.append(escape(text[position:end]))
    return "".join(out)


def _window(text: str, spans, start: int, end: int) -> tuple[int, int]:
    """At most PASSAGE_LENGTH characters of text[start:end] around its first marked word, cut at
    spaces."""
    if end - start <= PASSAGE_LENGTH:
        return start, end
    inside = [s for s, e in spans if start <= s < end]
    first = inside[0] if inside else start
    left = max(start, first - PASSAGE_LENGTH // 3)
    if left > start:
        space = text.find(" ", left, first)
        left = space + 1 if space != -1 else left
    right = min(end, left + PASSAGE_LENGTH)
    if right < end:
        space = text.rfind(" ", left, right)
        right = space if space > first else right
    return left, right


class Highlighter:
    """Marks matching words with <mark> and picks a passage; everything else is escaped."""

    def __init__(self, query: Query):
        self.marker = _Marker(query)

    def title(self, text: str) -> SafeString:
        text = unicodedata.normalize("NFC", text)
        return mark_safe(_marked(text, self.marker.spans(text), 0, len(text)))  # noqa: S308

    def passage(self, *texts: str) -> SafeString:
        """The sentence with the most matching words from the first text that has one, else the
        start of the first non-empty text."""
        texts = [unicodedata.normalize("NFC", t[:SCAN_LIMIT]) for t in texts if t]
        for text in texts:
            spans = self.marker.spans(text)
            if spans:
                return self._best_sentence(text, spans)
        if not texts:
            return mark_safe("")
        text = texts[0]
        return self._excerpt(text, [], 0, _sentence_bounds(text)[0][1])

    def _best_sentence(self, text, spans) -> SafeString:
        best, best_count = None, 0
        for start, end in _sentence_bounds(text):
            count = sum(1 for s, e in spans if start <= s and e <= end)
            if count > best_count:
                best, best_count = (start, end), count
        start, end = best if best else (0, len(text))
        return self._excerpt(text, spans, start, end)

    def _excerpt(self, text, spans, start, end) -> SafeString:
        left, right = _window(text, spans, start, end)
        html = _marked(text, spans, left, right)
        if left > 0:
            html = "… " + html
        if right < len(text):
            html += " …"
        return mark_safe(html)  # noqa: S308


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds or [(0, len(text))]
