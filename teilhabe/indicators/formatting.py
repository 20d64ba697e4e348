"""Values as the reader's language writes them: "800", "17,5", "1.234" in German."""

from decimal import Decimal

from django.utils.formats import number_format


def format_value(value: Decimal | None) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    # Statistical offices publish one or two decimals; more is noise from a division.
    return number_format(value.quantize(Decimal("0.01")).normalize(), force_grouping=True)


def plain_value(value: Decimal | None) -> str:
    """Dot as the decimal sign, no grouping and no trailing zeros ("800", "17.5"): as programs
    read it, and as a form field takes it back."""
    return "" if value is None else format(Decimal(value).normalize(), "f")
