"""Which texts of the fund are translated for the portal (the call in every portal language,
in plain words), and their history (registered after the translation columns exist, so that
translations are versioned too)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Call, Fund


@register(Fund)
class FundTranslation(TranslationOptions):
    fields = ("name", "purpose")


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "text")


register_history(Fund)
register_history(Call)
