"""One log line per request: method, path, status, duration, client network.

Written by the application rather than the server so that it looks the same under any server
and carries the client as teilhabe.core.clients sees it (behind the proxy). The address is
shortened to its network (IPv4 /24, IPv6 /48): enough to see an attack coming from one place,
not enough to name a participant. The query string stays out (it carries search terms), and so
do the tokens of password-reset links.
"""

import ipaddress
import logging
import re
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .clients import client_address

logger = logging.getLogger("teilhabe.requests")

_SECRET_PATHS = re.compile(r"^(/passwort-neu/)[^/]+/[^/]+/")


def client_network(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "-"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def loggable_path(path: str) -> str:
    return _SECRET_PATHS.sub(r"\1…/…/", path)


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not logger.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        milliseconds = (time.perf_counter() - started) * 1000
        logger.info(
            "%s %s %d %.1fms client=%s",
            request.method,
            loggable_path(request.path),
            response.status_code,
            milliseconds,
            client_network(client_address(request)),
        )
        return response
