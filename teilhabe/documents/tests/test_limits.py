"""Decompression limits for DOCX and PDF as for XLSX (issue 10: a 1 MB DOCX that unpacked to
1 GB took the server to 2.25 GB of memory)."""

import io
import tracemalloc
import zipfile
import zlib

import docx
import pytest

from teilhabe.documents import limits
from teilhabe.documents.bilanz import parse_bilanz
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.recommendations import parse_recommendations


def docx_with_paragraphs(count: int) -> bytes:
    document = docx.Document()
    for n in range(count):
        document.add_paragraph(f"Absatz {n} " + "Integration " * 20)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_with_stream(raw: bytes) -> bytes:
    """A minimal PDF whose one content stream is `raw` deflated."""
    stream = zlib.compress(raw, 9)
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\n"
        b"endobj\n4 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\n"
        b"stream\n" + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def test_a_docx_that_unpacks_to_too_much_is_refused_before_it_is_read(monkeypatch):
    data = docx_with_paragraphs(400)  # its document.xml is about 200 kB
    monkeypatch.setattr(limits, "MAX_XML_BYTES", 100_000)
    for parse in (parse_bilanz, parse_recommendations):
        with pytest.raises(DocumentError, match="Word-Datei \\(DOCX\\) ist entpackt zu groß"):
            parse(data, "bombe.docx")


def test_a_real_docx_bomb_is_refused_without_unpacking_it(monkeypatch):
    # 24 MB of one letter in document.xml packs to about 24 kB; the limits are lowered in the
    # same proportion as a 1 GB bomb stands to the real ones, to keep the test fast.
    monkeypatch.setattr(limits, "MAX_XML_BYTES", 4 * 1024 * 1024)
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 16 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"a" * (1024 * 1024)
            for _ in range(24):
                part.write(block)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError, match="entpackt zu groß"):
            parse_bilanz(data, "bombe.docx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024


def test_a_pdf_whose_streams_unpack_to_too_much_is_refused(monkeypatch):
    data = pdf_with_stream(b"0 0 m 1 1 l S\n" * 200_000)  # 2.8 MB from a few kB
    assert len(data) < 50_000
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 1024 * 1024)
    with pytest.raises(DocumentError, match="PDF-Datei ist entpackt zu groß"):
        parse_bilanz(data, "bombe.pdf")


def test_the_pdf_check_holds_little_memory_and_passes_ordinary_streams():
    data = pdf_with_stream(b"\0" * (16 * 1024 * 1024))  # 16 MB of zeros, 16 kB packed
    tracemalloc.start()
    try:
        limits.check_pdf(data)  # under the limit: passes
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_an_archive_asking_for_a_zip_version_python_lacks_is_a_german_error():
    """zipfile answers such a header with NotImplementedError ("zip file version 6.4"), which
    the readers did not expect: a fuzzed DOCX with flipped bytes ended in a 500."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (64).to_bytes(2, "little")  # version needed: 6.4
    with pytest.raises(NotImplementedError):
        zipfile.ZipFile(io.BytesIO(bytes(data)))
    with pytest.raises(DocumentError, match="beschädigt"):
        parse_recommendations(bytes(data), "empfehlungen.docx")
