"""Proof that the recommendation parser loses no text: the words of the document and the
words of its result are the same multiset.

Words are compared after the changes the parser is allowed to make: a hyphen at a line's end
and the whitespace after it vanish on both sides ("Koordinierungs-" / "stelle" and
"Koordinierungsstelle" both count as one word), case is ignored, punctuation, quotes and
bullets are no words, and each reported OCR correction swaps its original words for the
corrected ones. The result's words are its preamble, each distinct lead-in once, every
recommendation's number (unless the document had lost it), text, items' labels and texts, the
left-over parts and the epilogue.
"""

import re
from collections import Counter

from teilhabe.documents.recommendations import RecommendationList

_HYPHEN = re.compile(r"-\s*")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(_HYPHEN.sub("", text).casefold()))


def result_words(parsed: RecommendationList) -> Counter[str]:
    pieces = [parsed.preamble, parsed.epilogue]
    lead_ins: list[str] = []
    for recommendation in parsed.recommendations:
        if recommendation.lead_in and recommendation.lead_in not in lead_ins:
            lead_ins.append(recommendation.lead_in)
        if not recommendation.number_inferred:
            pieces.append(str(recommendation.number))
        pieces.append(recommendation.text)
        for item in recommendation.items:
            pieces.extend([item.label, item.text])
    pieces.extend(lead_ins)
    pieces.extend(part.text for part in parsed.left_over)
    total: Counter[str] = Counter()
    for piece in pieces:
        total.update(words(piece))
    return total


def source_words(source: str, parsed: RecommendationList) -> Counter[str]:
    """The words of ``source``, with the parser's reported corrections applied."""
    total = words(source)
    for correction in parsed.corrections:
        total.subtract(words(correction.original))
        total.update(words(correction.corrected))
    return +total


def assert_no_text_lost(source: str, parsed: RecommendationList) -> None:
    expected = source_words(source, parsed)
    found = result_words(parsed)
    missing = expected - found
    added = found - expected
    assert not missing and not added, f"lost: {dict(missing)}; invented: {dict(added)}"
