"""Uploaded files between preview and confirmation.

The preview is never trusted: the confirm step re-reads the very same bytes, which wait in a
private folder under a random name that only this person's session knows.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

STASH_MAX_AGE_SECONDS = 2 * 60 * 60


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def read_upload(upload, allowed_suffixes: tuple[str, ...]) -> bytes:
    """The bytes of an uploaded file, after checking its type and size (German messages)."""
    name = (upload.name or "").lower()
    if not name.endswith(allowed_suffixes):
        raise ValidationError(
            "Dieser Dateityp wird nicht unterstützt. Erlaubt sind: "
            + ", ".join(allowed_suffixes)
            + "."
        )
    limit = settings.TEILHABE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(f"Die Datei ist zu groß (höchstens {limit // (1024 * 1024)} MB).")
    return upload.read()


def stash(request, key: str, data: bytes, filename: str) -> None:
    _purge_old()
    token = secrets.token_hex(16)
    (_folder() / token).write_bytes(data)
    request.session[key] = {"token": token, "filename": filename}


def unstash(request, key: str, *, remove: bool = False) -> tuple[bytes, str] | None:
    info = request.session.get(key)
    if not info:
        return None
    path = _folder() / info["token"]
    if not path.exists():
        return None
    data = path.read_bytes()
    if remove:
        path.unlink(missing_ok=True)
        request.session.pop(key, None)
    return data, info["filename"]


def _purge_old() -> None:
    cutoff = time.time() - STASH_MAX_AGE_SECONDS
    for path in _folder().iterdir():
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
