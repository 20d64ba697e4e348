"""Decompression limits for uploaded documents ("zip bombs" and their PDF kin).

A small upload can unpack to gigabytes: a 1 MB DOCX that unpacks to 1 GB took the server to
2.25 GB of memory (issue 10). Every reader checks here before it unpacks anything:

- DOCX and XLSX are ZIP archives whose directory states each part's unpacked size; Python's
  zipfile never hands out more than that size, so adding them up is a real bound.
- A PDF's streams are deflated ("FlateDecode"), and pdfminer inflates each one whole. The
  streams are inflated here once in small steps, counting and discarding the output, and the
  file is refused as soon as the total passes the limit — without ever holding it.
"""

import re
import zipfile
import zlib

from teilhabe.documents.errors import DocumentError

# What any document the platform reads needs at most: a 10,000-measure workbook unpacks to
# about 6 MB, a 200-page Bilanz with pictures to a few dozen.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# The XML of a document is parsed into a tree many times its size.
MAX_XML_BYTES = 50 * 1024 * 1024
_CHUNK = 64 * 1024
# What zipfile raises for a damaged or unusual archive. Besides BadZipFile: a header asking for
# a ZIP version or compression method it does not implement is a NotImplementedError ("zip
# file version 6.4"), a truncated one an EOFError or ValueError.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    OSError,
    ValueError,
    EOFError,
)

_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"


def check_archive(archive: zipfile.ZipFile, *, what: str) -> None:
    """Refuse an archive that unpacks to more than the limits (``what``: "Die Word-Datei")."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    xml = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
    if total > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:
        raise DocumentError(
            f"{what} ist entpackt zu groß ({total // (1024 * 1024)} MB; erlaubt sind "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB, davon {MAX_XML_BYTES // (1024 * 1024)} MB "
            "Text). Bitte teilen Sie das Dokument auf oder entfernen Sie große Bilder."
        )


def check_zip_bytes(data: bytes, *, what: str) -> None:
    """`check_archive` for an upload's bytes; a damaged archive is left to the reader's own
    message."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, what=what)
    except ZIP_ERRORS:
        return


def check_pdf(data: bytes) -> None:
    """Refuse a PDF whose deflated streams unpack to more than MAX_UNPACKED_BYTES together."""
    total = 0
    position = 0
    while True:
        match = _STREAM.search(data, position)
        if match is None:
            return
        start = match.end()
        end = data.find(_ENDSTREAM, start)
        if end < 0:
            return
        total += _inflated_size(data, start, end, MAX_UNPACKED_BYTES - total)
        if total > MAX_UNPACKED_BYTES:
            raise DocumentError(
                "Die PDF-Datei ist entpackt zu groß (mehr als "
                f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB). Bitte teilen Sie das Dokument auf "
                "oder speichern Sie es mit kleineren Bildern neu."
            )
        position = end + len(_ENDSTREAM)


def _inflated_size(data: bytes, start: int, end: int, budget: int) -> int:
    """How many bytes the stream inflates to, counted up to just past ``budget``; 0 for a
    stream that is not deflated (pictures, encrypted or differently filtered streams)."""
    inflater = zlib.decompressobj()
    size = 0
    view = memoryview(data)[start:end]
    try:
        for offset in range(0, len(view), _CHUNK):
            chunk = bytes(view[offset : offset + _CHUNK])
            while chunk and not inflater.eof:
                out = inflater.decompress(chunk, _CHUNK)
                size += len(out)
                if size > budget:
                    return size
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                # Whatever follows the end (a line break before "endstream") is no output.
                break
    except zlib.error:
        return size
    return size
