"""Which texts of a plan can be translated, and their history.

modeltranslation adds one column per language (``title_en``, ``title_de_x_ls`` …). The history is
registered here, after the translation fields exist, so that translations are versioned too;
registered in models.py, simple-history would copy only the active language's value.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    Example,
    FieldOfAction,
    Goal,
    Measure,
    Milestone,
    Plan,
    ProgressEntry,
    ProgressReport,
)


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(FieldOfAction)
class FieldOfActionTranslation(TranslationOptions):
    fields = ("title", "motto", "introduction")


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ProgressReport)
class ProgressReportTranslation(TranslationOptions):
    fields = ("title", "introduction", "outlook")


@register(ProgressEntry)
class ProgressEntryTranslation(TranslationOptions):
    fields = ("description",)


@register(Example)
class ExampleTranslation(TranslationOptions):
    fields = ("text",)


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "description")


# The revision only keys caches; it is deliberately not part of the history.
register_history(Plan, excluded_fields=["revision"])
for model in (FieldOfAction, Goal, Measure, Example, Milestone):
    register_history(model)
# The snapshot taken at publication is written once and never changes: no history of it.
register_history(ProgressReport, excluded_fields=["snapshot"])
register_history(ProgressEntry, excluded_fields=["frozen", "frozen_position"])
