"""Translating a plan's public texts into the portal's other languages.

German is the source: every text is written in German first, and a translation is stored in the
text's own column per language (``title_en``, ``description_de_x_ls`` …, see translation.py).
Writing a translation touches only that column — never the German original, nor the version the
German forms lock on — so a published Bilanz may be translated while it stays what the council
received.

Two people may translate the same plan at once. Each form carries a fingerprint of every
translation as the person saw it; a save that finds a different text stored meanwhile refuses
as a whole and names the texts, so the person can compare and decide.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from simple_history.utils import bulk_update_with_history

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.organizations.models import User

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
from .services import touch_plan

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

    def with_source_text(self, plan) -> models.QuerySet:
        """Objects with at least one German text to translate, with what a page shows of them."""
        has_any = reduce(or_, (_has_text(column(f, SOURCE_LANGUAGE)) for f in self.fields))
        return self.objects(plan).filter(has_any).select_related(*self.related)

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


# Writes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationChange:
    """One text typed in one language. `seen` is the fingerprint of the translation the person
    started from; None writes without checking (imports, commands)."""

    model: type[models.Model]
    pk: int
    field: str
    value: str
    seen: str | None = None


@dataclass(frozen=True)
class TranslationConflict:
    """A translation somebody else saved while this person was typing."""

    model: type[models.Model]
    pk: int
    field: str
    current: str


def _check_language(language: str) -> None:
    if language == SOURCE_LANGUAGE:
        raise ServiceError(
            "Deutsch ist die Ausgangssprache. Deutsche Texte ändern Sie beim jeweiligen Eintrag, "
            "nicht bei den Übersetzungen."
        )
    if language not in target_languages():
        raise ServiceError(f"„{language}“ ist keine Sprache des Portals.")


def _check_field(model, field: str) -> None:
    if model not in GROUPS_BY_MODEL:
        raise ServiceError(f"Texte der Art „{model._meta.verbose_name}“ werden nicht übersetzt.")
    if field not in translated_fields(model):
        raise ServiceError(
            f"„{field}“ ist kein übersetzbarer Text der Art „{model._meta.verbose_name}“."
        )


def _check_length(model, name: str, value: str) -> None:
    field = model._meta.get_field(name)
    if field.max_length and len(value) > field.max_length:
        raise ServiceError(
            f"Die Übersetzung von „{field.verbose_name}“ ist zu lang: höchstens "
            f"{field.max_length} Zeichen, eingegeben {len(value)}."
        )


def _locked_rows(model, plan, by_pk: dict[int, list[TranslationChange]]) -> dict:
    """The objects of `model` in `plan` with the ids of `by_pk`, locked, by id; refuses when
    one of them is gone."""
    group = GROUPS_BY_MODEL[model]
    # Locked in a fixed order, so two saves of overlapping pages cannot deadlock.
    rows = {
        obj.pk: obj
        for obj in group.objects(plan)
        .filter(pk__in=by_pk)
        .order_by("pk")
        .select_for_update(of=("self",))
    }
    if len(rows) != len(by_pk):
        raise ServiceError(
            "Einige der Texte gibt es in diesem Plan nicht mehr – vielleicht wurden sie "
            "gerade gelöscht. Bitte laden Sie die Seite neu."
        )
    return rows


def _translate(
    obj, change: TranslationChange, language: str, conflicts: list[TranslationConflict]
) -> str | None:
    """Set the translation of `change` on `obj` and return its column; None when there is
    nothing to change, or when somebody else changed it since it was seen (noted in
    `conflicts`)."""
    name = column(change.field, language)
    value, current = normalized(change.value), normalized(getattr(obj, name))
    if value == current or (change.seen is not None and fingerprint(value) == change.seen):
        return None
    if change.seen is not None and fingerprint(current) != change.seen:
        conflicts.append(TranslationConflict(change.model, change.pk, change.field, current))
        return None
    _check_length(change.model, name, value)
    setattr(obj, name, value)
    return name


@transaction.atomic
def contents_translate(
    *, plan, language: str, changes: Iterable[TranslationChange], by: User | None
) -> int:
    """Store translations of texts of `plan` in `language`; returns how many texts changed.

    All or nothing: refuses with a ConflictError (its `current` lists TranslationConflicts)
    if somebody else saved a different translation of a changed text since the person's
    `seen`. A change whose value is still what the person saw is no change and is skipped, so
    a translation somebody else saved meanwhile survives an untouched field.
    """
    _check_language(language)
    changes = list(changes)
    wanted: dict[type, dict[int, list[TranslationChange]]] = {}
    for change in changes:
        _check_field(change.model, change.field)
        wanted.setdefault(change.model, {}).setdefault(change.pk, []).append(change)

    conflicts: list[TranslationConflict] = []
    count = 0
    writes: dict[type, tuple[list, set[str]]] = {}
    for model, by_pk in wanted.items():
        rows = _locked_rows(model, plan, by_pk)
        changed_objects, changed_columns = [], set()
        for pk, object_changes in by_pk.items():
            obj, obj_changed = rows[pk], False
            for change in object_changes:
                name = _translate(obj, change, language, conflicts)
                if name is None:
                    continue
                changed_columns.add(name)
                count += 1
                obj_changed = True
            if obj_changed:
                changed_objects.append(obj)
        writes[model] = (changed_objects, changed_columns)

    if conflicts:
        raise ConflictError(
            conflicts,
            message=(
                "Einige Übersetzungen wurden inzwischen von einer anderen Person geändert; "
                "gespeichert wurde nichts. Ihre Eingaben sind unten erhalten, daneben steht der "
                "jetzt gespeicherte Text. Wenn Sie erneut speichern, ersetzen Ihre Eingaben ihn."
            ),
        )

    # History rows copy the untranslated field too, which reads the active language: German.
    with translation.override(SOURCE_LANGUAGE):
        for model, (objects, columns) in writes.items():
            if objects:
                bulk_update_with_history(
                    objects,
                    model,
                    sorted(columns),
                    default_user=by,
                    default_change_reason=f"Übersetzung ({language_name(language)})",
                )
    if count:
        touch_plan(plan.pk)
    return count


def plan_of(obj) -> int:
    """The id of the plan a translatable object belongs to."""
    if isinstance(obj, Plan):
        return obj.pk
    for path in ("plan_id", "field.plan_id", "report.plan_id"):
        target = obj
        try:
            for part in path.split("."):
                target = getattr(target, part)
        except AttributeError:
            continue
        return target
    raise TypeError(f"no plan for {type(obj).__name__}")


@transaction.atomic
def content_translate(
    *,
    obj,
    language: str,
    values: dict[str, str],
    by: User | None,
    seen: dict[str, str] | None = None,
) -> int:
    """Store the translations `values` ({field: text}) of one object in `language`.

    `seen` ({field: fingerprint}) names what the person started from; see contents_translate.
    """
    seen = seen or {}
    plan = Plan.objects.get(pk=plan_of(obj))
    return contents_translate(
        plan=plan,
        language=language,
        changes=[
            TranslationChange(type(obj), obj.pk, field, value, seen.get(field))
            for field, value in values.items()
        ],
        by=by,
    )
