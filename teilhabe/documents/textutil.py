"""Small text helpers shared by the parsers: cleaning cells and joining text broken by pages."""

import html
import re

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACE = re.compile(r"\s+")
_HYPHEN_AT_END = re.compile(r"[^\W\d_]-$")
# "Gesundheitsvorsorge und -" + "fürsorge": a word whose first part was left out.
_CONJUNCTION_AND_HYPHEN_AT_END = re.compile(r"\b(?:und|oder|bzw\.|sowie) -$")

# "Aus-" + "und Fortbildung" keeps its space; "Dolmetscher-" + "Pool" is one word broken
# at its hyphen.
_WORDS_AFTER_SUSPENDED_HYPHEN = frozenset({"und", "oder", "bzw.", "sowie", "bis"})

# A text ending in one of these words stops in the middle of a sentence. Auxiliary verbs
# are left out on purpose: German sentences often end with "werden" or "wird".
_WORDS_THAT_DO_NOT_END_A_SENTENCE = frozenset().union(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer"},
    {"eines", "und", "oder", "sowie", "bzw.", "aber", "sondern", "dass", "weil", "wenn", "ob"},
    {"als", "an", "auf", "aus", "bei", "bis", "durch", "für", "gegen", "in", "im", "ins", "mit"},
    {"nach", "ohne", "seit", "über", "um", "unter", "von", "vom", "vor", "zu", "zum", "zur"},
    {"zwischen"},
)


def clean_text(raw: str) -> str:
    """Text without HTML tags, entities, bold markers, soft hyphens and repeated whitespace."""
    text = _TAG.sub(" ", raw)
    text = html.unescape(text).replace("**", "").replace("\xad", "")
    return normalize_space(text)


def normalize_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def join_broken(first: str, second: str) -> str:
    """Join two pieces of one text that a line or page break separated."""
    if not first or not second:
        return first or second
    if _HYPHEN_AT_END.search(first):
        next_word = second.split(" ", 1)[0].lower()
        if next_word not in _WORDS_AFTER_SUSPENDED_HYPHEN:
            return first + second
    if _CONJUNCTION_AND_HYPHEN_AT_END.search(first):
        return first + second
    return f"{first} {second}"


def starts_lowercase(text: str) -> bool:
    return text[:1].islower()


def ends_mid_sentence(text: str) -> bool:
    """Whether ``text`` visibly stops inside a sentence (a comma, a dash, an article …)."""
    text = text.rstrip()
    if not text:
        return False
    if text[-1] in ",;-–":
        return True
    return text.rsplit(" ", 1)[-1].lower() in _WORDS_THAT_DO_NOT_END_A_SENTENCE
