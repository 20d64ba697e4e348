"""`{{ code|language_name }}`: a language's name in the reader's language (offers/languages.py)."""

from django import template

from teilhabe.offers import languages

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    return languages.name(code)
