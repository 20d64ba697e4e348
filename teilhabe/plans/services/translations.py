"""Writing translations of a plan's public texts.

Two people may translate the same plan at once. Each form carries a fingerprint of every
translation as the person saw it; a save that finds a different text stored meanwhile refuses
as a whole and names the texts, so the person can compare and decide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import translation
from simple_history.utils import bulk_update_with_history

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.organizations.models import User

from ..models import Plan
from ..translations import (
    GROUPS_BY_MODEL,
    SOURCE_LANGUAGE,
    column,
    fingerprint,
    language_name,
    normalized,
    target_languages,
    translated_fields,
)
from . import touch_plan


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


def _check_field(model: type[models.Model], field: str) -> None:
    if model not in GROUPS_BY_MODEL:
        raise ServiceError(f"Texte der Art „{model._meta.verbose_name}“ werden nicht übersetzt.")
    if field not in translated_fields(model):
        raise ServiceError(
            f"„{field}“ ist kein übersetzbarer Text der Art „{model._meta.verbose_name}“."
        )


def _check_length(model: type[models.Model], name: str, value: str) -> None:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # translated columns are concrete text fields
    if field.max_length and len(value) > field.max_length:
        raise ServiceError(
            f"Die Übersetzung von „{field.verbose_name}“ ist zu lang: höchstens "
            f"{field.max_length} Zeichen, eingegeben {len(value)}."
        )


def _locked_rows(
    model: type[models.Model], plan: Plan, by_pk: dict[int, list[TranslationChange]]
) -> dict[int, models.Model]:
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
    obj: models.Model,
    change: TranslationChange,
    language: str,
    conflicts: list[TranslationConflict],
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
    *, plan: Plan, language: str, changes: Iterable[TranslationChange], by: User | None
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


def plan_of(obj: models.Model) -> int:
    """The id of the plan a translatable object belongs to."""
    if isinstance(obj, Plan):
        return obj.pk
    for path in ("plan_id", "field.plan_id", "report.plan_id"):
        target: Any = obj
        try:
            for part in path.split("."):
                target = getattr(target, part)
        except AttributeError:
            continue
        return int(target)
    raise TypeError(f"no plan for {type(obj).__name__}")


@transaction.atomic
def content_translate(
    *,
    obj: models.Model,
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
