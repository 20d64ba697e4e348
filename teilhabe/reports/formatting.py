"""Wording of numbers, dates and statuses, shared by the HTML, Typst and DOCX renderers.

Everything here speaks the active language: German for the documents (the renderers run under
`translation.override("de")`), the reader's language on the public pages."""

import datetime as dt
import re

from django.utils import formats
from django.utils.translation import pgettext, pgettext_lazy

# A no-break space keeps "50 %" together at a line end (DIN 5008 puts a space before "%").
NBSP = "\u00a0"

NUMBER_WORDS = {
    1: pgettext_lazy("Zahlwort, wie in „ein Handlungsfeld“", "ein"),
    2: pgettext_lazy("Zahlwort, wie in „zwei Handlungsfelder“", "zwei"),
    3: pgettext_lazy("Zahlwort, wie in „drei Handlungsfelder“", "drei"),
    4: pgettext_lazy("Zahlwort, wie in „vier Handlungsfelder“", "vier"),
    5: pgettext_lazy("Zahlwort, wie in „fünf Handlungsfelder“", "fünf"),
    6: pgettext_lazy("Zahlwort, wie in „sechs Handlungsfelder“", "sechs"),
    7: pgettext_lazy("Zahlwort, wie in „sieben Handlungsfelder“", "sieben"),
    8: pgettext_lazy("Zahlwort, wie in „acht Handlungsfelder“", "acht"),
    9: pgettext_lazy("Zahlwort, wie in „neun Handlungsfelder“", "neun"),
    10: pgettext_lazy("Zahlwort, wie in „zehn Handlungsfelder“", "zehn"),
    11: pgettext_lazy("Zahlwort, wie in „elf Handlungsfelder“", "elf"),
    12: pgettext_lazy("Zahlwort, wie in „zwölf Handlungsfelder“", "zwölf"),
}


def format_percent(value: float | int | None) -> str:
    """62.5 → "62,5 %" (in German); whole numbers without decimals; None → "–"."""
    if value is None:
        return "–"
    if float(value).is_integer():
        number = str(int(value))
    else:
        number = f"{value:.1f}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))
    # Translators: where the percent sign goes; the space becomes a no-break space.
    return (pgettext("Prozentangabe", "%(number)s %%") % {"number": number}).replace(" ", NBSP)


def format_date_long(value: dt.date) -> str:
    """20. Februar 2017"""
    # Translators: a date written out, in Django's date format characters
    # (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date): j day, F month name,
    # E month name in the genitive (Ukrainian), Y year.
    return formats.date_format(value, pgettext("Datumsformat lang", "j. F Y"))


def format_date_short(value: dt.date) -> str:
    """20.02.2017"""
    # Translators: a date in digits, in Django's date format characters: d day, m month, Y year.
    return formats.date_format(value, pgettext("Datumsformat kurz", "d.m.Y"))


def list_separator() -> str:
    """ ", " between the items of a list ("، " in Arabic)."""
    return pgettext("Trennzeichen zwischen Aufzählungsgliedern", ", ")


def clause_separator() -> str:
    """ "; " between longer items ("؛ " in Arabic)."""
    return pgettext("Trennzeichen zwischen Satzteilen", "; ")


def number_word(n: int) -> str:
    return str(NUMBER_WORDS.get(n, n))


# A line that starts like an item of a list ("AG 1:", "- …", "• …", "a) …") begins a paragraph of
# its own even without a blank line before it; digits followed by a full stop do not, since in
# hard-wrapped text "1. Januar" may well start a line.
LIST_ITEM = re.compile(r"^\s*(?:AG\s*\d+\s*:|[-–•]\s|[a-z]\)\s)")


def paragraphs(text: str) -> list[str]:
    """Split free text at blank lines and before list items; other single line breaks inside a
    paragraph (hard-wrapped text) become spaces."""
    result = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        current: list[str] = []
        for line in block.splitlines():
            if LIST_ITEM.match(line) and current:
                result.append(" ".join(current))
                current = []
            if line.strip():
                current.append(line.strip())
        if current:
            result.append(" ".join(current))
    return [paragraph for paragraph in result if paragraph]
