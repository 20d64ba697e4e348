"""Translations of the demo's public texts, read from ``seeds/translations.json``.

They are stored through ``plans.services.translations.contents_translate``, which writes only the
localized columns (``title_ar``, ``description_en`` …) in bulk, never the German ones: what "a
published Bilanz never changes" protects is the German original and the documents stored at
publication, and both stay as they are, so the published Bilanz 2017 may be translated too.

The file names each object by what stays the same from one load to the next (see ``KINDS``):
plan slug, field number, measure number, report date, German milestone title. A key that matches
no object is reported, not ignored in silence; a mistake in the file itself (an unknown kind or
language, a field that is not translatable, a text too long for its column) raises ValueError.
"""

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.utils import translation

from teilhabe.plans.models import (
    Example,
    FieldOfAction,
    Measure,
    Milestone,
    Plan,
    ProgressEntry,
    ProgressReport,
)
from teilhabe.plans.services.translations import TranslationChange, contents_translate
from teilhabe.plans.translations import (
    SOURCE_LANGUAGE,
    column,
    german_text,
    target_languages,
    translated_fields,
)

TRANSLATIONS_FILE = Path(__file__).parent / "seeds" / "translations.json"

logger = logging.getLogger(__name__)

_M = TypeVar("_M", bound=models.Model)


@dataclass(frozen=True)
class Kind(Generic[_M]):
    """How the file names objects of one model, and how to find them."""

    model: type[_M]
    objects: Callable[[set[str]], models.QuerySet[_M]]  # plan slugs → candidates
    key: Callable[[_M], str]
    plan: Callable[[_M], Plan]


# Each kind is of its own model.
KINDS: dict[str, Kind[Any]] = {
    "plan": Kind(
        Plan,
        lambda slugs: Plan.objects.filter(slug__in=slugs),
        lambda o: o.slug,
        lambda o: o,
    ),
    "field": Kind(
        FieldOfAction,
        lambda slugs: FieldOfAction.objects.filter(plan__slug__in=slugs).select_related("plan"),
        lambda o: f"{o.plan.slug}/{o.number}",
        lambda o: o.plan,
    ),
    "measure": Kind(
        Measure,
        lambda slugs: Measure.objects.filter(field__plan__slug__in=slugs).select_related(
            "field__plan"
        ),
        lambda o: f"{o.field.plan.slug}/{o.number}",
        lambda o: o.field.plan,
    ),
    "report": Kind(
        ProgressReport,
        lambda slugs: ProgressReport.objects.filter(plan__slug__in=slugs).select_related("plan"),
        lambda o: f"{o.plan.slug}/{o.as_of.isoformat()}",
        lambda o: o.plan,
    ),
    "entry": Kind(
        ProgressEntry,
        lambda slugs: ProgressEntry.objects.filter(report__plan__slug__in=slugs).select_related(
            "report__plan", "measure"
        ),
        lambda o: f"{o.report.plan.slug}/{o.report.as_of.isoformat()}/{o.measure.number}",
        lambda o: o.report.plan,
    ),
    "example": Kind(
        Example,
        lambda slugs: Example.objects.filter(report__plan__slug__in=slugs).select_related(
            "report__plan", "field"
        ),
        lambda o: (
            f"{o.report.plan.slug}/{o.report.as_of.isoformat()}/{o.field.number}/{o.position}"
        ),
        lambda o: o.report.plan,
    ),
    "milestone": Kind(
        Milestone,
        lambda slugs: Milestone.objects.filter(plan__slug__in=slugs).select_related("plan"),
        lambda o: f"{o.plan.slug}/{german_text(o, 'title')}",
        lambda o: o.plan,
    ),
}


@dataclass
class TranslationResult:
    written: dict[str, int] = field(default_factory=dict)  # language → number of texts
    unmatched: list[str] = field(default_factory=list)  # "measure landkreis-boeblingen/9.9"
    # Translations of a text that is empty in German: skipped, or the portal would show a
    # translation of nothing.
    without_german: list[str] = field(default_factory=list)


def load_translations(path: Path = TRANSLATIONS_FILE) -> dict:
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"{path.name}: doppelte Schlüssel {', '.join(duplicates)}")
        return dict(pairs)

    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)


def _check(model: type[models.Model], name: str, language: str, text: object, where: str) -> None:
    """Mistakes in the file, named with their key (the service would name only the field)."""
    if language not in target_languages():
        raise ValueError(f"{where}: unbekannte Sprache {language!r}")
    if name not in translated_fields(model):
        raise ValueError(f"{where}: {model.__name__}.{name} ist nicht übersetzbar")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: {language}/{name} ist kein Text")
    localized = model._meta.get_field(column(name, language))
    max_length = localized.max_length if isinstance(localized, models.Field) else None
    if max_length is not None and len(text) > max_length:
        raise ValueError(f"{where}: {language}/{name} ist länger als {max_length} Zeichen")


def _objects_by_key(kind_name: str, kind: Kind[_M], keys: Iterable[str]) -> dict[str, _M]:
    objects: dict[str, _M] = {}
    for obj in kind.objects({key.split("/", 1)[0] for key in keys}):
        key = kind.key(obj)
        if key in objects:
            raise ValueError(f"{kind_name} {key}: der Schlüssel passt auf mehrere Objekte")
        objects[key] = obj
    return objects


@transaction.atomic
def apply_translations(data: dict | None = None) -> TranslationResult:
    """Store the translations of `data` (default: the demo's file); German stays untouched.

    One query per kind finds the objects; then one call of the translation service per plan and
    language, which writes each kind in bulk (with history) and touches the plan once.
    """
    data = load_translations() if data is None else data
    result = TranslationResult()
    plans: dict[int, Plan] = {}
    changes: dict[tuple[int, str], list[TranslationChange]] = {}
    with translation.override(SOURCE_LANGUAGE):
        for kind_name, entries in data.items():
            if kind_name.startswith("_"):
                continue
            if kind_name not in KINDS:
                raise ValueError(f"unbekannte Art {kind_name!r}")
            kind = KINDS[kind_name]
            objects = _objects_by_key(kind_name, kind, entries)
            for key, languages in entries.items():
                where = f"{kind_name} {key}"
                obj = objects.get(key)
                if obj is None:
                    result.unmatched.append(where)
                    continue
                plan = plans.setdefault(kind.plan(obj).pk, kind.plan(obj))
                for language, texts in languages.items():
                    for name, text in texts.items():
                        _check(kind.model, name, language, text, where)
                        if not german_text(obj, name):
                            result.without_german.append(f"{where} {language}/{name}")
                            continue
                        changes.setdefault((plan.pk, language), []).append(
                            TranslationChange(kind.model, obj.pk, name, text)
                        )
    for (plan_id, language), plan_changes in changes.items():
        written = contents_translate(
            plan=plans[plan_id], language=language, changes=plan_changes, by=None
        )
        result.written[language] = result.written.get(language, 0) + written
    return result


def apply_demo_translations() -> TranslationResult:
    """The demo's translations; what found nothing is logged (and fails the tests)."""
    result = apply_translations()
    for where in result.unmatched:
        logger.warning("Demo-Übersetzung ohne passendes Objekt: %s", where)
    for where in result.without_german:
        logger.warning("Demo-Übersetzung eines Texts, der auf Deutsch leer ist: %s", where)
    return result
