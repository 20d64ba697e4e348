"""Damaged and foreign files give a result or a ``DocumentError``, never another exception."""

import io
import json
from pathlib import Path

import docx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from teilhabe.documents.bilanz import parse_bilanz
from teilhabe.documents.errors import DocumentError
from teilhabe.testing.hypothesis import examples

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = (FIXTURES / "bilanz_2017.txt").read_bytes()
DOCX = (FIXTURES / "bilanz_2017.docx").read_bytes()
PDF = (FIXTURES / "bilanz_2017.pdf").read_bytes()

# Text and DOCX parse in milliseconds; a PDF takes about a second, so it gets fewer examples.
FAST = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=examples(6), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def assert_result_or_document_error(data: bytes, filename: str) -> None:
    try:
        bilanz = parse_bilanz(data, filename)
    except DocumentError as error:
        assert error.message  # noqa: PT017 - one of two allowed outcomes, not the expected one
        event(f"DocumentError: {error.message[:40]}")
        return
    event("parsed")
    json.dumps(bilanz.to_json_dict())


@st.composite
def mutated_lines(draw, data: bytes) -> bytes:
    """``data`` with a few of its lines deleted, duplicated or swapped."""
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
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
def flipped_bytes(draw, data: bytes) -> bytes:
    """``data`` with a few bytes replaced: by any byte, or by one that means something."""
    mutated = bytearray(data)
    replacement = st.one_of(st.integers(0, 255), st.sampled_from(b"\t\n -.%()<>*0123456789aZ"))
    for _ in range(draw(st.integers(1, 8))):
        mutated[draw(st.integers(0, len(data) - 1))] = draw(replacement)
    return bytes(mutated)


def truncated(data: bytes) -> st.SearchStrategy[bytes]:
    return st.integers(0, len(data)).map(lambda length: data[:length])


@FAST
@given(mutated_lines(TEXT))
def test_text_with_lines_deleted_duplicated_or_swapped(data):
    assert_result_or_document_error(data, "bilanz.txt")


@FAST
@given(flipped_bytes(TEXT))
def test_text_with_flipped_bytes(data):
    assert_result_or_document_error(data, "bilanz.txt")


@FAST
@given(truncated(TEXT))
def test_truncated_text(data):
    assert_result_or_document_error(data, "bilanz.txt")


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    assert_result_or_document_error(data, "upload")


@FAST
@given(st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf"]), st.binary(max_size=2000))
def test_random_bytes_behind_a_known_signature(signature, data):
    assert_result_or_document_error(signature + data, "upload")


@FAST
@given(flipped_bytes(DOCX))
def test_docx_with_flipped_bytes(data):
    assert_result_or_document_error(data, "bilanz.docx")


@FAST
@given(truncated(DOCX))
def test_truncated_docx(data):
    assert_result_or_document_error(data, "bilanz.docx")


@st.composite
def docx_with_parts_removed(draw) -> bytes:
    """The DOCX with some paragraphs, tables, rows or cells taken out of its body."""
    document = docx.Document(io.BytesIO(DOCX))
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["body element", "row", "cell"]))
        if kind == "body element":
            elements = list(document.element.body.iterchildren())[:-1]  # keep the sectPr
            element = draw(st.sampled_from(elements))
        elif kind == "row":
            element = draw(st.sampled_from([row._tr for t in document.tables for row in t.rows]))
        else:
            cells = [tc for t in document.tables for row in t.rows for tc in row._tr.tc_lst]
            element = draw(st.sampled_from(cells))
        element.getparent().remove(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docx_with_parts_removed())
def test_docx_with_paragraphs_rows_or_cells_removed(data):
    assert_result_or_document_error(data, "bilanz.docx")


@SLOW
@given(flipped_bytes(PDF))
def test_pdf_with_flipped_bytes(data):
    assert_result_or_document_error(data, "bilanz.pdf")


@SLOW
@given(truncated(PDF))
def test_truncated_pdf(data):
    assert_result_or_document_error(data, "bilanz.pdf")
