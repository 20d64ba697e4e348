"""Index maintenance: the index follows the public plans, one plan at a time.

Every write to a plan's content bumps `Plan.revision`, every change of the plan itself its
`version`; the index remembers both per plan (`IndexedPlan`). `search_refresh` compares them in
one query and reindexes exactly the public plans that changed, and drops plans that are no
longer public. With nothing changed that one query is all it costs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from teilhabe.plans.models import Plan, PlanStatus

from .documents import Document, plan_documents
from .models import Entry, IndexedPlan
from .text import CONFIGS, GERMAN, stems

CHUNK_PLANS = 20


@dataclass(frozen=True)
class RefreshResult:
    indexed: int
    removed: int
    pending: int


def _stale_plans() -> list[tuple[int, str]]:
    """(id, status) of public plans not indexed in their current state, and of indexed plans
    that are no longer public: one query, run before every search (written out because the
    ORM's compilation of it costs more than its execution)."""
    plans, indexed = Plan._meta.db_table, IndexedPlan._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, p.status FROM {plans} p LEFT JOIN {indexed} s ON s.plan_id = p.id"
            " WHERE (p.status <> %s AND (s.plan_id IS NULL OR s.revision <> p.revision"
            " OR s.version <> p.version)) OR (p.status = %s AND s.plan_id IS NOT NULL)"
            " ORDER BY p.id",
            [PlanStatus.DRAFT, PlanStatus.DRAFT],
        )
        return cursor.fetchall()


def search_refresh(
    *,
    seconds: float | None = None,
    rebuild: bool = False,
    log: Callable[[int, int], object] | None = None,
) -> RefreshResult:
    """Bring the index up to date with the public plans.

    seconds: stop reindexing once this much time has passed, leaving the rest for the next
    call; at least one changed plan is always reindexed. The search page passes a fraction of a
    second so that a reader never waits for a whole Land; the command passes none. Plans that
    stopped being public are always removed at once.
    """
    started = time.monotonic()
    if rebuild:
        _clear()
    stale = _stale_plans()
    hidden = [pk for pk, status in stale if status == PlanStatus.DRAFT]
    changed = [pk for pk, status in stale if status != PlanStatus.DRAFT]
    if hidden:
        with transaction.atomic():
            _delete_entries(hidden)
            IndexedPlan.objects.filter(plan_id__in=hidden).delete()
    # With a time limit plan by plan, so that the limit is kept; otherwise in chunks (fewer
    # queries for a whole Land).
    size = 1 if seconds is not None else CHUNK_PLANS
    done = 0
    while done < len(changed):
        chunk = changed[done : done + size]
        _index_plans(chunk)
        done += len(chunk)
        if log is not None:
            log(done, len(changed))
        if seconds is not None and time.monotonic() - started >= seconds:
            break
    return RefreshResult(indexed=done, removed=len(hidden), pending=len(changed) - done)


@transaction.atomic
def _index_plans(plan_ids: list[int]) -> None:
    # The row lock makes a second refresh of the same plans wait instead of indexing twice,
    # and an editor's write wait until the state recorded below is the state indexed.
    current = {
        pk: (revision, version)
        for pk, revision, version in Plan.objects.select_for_update()
        .filter(pk__in=plan_ids)
        .exclude(status=PlanStatus.DRAFT)
        .order_by("pk")
        .values_list("pk", "revision", "version")
    }
    already = {
        state.plan_id
        for state in IndexedPlan.objects.filter(plan_id__in=current)
        if current[state.plan_id] == (state.revision, state.version)
    }
    todo = [pk for pk in current if pk not in already]
    if not todo:
        return
    _delete_entries(todo)
    IndexedPlan.objects.filter(plan_id__in=todo).delete()
    rows = [row for document in plan_documents(todo) for row in _rows(document)]
    _write(rows)
    IndexedPlan.objects.bulk_create(
        IndexedPlan(plan_id=pk, revision=current[pk][0], version=current[pk][1]) for pk in todo
    )


@dataclass
class _Row:
    entry: Entry
    config: str


