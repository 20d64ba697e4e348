"""Malformed input answers a German 4xx page, never a 500 (issue 10: `?q=%00` and a JSON body
nested 100,000 deep answered 500, an empty 405 and a bare English "Bad Request (400)").

- A NUL character in a query parameter or form field is refused here, in one place:
  PostgreSQL cannot store or even compare it, and no person types it.
- Input nested so deep that a parser runs out of recursion is refused as bad input.
- A 405 without a body gets the German page.
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(request: HttpRequest) -> bool:
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return True
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        for key, values in request.POST.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class MalformedInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return render(request, "400.html", status=400)
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            allow = response.get("Allow")
            response = render(request, "405.html", status=405)
            if allow:
                response["Allow"] = allow
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RecursionError):
            # Only input nested deeper than any real document gets a parser this far.
            logger.warning("Refused over-deep input on %s", request.path)
            return render(request, "400.html", status=400)
        return None
