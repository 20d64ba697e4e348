"""Translatable texts of participation, and their history (registered after modeltranslation,
as in plans/translation.py, so that translations are versioned too)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    ParticipationFormat,
    ParticipationProcess,
    Prioritization,
    Recommendation,
    RecommendationItem,
)


@register(ParticipationProcess)
class ProcessTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ParticipationFormat)
class FormatTranslation(TranslationOptions):
    fields = ("title", "theme", "description")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)


@register(RecommendationItem)
class RecommendationItemTranslation(TranslationOptions):
    fields = ("text",)


for model in (ParticipationProcess, ParticipationFormat, RecommendationItem, Prioritization):
    register_history(model)
# Which ideas a recommendation came from and which measures it led to are part of its versions.
register_history(Recommendation, m2m_fields=["ideas", "measures"])
