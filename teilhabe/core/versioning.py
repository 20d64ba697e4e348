"""Optimistic locking: every editable record carries a version; a save names the version the
person started from, and loses to nobody silently."""

from django.db import transaction

from .errors import ConflictError


def save_versioned(instance_or_model, pk, *, expected_version, changes: dict, by, reason: str = ""):
    """Apply `changes` to the row `pk` if its version is still `expected_version`.

    Locks the row for the rest of the surrounding transaction, records the change in the
    history with the person, and returns the updated instance.
    """
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("save_versioned() must run inside transaction.atomic()")
    current = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != int(expected_version):
        raise ConflictError(current)
    for name, value in changes.items():
        setattr(current, name, value)
    # Keys and constraints are enforced by the database; checking them here costs a query each.
    foreign_keys = [f.name for f in model._meta.concrete_fields if f.is_relation]
    current.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
    current.version += 1
    current._history_user = by
    if reason:
        current._change_reason = reason
    current.save()
    return current
