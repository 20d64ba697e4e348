"""HTTP for OParl 1.1: fetch one JSON object or walk an external object list page by page.

Plain urllib (no extra dependency): every request has a timeout; timeouts, connection errors
and 5xx answers are retried with exponential backoff; anything else that is wrong (4xx, a body
that is not JSON, a list page without `data`, a `next` link that goes in a circle) ends in an
`OParlError` with a German message naming the address, so the sync can stop cleanly.
"""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

USER_AGENT = "Teilhabe-OParl-Client/1.0 (+https://schema.oparl.org/1.1/)"
# OParl servers answer in kilobytes; a list page of several megabytes is already unusual.
MAX_RESPONSE_BYTES = 50 * 1024 * 1024


class OParlError(Exception):
    """The server or its data is unusable; `message` is German and names the address."""

    def __init__(self, message: str, *, url: str = "", retryable: bool = False):
        super().__init__(message)
        self.message = message
        self.url = url
        self.retryable = retryable


@dataclass
class Response:
    url: str
    data: dict
    # The server's clock (HTTP Date header), for the next incremental sync.
    server_time: datetime | None


@dataclass
class Page:
    url: str
    self_url: str | None
    data: list
    next_url: str | None
    total: int | None


def with_params(url: str, params: dict | None) -> str:
    """`url` with `params` added to (or replacing those in) its query string."""
    if not params:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, v) for k, v in params.items() if v is not None]
    return urlunsplit(parts._replace(query=urlencode(query)))


def check_url(value, *, what: str, where: str) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
        raise OParlError(f"{what} in {where} ist keine gültige http(s)-Adresse: {value!r:.200}")
    return value


class OParlClient:
    def __init__(
        self,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep=time.sleep,
    ):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.requests = 0

    def get(self, url: str, params: dict | None = None) -> Response:
        """The JSON object at `url`; retried on timeouts, network errors and 5xx."""
        url = with_params(check_url(url, what="Die Adresse", where="der Anfrage"), params)
        attempt = 0
        while True:
            try:
                return self._get_once(url)
            except OParlError as error:
                if not error.retryable or attempt >= self.retries:
                    if error.retryable and attempt:
                        raise OParlError(
                            f"{error.message} (auch nach {attempt + 1} Versuchen)", url=url
                        ) from error
                    raise
            self.sleep(self.backoff * 2**attempt)
            attempt += 1

    def _get_once(self, url: str) -> Response:
        self.requests += 1
        # get() lets only http(s) addresses through (check_url), so no file: or custom scheme.
        request = urllib.request.Request(  # noqa: S310 - http(s) only, see above
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read(MAX_RESPONSE_BYTES + 1)
                date_header = response.headers.get("Date")
        except urllib.error.HTTPError as error:
            error.close()
            retryable = error.code >= 500 or error.code == 429
            raise OParlError(
                f"Das Ratsinformationssystem hat auf {url} mit dem Fehler HTTP {error.code} "
                "geantwortet.",
                url=url,
                retryable=retryable,
            ) from None
        except TimeoutError:
            raise OParlError(
                f"Das Ratsinformationssystem hat auf {url} nicht innerhalb von "
                f"{self.timeout:g} Sekunden geantwortet.",
                url=url,
                retryable=True,
            ) from None
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise OParlError(
                    f"Das Ratsinformationssystem hat auf {url} nicht innerhalb von "
                    f"{self.timeout:g} Sekunden geantwortet.",
                    url=url,
                    retryable=True,
                ) from None
            raise OParlError(
                f"Das Ratsinformationssystem unter {url} ist nicht erreichbar ({reason}).",
                url=url,
                retryable=True,
            ) from None
        if len(body) > MAX_RESPONSE_BYTES:
            raise OParlError(f"Die Antwort von {url} ist zu groß (über 50 MB).", url=url)
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            where = (
                f" (Zeile {error.lineno}, Spalte {error.colno})"
                if isinstance(error, json.JSONDecodeError)
                else ""
            )
            raise OParlError(
                f"Das Ratsinformationssystem hat unter {url} kein gültiges JSON geliefert{where}.",
                url=url,
            ) from None
        if not isinstance(data, dict):
            raise OParlError(
                f"Unter {url} steht kein OParl-Objekt (erwartet: ein JSON-Objekt, "
                f"erhalten: {type(data).__name__}).",
                url=url,
            )
        server_time = None
        if date_header:
            try:
                server_time = email.utils.parsedate_to_datetime(date_header)
            except (TypeError, ValueError):
                server_time = None
        return Response(url=url, data=data, server_time=server_time)

    def page(self, url: str, params: dict | None = None) -> Page:
        """One page of an external object list, checked for the shape OParl prescribes."""
        response = self.get(url, params)
        data = response.data
        where = f"der Liste {response.url}"
        items = data.get("data")
        if not isinstance(items, list):
            raise OParlError(
                f"In {where} fehlt die Liste „data“ (oder sie ist keine Liste).", url=response.url
            )
        links = data.get("links") or {}
        if not isinstance(links, dict):
            raise OParlError(f"In {where} ist „links“ kein Objekt.", url=response.url)
        next_url = links.get("next") or None
        if next_url is not None:
            check_url(next_url, what="Der Verweis auf die nächste Seite (links.next)", where=where)
        self_url = links.get("self")
        pagination = data.get("pagination") or {}
        total = pagination.get("totalElements") if isinstance(pagination, dict) else None
        return Page(
            url=response.url,
            self_url=self_url if isinstance(self_url, str) else None,
            data=items,
            next_url=next_url,
            total=total if isinstance(total, int) else None,
        )

    def pages(self, url: str, params: dict | None = None):
        """All pages of a list from `url` on. A `next` link back to a page already read (a
        pagination loop) stops the walk before that page is handed out."""
        seen = set()
        current, current_params = url, params
        while current:
            page = self.page(current, current_params)
            seen.add(page.url)
            if page.self_url:  # the first page is often asked for without a page number
                seen.add(page.self_url)
            if page.next_url and (page.next_url in seen or page.next_url == current):
                raise OParlError(
                    f"Die Seitenfolge der Liste ist fehlerhaft: {page.url} verweist mit "
                    f"„next“ auf eine bereits gelesene Seite ({page.next_url}).",
                    url=page.url,
                )
            yield page
            current, current_params = page.next_url, None
