"""Damaged variants of seed 001 give a result or a ``DocumentError``, never another exception,
and a result never loses text silently."""

import io
import json
from pathlib import Path

import docx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.formats import DocumentFormat, detect_format
from teilhabe.documents.recommendations import parse_recommendations
from teilhabe.documents.tests.recommendation_words import assert_no_text_lost
from teilhabe.testing.hypothesis import examples

SEED = Path(__file__).parents[2] / "demo" / "seeds" / "boeblingen_empfehlungen_2014.txt"
TEXT = SEED.read_bytes()

FAST = settings(
    max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def assert_result_or_document_error(data: bytes, filename: str = "empfehlungen.txt") -> None:
    try:
        parsed = parse_recommendations(data, filename)
    except DocumentError as error:
        assert error.message  # noqa: PT017 - one of two allowed outcomes, not the expected one
        assert error.line is None or error.line >= 1  # noqa: PT017
        event(f"DocumentError: {error.message[:40]}")
        return
    event("parsed")
    numbers = [recommendation.number for recommendation in parsed.recommendations]
    assert numbers, "a result always has recommendations"
    assert numbers == sorted(set(numbers)), "numbers rise strictly"
    for recommendation in parsed.recommendations:
        assert recommendation.text.strip()
        # Letters only where the document gives them, and then a, b, c …; bullets have none.
        labels = [item.label for item in recommendation.items if item.label]
        assert labels == [chr(ord("a") + index) for index in range(len(labels))]
        assert all(item.text.strip() for item in recommendation.items)
    json.dumps(parsed.to_json_dict(), ensure_ascii=False)
    if detect_format(data, filename) is DocumentFormat.TEXT:
        assert_no_text_lost(data.decode("utf-8-sig"), parsed)


@st.composite
def mutated_lines(draw, data: bytes) -> bytes:
    """``data`` with a few of its lines deleted, duplicated or swapped."""
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 8))):
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap"]))
        if operation == "delete" and len(lines) > 1:
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return b"\n".join(lines)


@st.composite
def shuffled_lines(draw, data: bytes) -> bytes:
    return b"\n".join(draw(st.permutations(data.split(b"\n"))))


@st.composite
def flipped_bytes(draw, data: bytes) -> bytes:
    """``data`` with a few bytes replaced: by any byte, or by one that means something here."""
    mutated = bytearray(data)
    replacement = st.one_of(st.integers(0, 255), st.sampled_from(b"\n .,-)abcDK0123456789"))
    for _ in range(draw(st.integers(1, 12))):
        mutated[draw(st.integers(0, len(data) - 1))] = draw(replacement)
    return bytes(mutated)


@st.composite
def edited_text(draw, data: bytes) -> bytes:
    """``data`` with number marks and item letters inserted at line starts."""
    lines = data.decode("utf-8").split("\n")
    mark = st.sampled_from(
        ["", ". ", "1. ", "7.", "12.", "0. ", "999. ", "a. ", "b) ", "z. B. ", "- ", "• ", "III. "]
    )
    for _ in range(draw(st.integers(1, 10))):
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = draw(mark) + lines[index].lstrip(". 0123456789")
    return "\n".join(lines).encode("utf-8")


@FAST
@given(mutated_lines(TEXT))
def test_lines_deleted_duplicated_or_swapped(data):
    assert_result_or_document_error(data)


@settings(max_examples=examples(60), deadline=None)
@given(shuffled_lines(TEXT))
def test_shuffled_lines(data):
    assert_result_or_document_error(data)


@FAST
@given(flipped_bytes(TEXT))
def test_flipped_bytes(data):
    assert_result_or_document_error(data)


@FAST
@given(edited_text(TEXT))
def test_number_marks_and_letters_inserted(data):
    assert_result_or_document_error(data)


@FAST
@given(st.integers(0, len(TEXT)))
def test_truncated(length):
    assert_result_or_document_error(TEXT[:length])


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    assert_result_or_document_error(data, "upload")


@FAST
@given(st.text(max_size=2000))
def test_random_text(text):
    assert_result_or_document_error(text.encode("utf-8", "surrogatepass"), "upload")


@FAST
@given(st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf"]), st.binary(max_size=2000))
def test_random_bytes_behind_a_known_signature(signature, data):
    assert_result_or_document_error(signature + data, "upload")


def _seed_docx() -> bytes:
    document = docx.Document()
    for paragraph in TEXT.decode("utf-8").split("\n\n"):
        document.add_paragraph(paragraph.replace("\n", " "))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = _seed_docx()


def test_seed_as_docx_gives_twelve_recommendations():
    parsed = parse_recommendations(DOCX, "anlage2.docx")
    assert [recommendation.number for recommendation in parsed.recommendations] == list(
        range(1, 13)
    )


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flipped_bytes(DOCX))
def test_docx_with_flipped_bytes(data):
    assert_result_or_document_error(data, "anlage2.docx")


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(DOCX)))
def test_truncated_docx(length):
    assert_result_or_document_error(DOCX[:length], "anlage2.docx")
