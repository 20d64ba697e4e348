"""Answers to htmx requests that htmx itself would not show: the page's script puts the
message (header X-Teilhabe-Message, percent-encoded UTF-8) into an alert next to the form, so
what the person typed stays where it is."""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url

MESSAGE_HEADER = "X-Teilhabe-Message"
SESSION_EXPIRED = (
    "Ihre Anmeldung ist abgelaufen; es wurde nichts gespeichert. Bitte in einem neuen Tab neu "
    "anmelden und danach hier erneut speichern – Ihre Eingaben bleiben erhalten."
)


def htmx_error(message: str, status: int) -> HttpResponse:
    response = HttpResponse(status=status)
    response[MESSAGE_HEADER] = quote(message)
    return response


class HtmxLoginRedirectMiddleware:
    """A login redirect would put the whole login page into the swapped part of the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        ):
            return htmx_error(SESSION_EXPIRED, 401)
        return response