def _joined(parts: list[dict], language: str) -> str:
    return "\n".join(p.get(language) or p.get(GERMAN, "") for p in parts).strip()


def _rows(document: Document) -> list[_Row]:
    """The German row, and a row for each language with text of its own."""
    common = {
        "kind": document.kind,
        "object_id": document.object_id,
        "plan_id": document.plan_id,
        "organization_id": document.organization_id,
        "field_number": document.field_number,
        "number": document.number,
        "status": document.status,
        "lead_unit_id": document.lead_unit_id,
        "lead_organization_id": document.lead_organization_id,
    }
    german_title = document.title.get(GERMAN, "")
    german_body = _joined(document.parts, GERMAN)
    languages = document.languages()
    rows = [
        _Row(
            Entry(
                language=GERMAN,
                shadowed_by="".join(f",{code}" for code in languages) + ("," if languages else ""),
                title=german_title,
                body=german_body,
                **common,
            ),
            CONFIGS[GERMAN],
        )
    ]
    rows.extend(
        _Row(
            Entry(
                language=code,
                title=document.title.get(code) or german_title,
                body=_joined(document.parts, code),
                fallback_title=german_title,
                fallback_body=german_body,
                **common,
            ),
            CONFIGS[code],
        )
        for code in languages
    )
    return rows


_COLUMNS = (
    ("kind", "text"),
    ("object_id", "bigint"),
    ("language", "text"),
    ("shadowed_by", "text"),
    ("plan_id", "bigint"),
    ("organization_id", "bigint"),
    ("field_number", "integer"),
    ("number", "text"),
    ("status", "text"),
    ("lead_unit_id", "bigint"),
    ("lead_organization_id", "bigint"),
    ("title", "text"),
    ("body", "text"),
    ("fallback_title", "text"),
    ("fallback_body", "text"),
)
BATCH = 2000


def _write(rows: list[_Row]) -> None:
    if connection.vendor == "postgresql":
        _write_postgresql(rows)
        return
    Entry.objects.bulk_create([row.entry for row in rows], batch_size=500)
    if connection.vendor == "sqlite" and rows:
        ids = [row.entry.pk for row in rows]
        with connection.cursor() as cursor:
            # Ids are never reused, but a flushed test database keeps the FTS5 table's rows.
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid BETWEEN %s AND %s", [min(ids), max(ids)]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, fallback) VALUES (%s, %s, %s, %s)",
                [
                    (
                        row.entry.pk,
                        stems(row.entry.title, row.entry.language),
                        stems(row.entry.body, row.entry.language),
                        stems(f"{row.entry.fallback_title}\n{row.entry.fallback_body}", GERMAN),
                    )
                    for row in rows
                ],
            )


def _write_postgresql(rows: list[_Row]) -> None:
    """Rows as column arrays in one statement per batch; the database computes each vector:
    title A and body B in the row's language, a translated row's German title C and body D."""
    names = ", ".join(name for name, _type in _COLUMNS)
    arrays = ", ".join(f"%s::{sql_type}[]" for _name, sql_type in _COLUMNS)
    sql = (
        f"INSERT INTO search_entry ({names}, vector) SELECT {names},"
        " setweight(to_tsvector(config::regconfig, title), 'A')"
        " || setweight(to_tsvector(config::regconfig, body), 'B')"
        " || setweight(to_tsvector('german', fallback_title), 'C')"
        " || setweight(to_tsvector('german', fallback_body), 'D')"
        f" FROM unnest({arrays}, %s::text[]) AS v({names}, config)"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            columns = [[getattr(row.entry, name) for row in batch] for name, _type in _COLUMNS]
            cursor.execute(sql, [*columns, [row.config for row in batch]])


def _delete_entries(plan_ids: list[int]) -> None:
    if connection.vendor == "sqlite":
        placeholders = ", ".join(["%s"] * len(plan_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid IN "
                f"(SELECT id FROM search_entry WHERE plan_id IN ({placeholders}))",
                plan_ids,
            )
    Entry.objects.filter(plan_id__in=plan_ids).delete()


@transaction.atomic
def _clear() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
    Entry.objects.all().delete()
    IndexedPlan.objects.all().delete()
