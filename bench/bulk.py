"""Bulk loading with PostgreSQL's COPY through psycopg 3.

Rows are given for the columns the generator cares about; every other concrete field of the
model gets its default, so a field added by a later migration does not break the generator.
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


def copy_rows(model, attnames: Sequence[str], rows: Iterable[tuple]) -> int:
    """COPY `rows` (tuples in the order of `attnames`) into the model's table; returns the count.

    Must run inside the caller's transaction (the generator's `transaction.atomic`).
    """
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    unknown = set(attnames) - set(by_attname)
    if unknown:
        raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
    extra_fields = [f for f in model._meta.concrete_fields if f.attname not in attnames]
    extra_values = tuple(_default(f) for f in extra_fields)
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
