"""Proof that the recommendation parser loses no text: the words of the document and the
words of its result are the same multiset.

Words are compared after the changes the parser is allowed to make: a hyphen at a line's end
and the whitespace after it vanish on both sides when a letter follows ("Koordinierungs-" / "stelle" and
"Koordinierungsstelle" both count as one word), case is ignored, punctuation, quotes and
bullets are no words, and each reported OCR correction swaps its original words for the
corrected ones. The result's words are its preamble, each distinct lead-in once, every
recommendation's number (unless the document had lost it), own text (without the lead-in it
starts with), items' labels and texts, the
left-over parts and the epilogue.
"""

import re
from collections import Counter

from teilhabe.documents.recommendations import RecommendationList

_HYPHEN = re.compile(r"-\s*(?=[^\W\d_])")
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
        pieces.append(recommendation.own_text)
        for item in recommendation.items:
            pieces.extend([item.label, item.text])
    pieces.extend(lead_ins)
    pieces.extend(part.text for part in parsed.left_over)
    total: Counter[str] = Counter()
    for piece in pieces:
        total.update(words(piece))
    return total


def source_words(source: str, parsed: RecommendationList) -> Counter[str]:
    """The words of ``source``, with the parser's reported corrections applied: in the text
    where the original is found there (so that a word joined at a line's end is corrected as
    the parser corrected it), else word for word."""
    pending: Counter[str] = Counter()
    for correction in parsed.corrections:
        if words(correction.original) == words(correction.corrected):
            continue  # a quote repaired
        pattern = re.compile(
            r"(?<!\w)" + r"\s+".join(map(re.escape, correction.original.split())) + r"(?!\w)"
        )
        # The occurrence on the reported line, else the first one.
        line_start = 0
        for _ in range(correction.line - 1):
            line_start = source.find("\n", line_start) + 1
        match = pattern.search(source, line_start) or pattern.search(source)
        if match is not None:
            source = source[: match.start()] + correction.corrected + source[match.end() :]
        else:
            pending.subtract(words(correction.original))
            pending.update(words(correction.corrected))
    total = words(source)
    total.update(pending)
    return +total


def _rejoin(whole: Counter[str], parts: Counter[str]) -> None:
    """Remove from both sides each word of ``whole`` that is two words of ``parts`` joined: a
    hyphen at a line's end joined on one side and not on the other ("er-" / "c. dass …" in the
    source is "erc", in the result "er" and the label "c")."""
    for word in list(whole.elements()):
        for cut in range(1, len(word)):
            first, second = word[:cut], word[cut:]
            if parts[first] > (first == second) and parts[second] > 0:
                parts.subtract([first, second])
                whole.subtract([word])
                break
    whole += Counter()
    parts += Counter()


def _without_page_numbers(source: str, parsed: RecommendationList) -> tuple[str, Counter[str]]:
    """``source`` with the lines reported as page numbers blanked, and their words: a page
    number between the halves of a hyphenated word ("Men-" / "- 3 -" / "schen") must not be
    joined to either half."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    removed: Counter[str] = Counter()
    for part in parsed.left_over:
        if 0 < part.line <= len(lines) and lines[part.line - 1].strip() == part.text:
            lines[part.line - 1] = ""
            removed.update(words(part.text))
    return "\n".join(lines), removed


def assert_no_text_lost(source: str, parsed: RecommendationList) -> None:
    source, page_numbers = _without_page_numbers(source, parsed)
    expected = source_words(source, parsed) + page_numbers
    found = result_words(parsed)
    missing = expected - found
    added = found - expected
    _rejoin(missing, added)
    _rejoin(added, missing)
    missing, added = +missing, +added
    assert not missing and not added, f"lost: {dict(missing)}; invented: {dict(added)}"
