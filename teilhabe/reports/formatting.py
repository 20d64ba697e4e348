"""German wording of numbers, dates and statuses, shared by the HTML, Typst and DOCX renderers."""

import datetime as dt
import re

from django.utils import formats, translation

from teilhabe.plans.models import ProgressStatus

# A no-break space keeps "50 %" together at a line end (DIN 5008 puts a space before "%").
NBSP = "\u00a0"

NUMBER_WORDS = {
    1: "ein",
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
    11: "elf",
    12: "zwölf",
}


def format_percent(value: float | int | None) -> str:
    """62.5 → "62,5 %"; whole numbers without decimals; None → "–"."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value)}{NBSP}%"
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}%"


def format_date_long(value: dt.date) -> str:
    """20. Februar 2017"""
    with translation.override("de"):
        return formats.date_format(value, "j. F Y")


def format_date_short(value: dt.date) -> str:
    """20.02.2017"""
    return f"{value:%d.%m.%Y}"


def status_label(status: str | None) -> str:
    if status is None:
        return "nicht erfasst"
    with translation.override("de"):
        return str(ProgressStatus(status).label)


def status_text(status: str | None, percent: int | None) -> str:
    """A status as the Umsetzung column writes it when the office gave no wording of its own."""
    if status == ProgressStatus.DONE:
        return f"100{NBSP}% umgesetzt"
    label = status_label(status)
    if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.IN_COORDINATION) and percent:
        return f"{label} ({percent}{NBSP}%)"
    return label


def number_word(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def paragraphs(text: str) -> list[str]:
    """Split free text at blank lines; single line breaks inside a paragraph become spaces."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    joined = (" ".join(line.strip() for line in block.splitlines()) for block in blocks)
    return [block.strip() for block in joined if block.strip()]
