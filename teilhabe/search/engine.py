"""The search query on each database: matching entry ids, best first, and how many there are.

One statement per search. It only touches the full-text index (GIN on PostgreSQL, FTS5 on
SQLite) and the index rows it finds; the count comes from a window over the ranked ids, so no
second pass is needed.

Ranking and counting cost a visit to every matching row, and a word like "Arbeit" matches a
hundred thousand rows across a Land. So at most CANDIDATES matches (in index order) are ranked
and counted; beyond that the page says "more than …" and asks the reader to narrow the search
with a filter, which the index answers exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from .models import Kind
from .text import GERMAN, Query

CANDIDATES = 1000


@dataclass(frozen=True)
class Filters:
    organization_id: int | None = None
    field_number: int | None = None
    status: str = ""
    lead_unit_id: int | None = None
    lead_organization_id: int | None = None


def _conditions(filters: Filters, language: str) -> tuple[list[str], list]:
    """SQL conditions on the entry table (alias e) for the reader's language and the filters."""
    if language == GERMAN:
        conditions, params = ["e.language = %s"], [GERMAN]
    else:
        # The reader's own text where there is one, German otherwise: each object once.
        conditions = ["(e.language = %s OR (e.language = %s AND e.shadowed_by NOT LIKE %s))"]
        params = [language, GERMAN, f"%,{language},%"]
    if filters.organization_id is not None:
        conditions.append("e.organization_id = %s")
        params.append(filters.organization_id)
        if filters.field_number is not None:
            conditions.append("e.field_number = %s")
            params.append(filters.field_number)
    if filters.status:
        conditions.append("e.kind = %s AND e.status = %s")
        params += [Kind.MEASURE, filters.status]
    if filters.lead_unit_id is not None:
        conditions.append("e.lead_unit_id = %s")
        params.append(filters.lead_unit_id)
    if filters.lead_organization_id is not None:
        conditions.append("e.lead_organization_id = %s")
        params.append(filters.lead_organization_id)
    return conditions, params


def _tsquery(query: Query) -> tuple[str, list]:
    """A tsquery built by the database from the reader's words (each passed as a parameter):
    the terms ANDed, each term's stems in every searched language ORed."""
    groups, params = [], []
    for options in query.tsquery_parts():
        calls = []
        for config, word in options:
            calls.append("to_tsquery(%s::regconfig, %s)")
            params += [config, word]
        groups.append("(" + " || ".join(calls) + ")")
    return " && ".join(groups), params


def find(
    query: Query, *, language: str, filters: Filters, offset: int, limit: int
) -> tuple[list[int], int]:
    """(ids of the entries on the page, best first; number of matches, at most
    CANDIDATES + 1 meaning "more than CANDIDATES")."""
    conditions, params = _conditions(filters, language)
    where = " AND ".join(conditions)
    if connection.vendor == "postgresql":
        tsquery, tsquery_params = _tsquery(query)
        # The inner LIMIT stops the scan early and keeps the ranking inside: the window then
        # buffers (id, rank) pairs only.
        sql = (
            "SELECT id, count(*) OVER () FROM ("
            " SELECT e.id, ts_rank(e.vector, q.query) AS rank"
            f" FROM search_entry e, (SELECT {tsquery} AS query) q"
            f" WHERE e.vector @@ q.query AND {where} LIMIT %s"
            ") ranked ORDER BY rank DESC, id LIMIT %s OFFSET %s"
        )
        params = tsquery_params + params
    elif connection.vendor == "sqlite":
        # Weights of the FTS5 columns: title, body, German text of a translated row.
        sql = (
            "SELECT id, count(*) OVER () FROM ("
            " SELECT e.id AS id, bm25(search_fts, 10.0, 2.0, 1.0) AS rank"
            " FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid"
            f" WHERE search_fts MATCH %s AND {where} LIMIT %s"
            ") ranked ORDER BY rank, id LIMIT %s OFFSET %s"
        )
        params = [query.fts5_match(), *params]
    else:
        raise NotImplementedError(f"Keine Volltextsuche für {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, CANDIDATES + 1, limit, offset])
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)
