"""Translating a plan's public texts into the portal's other languages.

German is the source: every text is written in German first, and a translation is stored in the
text's own column per language (``title_en``, ``description_de_x_ls`` …, see translation.py).
Writing a translation touches only that column — never the German original, nor the version the
German forms lock on — so a published Bilanz may be translated while it stays what the council
received.

What exists and what is missing is read here; the writes are in plans/services/translations.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as content_language

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

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

# The languages' names as German staff read them (settings.LANGUAGES names them in themselves).
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "de-x-ls": "Leichte Sprache",
    "en": "Englisch",
    "tr": "Türkisch",
    "ar": "Arabisch",
    "uk": "Ukrainisch",
}
# "Titel auf Englisch", "Titel in Leichter Sprache".
LANGUAGE_PHRASES = {"de-x-ls": "in Leichter Sprache"}


def target_languages() -> list[str]:
    """Every content language except German, in the order of settings.LANGUAGES."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code) or dict(settings.LANGUAGES).get(code, code)


def language_phrase(code: str) -> str:
    return LANGUAGE_PHRASES.get(code, f"auf {language_name(code)}")


def is_right_to_left(code: str) -> bool:
    return translation.get_language_info(code)["bidi"]


def column(field: str, language: str) -> str:
    """The database column of `field` in `language`, e.g. ``title_de_x_ls``."""
    return build_localized_fieldname(field, language)


def text_in_language(field: str) -> Coalesce:
    """`field` in the active language, else in German, else empty, computed by the database: what
    the model's translated attribute gives, for rows read with `values()` on a queryset with
    `rewrite(False)` (modeltranslation's own `values()` fetches every language's column and picks
    one per row in Python, which was most of the API list's time)."""
    text = models.TextField()
    chosen = [
        NullIf(F(column(field, code)), Value(""), output_field=text)
        for code in dict.fromkeys([content_language(), SOURCE_LANGUAGE])
    ]
    return Coalesce(*chosen, Value(""), output_field=text)


def translated_fields(model) -> tuple[str, ...]:
    """The model's translatable fields, as registered in translation.py (in that order)."""
    return tuple(translator.get_options_for_model(model).fields)


def normalized(text: str | None) -> str:
    """A text as stored: browsers send CRLF line ends; surrounding blanks carry no meaning."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def fingerprint(text: str | None) -> str:
    """A short digest of a stored translation: what a form remembers it started from."""
    return hashlib.sha256(normalized(text).encode()).hexdigest()[:20]


def _has_text(name: str) -> Q:
    # NULL > '' is not true, and every non-empty string sorts after the empty one.
    return Q(**{f"{name}__gt": ""})


def _missing(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


# What is translated, grouped as the back office shows it ------------------------------------------


@dataclass(frozen=True)
class TranslationGroup:
    """The texts of one kind of object in a plan, e.g. all its measures."""

    key: str
    label: str
    model: type[models.Model]
    plan_lookup: str
    ordering: tuple[str, ...]
    related: tuple[str, ...]
    describe: Callable[[models.Model], str]

    @property
    def fields(self) -> tuple[str, ...]:
        return translated_fields(self.model)

    def objects(self, plan) -> models.QuerySet:
        """The group's objects in `plan`, in reading order."""
        return self.model._default_manager.filter(**{self.plan_lookup: plan.pk}).order_by(
            *self.ordering
        )

    def with_source_text(self, plan, pks: list[int] | None = None) -> models.QuerySet:
        """Objects with at least one German text to translate, with what a page shows of them
        (only those with the ids `pks`, if given)."""
        has_any = reduce(or_, (_has_text(column(f, SOURCE_LANGUAGE)) for f in self.fields))
        objects = self.objects(plan).filter(has_any).select_related(*self.related)
        return objects if pks is None else objects.filter(pk__in=pks)

    def untranslated(self, queryset, language: str) -> models.QuerySet:
        """Objects with a German text that has no translation in `language` yet."""
        return queryset.filter(
            reduce(
                or_,
                (
                    _has_text(column(f, SOURCE_LANGUAGE)) & _missing(column(f, language))
                    for f in self.fields
                ),
            )
        )


