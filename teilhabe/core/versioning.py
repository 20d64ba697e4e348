"""Optimistic locking: every editable record carries a version; a save names the version the
person started from, and loses to nobody silently."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from django.db import models, transaction

from .errors import ConflictError

if TYPE_CHECKING:
    # The ground floor names no app of ours: any user model will do.
    from django.contrib.auth.base_user import AbstractBaseUser as User

_M = TypeVar("_M", bound=models.Model)


class _Versioned(Protocol):
    version: int


def record_as(instance: models.Model, by: User | None, reason: str | None = None) -> None:
    """Name `by` (and `reason`, unless None) in the history row of the instance's next save."""
    # django-simple-history reads these two attributes when it writes the row; the models do
    # not declare them.
    instance._history_user = by  # type: ignore[attr-defined]
    if reason is not None:
        instance._change_reason = reason  # type: ignore[attr-defined]


def save_versioned(
    instance_or_model: _M | type[_M],
    pk: int,
    *,
    expected_version: int | str | None,
    changes: Mapping[str, object],
    by: User | None,
    reason: str = "",
) -> _M:
    """Apply `changes` to the row `pk` if its version is still `expected_version`.

    Locks the row for the rest of the surrounding transaction, records the change in the
    history with the person, and returns the updated instance.
    """
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("save_versioned() must run inside transaction.atomic()")
    current = model._default_manager.select_for_update().get(pk=pk)
    # Every model saved here declares a `version` field.
    versioned = cast(_Versioned, current)
    if expected_version is not None and versioned.version != int(expected_version):
        raise ConflictError(current)
    for name, value in changes.items():
        setattr(current, name, value)
    # Keys and constraints are enforced by the database; checking them here costs a query each.
    foreign_keys = [f.name for f in model._meta.concrete_fields if f.is_relation]
    current.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
    versioned.version += 1
    record_as(current, by, reason or None)
    current.save()
    return current
