"""Amounts of money as people type them: "1.234,50", "1234.5", "1 234 €", "250,-". Pure:
text in, Decimal with two places out, or a German message saying what is wrong.

Only amounts with at most two places are money. "12.345" is twelve thousand three hundred and
forty-five (the German thousands point); "12,345" could be that or a slip, so it is refused
rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
# Digits with optional thousands separators (point, space or apostrophe), then up to two places.
_GERMAN = re.compile(r"[0-9]{1,3}(?:[.' ][0-9]{3})+(?:,[0-9]{1,2})?|[0-9]+(?:,[0-9]{1,2})?")
# Commas as thousands separators only with a decimal point after them: "1,250" could be either.
_ENGLISH = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]{1,2}|[0-9]+\.[0-9]{1,2}")


class AmountError(ValueError):
    """Not an amount of money; the message is German and names the text."""


def parse_amount(text: str) -> Decimal:
    """The amount `text` names, as a Decimal with two places (never negative)."""
    raw = str(text)
    cleaned = raw.replace("\u00a0", " ").replace("\u202f", " ").strip()
    cleaned = re.sub(r"\s*(€|EUR|Euro)\s*$", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"^(€|EUR)\s*", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r",[-–]$", "", cleaned).strip()
    if not cleaned:
        raise AmountError("Bitte geben Sie einen Betrag an.")
    if cleaned.startswith("-"):
        raise AmountError(f"„{raw.strip()}“: Beträge können nicht negativ sein.")
    if not cleaned.isascii():
        raise AmountError(f"„{raw.strip()}“ ist kein Betrag.")
    if _GERMAN.fullmatch(cleaned):
        number = re.sub(r"[.' ]", "", cleaned).replace(",", ".")
    elif _ENGLISH.fullmatch(cleaned):
        number = cleaned.replace(",", "")
    else:
        raise AmountError(
            f"„{raw.strip()}“ ist kein Betrag. Schreiben Sie zum Beispiel 1.250,00 "
            "(höchstens zwei Stellen nach dem Komma)."
        )
    try:
        return Decimal(number).quantize(CENT)
    except InvalidOperation as error:  # pragma: no cover - the patterns admit only digits
        raise AmountError(f"„{raw.strip()}“ ist kein Betrag.") from error