def german_text(obj, field: str) -> str:
    return getattr(obj, column(field, SOURCE_LANGUAGE)) or ""


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _describe_report(report) -> str:
    state = "veröffentlicht" if report.is_published else "Entwurf"
    return f"Bilanz „{german_text(report, 'title')}“, Stand {_date(report.as_of)} ({state})"


GROUPS: tuple[TranslationGroup, ...] = (
    TranslationGroup("plan", "Plan", Plan, "pk", ("pk",), (), lambda plan: "Der Integrationsplan"),
    TranslationGroup(
        "handlungsfelder",
        "Handlungsfelder",
        FieldOfAction,
        "plan",
        ("number",),
        (),
        lambda field: f"Handlungsfeld {field.number}",
    ),
    TranslationGroup(
        "ziele",
        "Ziele",
        Goal,
        "field__plan",
        ("field__number", "position", "id"),
        ("field",),
        lambda goal: f"Ziel im Handlungsfeld {goal.field.number}",
    ),
    TranslationGroup(
        "massnahmen",
        "Maßnahmen",
        Measure,
        "field__plan",
        ("field__number", "position", "id"),
        ("field",),
        lambda measure: f"Maßnahme {measure.number} (Handlungsfeld {measure.field.number})",
    ),
    TranslationGroup(
        "meilensteine",
        "Meilensteine",
        Milestone,
        "plan",
        ("position", "due_on", "id"),
        (),
        lambda milestone: (
            f"Meilenstein: {milestone.get_kind_display()}"
            + (f", geplant bis {_date(milestone.due_on)}" if milestone.due_on else "")
        ),
    ),
    TranslationGroup(
        "bilanzen",
        "Bilanzen",
        ProgressReport,
        "plan",
        ("-as_of", "-id"),
        (),
        _describe_report,
    ),
    TranslationGroup(
        "beispiele",
        "Beispiele aus den Bilanzen",
        Example,
        "report__plan",
        ("-report__as_of", "-report_id", "field__number", "position", "id"),
        ("report", "field"),
        lambda example: (
            f"Beispiel im Handlungsfeld {example.field.number} – "
            + _describe_report(example.report)
        ),
    ),
    TranslationGroup(
        "umsetzungsstaende",
        "Umsetzungsstände der Bilanzen",
        ProgressEntry,
        "report__plan",
        (
            "-report__as_of",
            "-report_id",
            "measure__field__number",
            "measure__position",
            "measure_id",
        ),
        ("report", "measure"),
        lambda entry: (
            f"Maßnahme {entry.measure.number} {german_text(entry.measure, 'title')} – "
            + _describe_report(entry.report)
        ),
    ),
)
GROUPS_BY_KEY = {group.key: group for group in GROUPS}
GROUPS_BY_MODEL = {group.model: group for group in GROUPS}


# Reads ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    translated: int
    total: int

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.translated + other.translated, self.total + other.total)

    @property
    def complete(self) -> bool:
        return self.translated >= self.total


def translation_progress(plan) -> dict[str, dict[str, Progress]]:
    """How many German texts of the plan each language has, per group: {language: {group: …}}.

    One query per group, whatever the size of the plan and the number of languages."""
    languages = target_languages()
    result: dict[str, dict[str, Progress]] = {language: {} for language in languages}
    for group in GROUPS:
        aggregates = {}
        for i, field in enumerate(group.fields):
            source = _has_text(column(field, SOURCE_LANGUAGE))
            aggregates[f"total_{i}"] = Count("pk", filter=source)
            for j, language in enumerate(languages):
                aggregates[f"done_{i}_{j}"] = Count(
                    "pk", filter=source & _has_text(column(field, language))
                )
        row = group.objects(plan).order_by().aggregate(**aggregates)
        total = sum(row[f"total_{i}"] for i in range(len(group.fields)))
        for j, language in enumerate(languages):
            done = sum(row[f"done_{i}_{j}"] for i in range(len(group.fields)))
            result[language][group.key] = Progress(done, total)
    return result


def progress_total(per_group: dict[str, Progress]) -> Progress:
    return sum(per_group.values(), Progress(0, 0))
