"""`{{ level|cell:year }}`: a level's value in a year as the page shows it."""

from django import template

from teilhabe.indicators.formatting import format_value

register = template.Library()


@register.filter
def cell(level, year):
    return level.cell(year)


@register.filter
def indicator_value(value):
    """A value as the reader's language writes it ("1.000", "17,5")."""
    return format_value(value)
