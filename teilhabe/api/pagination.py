"""Page-number pagination whose wrong input is a 400, not a silent default, and whose counts of
the big lists are cached until the public content changes."""

import functools
import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# Changes made around the services (the admin, SQL) show in counts after this time at the latest.
COUNT_TIMEOUT = 10 * 60


def _positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ValidationError({name: ["Bitte eine ganze Zahl ab 1 angeben."]})
    return int(raw)


class CachedCountPaginator(Paginator):
    """Counting 237,000 measures through their plans takes longer than serving a page; the
    count is kept under the query and a stamp that changes with the content."""

    def __init__(self, *args, stamp: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.stamp = stamp

    @cached_property
    def count(self):
        query = f"{self.stamp}|{self.object_list.query}"
        key = "api:count:" + hashlib.sha256(query.encode("utf-8")).hexdigest()
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, COUNT_TIMEOUT)
        return count


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"Einträge je Seite (Standard {DEFAULT_PAGE_SIZE}, höchstens {MAX_PAGE_SIZE})."
    )
    page_query_description = "Seitennummer, ab 1."

    def get_page_size(self, request):
        size = _positive_int(request, self.page_size_query_param)
        if size is None:
            return self.page_size
        return min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        count_stamp = getattr(view, "count_stamp", None)
        if count_stamp is not None:
            self.django_paginator_class = functools.partial(
                CachedCountPaginator, stamp=count_stamp()
            )
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound("Diese Seite gibt es nicht: Die Liste hat weniger Seiten.") from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
