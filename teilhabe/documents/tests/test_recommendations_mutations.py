"""Mutated corpus documents (``fixtures/recommendations``) and seed 001: lines deleted,
duplicated or joined, bullets and number marks changed. Each gives a result or one German
``DocumentError``, and a result holds every word of the document (``recommendation_words``)."""

import io
from pathlib import Path

import docx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from teilhabe.documents.blocks import Paragraph
from teilhabe.documents.docx_lists import docx_list_blocks
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.recommendations import parse_recommendations, parse_recommendations_text
from teilhabe.documents.tests.recommendation_words import assert_no_text_lost
from teilhabe.testing.hypothesis import examples

HERE = Path(__file__).parent
DOCUMENTS = [
    path.read_text(encoding="utf-8")
    for path in [
        *sorted((HERE / "fixtures" / "recommendations").glob("*.txt")),
        HERE.parents[1] / "demo" / "seeds" / "boeblingen_empfehlungen_2014.txt",
    ]
]
SETTINGS = settings(
    max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
MARKS = ["", "· ", "• ", "– ", "- ", "* ", "1. ", "2. ", "3. ", "7.", "a. ", "b) ", ". ", "B."]


def check(text: str) -> None:
    try:
        parsed = parse_recommendations_text(text)
    except DocumentError as error:
        assert error.message  # noqa: PT017 - one of two allowed outcomes
        assert not error.message.startswith(("Traceback", "Error")), error.message  # noqa: PT017
        event(f"DocumentError: {error.message[:40]}")
        return
    event(f"{len(parsed.recommendations)} recommendations")
    numbers = [recommendation.number for recommendation in parsed.recommendations]
    assert numbers and numbers == sorted(set(numbers))
    for recommendation in parsed.recommendations:
        labels = [item.label for item in recommendation.items if item.label]
        assert labels == [chr(ord("a") + index) for index in range(len(labels))]
    assert_no_text_lost(text, parsed)


@st.composite
def mutated(draw) -> str:
    lines = draw(st.sampled_from(DOCUMENTS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "join", "mark", "blank"]))
        if operation == "delete" and len(lines) > 1:
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "join" and index + 1 < len(lines):
            lines[index : index + 2] = [f"{lines[index]} {lines[index + 1]}"]
        elif operation == "mark":
            # A bullet, number or letter in place of the line's own mark.
            lines[index] = draw(st.sampled_from(MARKS)) + lines[index].lstrip("·•–-*. 0123456789")
        elif operation == "blank":
            lines.insert(index, draw(st.sampled_from(["", " ", "- 3 -", "Seite 2"])))
    return "\n".join(lines)


@SETTINGS
@given(mutated())
def test_mutated_documents_give_a_result_or_one_error_and_lose_no_text(text):
    check(text)


@settings(max_examples=examples(30), deadline=None)
@given(st.sampled_from(DOCUMENTS), st.data())
def test_truncated_documents(text, data):
    check(text[: data.draw(st.integers(0, len(text)))])


# --- Word documents: Word's own numbering and bullets ----------------------------------------

PARAGRAPHS = [
    "Der Rat beauftragt die Verwaltung,",
    "ein Konzept zu erarbeiten,",
    "Die Verwaltung prüft ein Sprachcafé.",
    "Der Kreistag empfiehlt Lernpatenschaften.",
    "zu Maßnahmen, die enden sollen,",
    "a. für Führungskräfte,",
    "Davon ausgenommen bleiben Anträge.",
    "- 2 -",
    "III. Begründung",
]
STYLES = [None, "List Number", "List Number 2", "List Bullet", "List Bullet 2"]


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PARAGRAPHS), st.sampled_from(STYLES)), max_size=10))
def test_word_lists_give_a_result_or_one_error_and_lose_no_text(paragraphs):
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    # The source as Word shows it: with its list numbers and bullets.
    source = "\n".join(
        block.text for block in docx_list_blocks(data) if isinstance(block, Paragraph)
    )
    try:
        parsed = parse_recommendations(data, "liste.docx")
    except DocumentError as error:
        assert error.message  # noqa: PT017 - one of two allowed outcomes
        event(f"DocumentError: {error.message[:40]}")
        return
    event(f"{len(parsed.recommendations)} recommendations")
    assert_no_text_lost(source, parsed)
