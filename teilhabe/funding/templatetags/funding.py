"""Amounts of money in the reader's language: "1.234,50 €" in German, "1,234.50 €" in English."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value) -> str:
    if value is None or value == "":
        return "–"
    return f"{number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)}\u00a0€"


@register.filter
def amount_input(value) -> str:
    """An amount as the form shows it back: "1250,00"."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):.2f}".replace(".", ",")


@register.filter
def criterion(key: str) -> str:
    """The German name of a scoring criterion ("purpose" → "Passt zum Zweck des Fonds")."""
    from teilhabe.funding.models import Criterion

    return str(Criterion(key).label) if key in Criterion.values else key
