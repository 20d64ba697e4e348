"""Bulk loading with PostgreSQL's COPY through psycopg 3.

Rows are given for the columns the generator cares about; every other concrete field of the
model gets its default, so a field added by a later migration does not break the generator.

Translated fields (django-modeltranslation: ``title_de``, ``title_en`` …): the German column
gets the base column's value, as a save with German active writes it (modeltranslation reads
``title_de`` for German); the other languages stay NULL (not translated), as a new plan has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection
from django.utils import timezone


def _default(field):
    value = field.get_default()
    if value is None and not field.null:
        internal = field.get_internal_type()
        if internal == "DateTimeField":
            return timezone.now()
        if internal in ("CharField", "TextField", "SlugField", "EmailField"):
            return ""
    return field.get_db_prep_save(value, connection)


def _german_copies(model, attnames: Sequence[str]) -> list[tuple[str, int]]:
    """(German column's attname, index of its base column in `attnames`) of translated fields."""
    from django.conf import settings
    from modeltranslation.translator import NotRegistered, translator
    from modeltranslation.utils import build_localized_fieldname

    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [
        (build_localized_fieldname(name, language), attnames.index(name))
        for name in translated
        if name in attnames and build_localized_fieldname(name, language) not in attnames
    ]


def _is_translation(field) -> bool:
    from modeltranslation.fields import TranslationField

    return isinstance(field, TranslationField)


def translation_columns(model) -> list[str]:
    """Attnames of the model's per-language columns (empty when it is not translated)."""
    return [f.attname for f in model._meta.concrete_fields if _is_translation(f)]


def copy_rows(model, attnames: Sequence[str], rows: Iterable[tuple]) -> int:
    """COPY `rows` (tuples in the order of `attnames`) into the model's table; returns the count.

    Must run inside the caller's transaction (the generator's `transaction.atomic`).
    """
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    unknown = set(attnames) - set(by_attname)
    if unknown:
        raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
    german = _german_copies(model, attnames)
    if german:
        indexes = [index for _attname, index in german]
        attnames = [*attnames, *(attname for attname, _index in german)]
        rows = (row + tuple(row[i] for i in indexes) for row in rows)
    extra_fields = [f for f in model._meta.concrete_fields if f.attname not in attnames]
    # A translation column left out is "not translated": NULL, never the field's default (which
    # modeltranslation computes by activating that language, catalogue and all).
    extra_values = tuple(None if _is_translation(f) else _default(f) for f in extra_fields)
    columns = [by_attname[a].column for a in attnames] + [f.column for f in extra_fields]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN"
    count = 0
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        if extra_values:
            for row in rows:
                copy.write_row(row + extra_values)
                count += 1
        else:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def reset_sequences(models) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
