"""The formats a Bilanz is delivered in, for the download views and the `report` command."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .data import BilanzData
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf


@dataclass(frozen=True)
class Format:
    label: str
    content_type: str
    render: Callable[..., bytes]
    # PDF and HTML open in the browser; a DOCX is for saving and editing.
    inline: bool


def _html_bytes(data: BilanzData, *, attachment: str = "") -> bytes:
    return render_html(data, attachment=attachment).encode("utf-8")


FORMATS = {
    "pdf": Format("PDF", "application/pdf", render_pdf, inline=True),
    "docx": Format(
        "Word-Dokument",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
        inline=False,
    ),
    "html": Format("HTML", "text/html; charset=utf-8", _html_bytes, inline=True),
}


def bilanz_filename(plan_slug: str, as_of: dt.date, extension: str) -> str:
    return f"bilanz-{plan_slug}-{as_of:%Y-%m-%d}.{extension}"
