"""Recognise a document's format from its bytes; the file name only improves the message."""

import io
import re
import zipfile
from enum import StrEnum

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.limits import ZIP_ERRORS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# Control characters never found in a text export; tab, line feed, carriage return and form
# feed (a page break) are allowed.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DocumentFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"


def detect_format(data: bytes, filename: str = "") -> DocumentFormat:
    """The format of ``data``; raise ``DocumentError`` for empty or unknown files."""
    if not data.strip():
        raise DocumentError("Die Datei ist leer.")
    if data.startswith(b"%PDF"):
        return DocumentFormat.PDF
    if data.startswith(_ZIP_MAGIC):
        if _is_word_archive(data):
            return DocumentFormat.DOCX
        raise DocumentError(
            f"Dateiformat nicht erkannt: {_name(filename)}ist ein ZIP-Archiv, aber kein "
            "Word-Dokument (DOCX)."
        )
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(
            f"Dateiformat nicht erkannt: {_name(filename)}ist eine alte Office-Datei "
            "(z. B. .doc). Bitte als DOCX oder PDF speichern."
        )
    return DocumentFormat.TEXT


def decode_text(data: bytes, filename: str = "") -> str:
    """``data`` as UTF-8 text (with or without byte order mark), or ``DocumentError``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DocumentError(
            f"Dateiformat nicht erkannt: {_name(filename)}ist weder PDF noch DOCX noch UTF-8-Text.",
            line,
        ) from error
    control = _BINARY_CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise DocumentError(
            f"Dateiformat nicht erkannt: {_name(filename)}enthält Binärdaten "
            "(Steuerzeichen) und ist daher kein Text.",
            line,
        )
    return text


def _is_word_archive(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except ZIP_ERRORS as error:
        raise DocumentError(
            "Die Datei beginnt wie ein ZIP-Archiv (DOCX), ist aber beschädigt oder unvollständig."
        ) from error


def _name(filename: str) -> str:
    """The file name quoted for a message, followed by a space; empty when unknown."""
    return f"„{filename}“ " if filename else "die Datei "
