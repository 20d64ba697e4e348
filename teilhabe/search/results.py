"""A page of search results, ready for the template: links, labels and marked passages."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString

from teilhabe.plans.models import Plan, ProgressStatus

from .engine import CANDIDATES, Filters, find
from .models import Entry, Kind
from .text import Highlighter, Query

PAGE_SIZE = 20
MAX_PAGE = CANDIDATES // PAGE_SIZE


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    url: str
    title: SafeString
    passage: SafeString
    organization_name: str
    plan_title: str
    status: str
    status_label: str
    # The language of title and passage when it is not the reader's (German for lack of a
    # translation), for `lang` on the element.
    text_language: str | None


@dataclass(frozen=True)
class SearchPage:
    query: Query
    results: list[Result]
    total: int
    page: int

    @property
    def more(self) -> bool:
        """More matches than are ranked: the count shown is a lower bound."""
        return self.total > CANDIDATES

    @property
    def shown_total(self) -> int:
        return min(self.total, CANDIDATES)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, (self.shown_total + PAGE_SIZE - 1) // PAGE_SIZE)

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def previous_page(self) -> int:
        return self.page - 1

    @property
    def next_page(self) -> int:
        return self.page + 1


def _url(entry: Entry, plan: dict) -> str:
    org, slug = plan["organization__slug"], plan["slug"]
    if entry.kind == Kind.MEASURE:
        return reverse("portal:measure", args=[org, slug, entry.object_id])
    if entry.kind == Kind.FIELD:
        return reverse("portal:field", args=[org, slug, entry.field_number])
    if entry.kind == Kind.GOAL:
        # Goals have no page of their own: the field page lists them with an anchor each.
        return reverse("portal:field", args=[org, slug, entry.field_number]) + (
            f"#ziel-{entry.object_id}"
        )
    if entry.kind == Kind.REPORT:
        return reverse("portal:report", args=[org, slug, entry.object_id])
    return reverse("portal:plan", args=[org, slug])


def _display_title(entry: Entry) -> str:
    if entry.kind == Kind.MEASURE and entry.number:
        return f"{entry.number} {entry.title}"
    if entry.kind == Kind.FIELD and entry.number:
        return f"{entry.number}. {entry.title}"
    return entry.title


def search(query: Query, *, language: str, filters: Filters, page: int = 1) -> SearchPage:
    """One page of results: the search, the entries found and their plans (three queries)."""
    offset = (page - 1) * PAGE_SIZE
    ids, total = find(query, language=language, filters=filters, offset=offset, limit=PAGE_SIZE)
    # The match past CANDIDATES only says that there are more.
    ids = ids[: max(0, CANDIDATES - offset)]
    if not ids and page > 1:
        # Past the last page: say how many there are all the same.
        _ids, total = find(query, language=language, filters=filters, offset=0, limit=1)
    if not ids:
        return SearchPage(query=query, results=[], total=total, page=page)
    entries = Entry.objects.defer("vector").in_bulk(ids)
    # Names and addresses as they are now (the index keeps ids only); titles in the reader's
    # language, German where there is no translation.
    plans = {
        plan["pk"]: plan
        for plan in Plan.objects.filter(pk__in={entry.plan_id for entry in entries.values()})
        .order_by()
        .values("pk", "slug", "title", "organization__slug", "organization__name")
    }
    highlighter = Highlighter(query)
    results = []
    for pk in ids:
        entry = entries.get(pk)
        plan = plans.get(entry.plan_id) if entry else None
        if entry is None or plan is None:
            continue
        results.append(
            Result(
                kind=entry.kind,
                kind_label=Kind(entry.kind).label,
                url=_url(entry, plan),
                title=highlighter.title(_display_title(entry)),
                passage=highlighter.passage(entry.body, entry.fallback_body),
                organization_name=plan["organization__name"],
                plan_title=plan["title"] or "",
                status=entry.status,
                status_label=ProgressStatus(entry.status).label if entry.status else "",
                text_language=None if entry.language == language else entry.language,
            )
        )
    return SearchPage(query=query, results=results, total=total, page=page)
