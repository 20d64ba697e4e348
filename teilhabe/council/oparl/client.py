"""HTTP for OParl 1.1: fetch one JSON object or walk an external object list page by page.

Plain urllib (no extra dependency): every request has a timeout; timeouts, connection errors
and 5xx answers are retried with exponential backoff; anything else that is wrong (4xx, a body
that is not JSON, a list page without `data`, a `next` link that goes in a circle) ends in an
`OParlError` with a German message naming the address, so the sync can stop cleanly.

What real vendor servers send is tolerated where the meaning is clear: raw control characters
inside JSON strings (CC e-gov ALLRIS), and an empty filtered list answered with HTTP 404 or a
bare `[]` (STERNBERG SD.NET) is an empty list.

Addresses: the client refuses hosts that resolve to loopback, link-local, private or otherwise
non-public addresses (the system URL is typed in by a coordinator; it must not reach internal
services), unless the setting OPARL_ALLOW_PRIVATE_ADDRESSES is true (tests, the benchmark, an
installation whose council system runs in its own network). The check runs before any
connection is made, so its message is the same whether a port is open or not, and again on the
connected socket and on every redirect, so a name that resolves differently the second time
(DNS rebinding) or a redirect into the internal network is refused too.
"""

from __future__ import annotations

import email.utils
import http.client
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings

USER_AGENT = "Teilhabe-OParl-Client/1.0 (+https://schema.oparl.org/1.1/)"
# OParl servers answer in kilobytes; a list page of several megabytes is already unusual.
MAX_RESPONSE_BYTES = 50 * 1024 * 1024


class OParlError(Exception):
    """The server or its data is unusable; `message` is German and names the address."""

    def __init__(
        self, message: str, *, url: str = "", retryable: bool = False, status: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.url = url
        self.retryable = retryable
        # the HTTP status of the answer, if there was one
        self.status = status


class AddressRefused(OParlError):
    """The address leads into a loopback, link-local or private network."""


def refused(host: str) -> AddressRefused:
    # The same words whatever is (or is not) listening there: no hint at open ports.
    return AddressRefused(
        f"Die Adresse {host} ist nicht erlaubt: Ratsinformationssysteme werden nur unter "
        "öffentlichen Internetadressen abgefragt, nicht im internen Netz (localhost, "
        "private oder lokale Adressen)."
    )


def private_addresses_allowed() -> bool:
    return bool(getattr(settings, "OPARL_ALLOW_PRIVATE_ADDRESSES", False))


def is_public_address(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_host(url: str) -> None:
    """Refuse `url` when its host is, or resolves to, a non-public address (see above)."""
    if private_addresses_allowed():
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        port = 80
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise OParlError(
            f"Der Name {host} des Ratsinformationssystems ist unbekannt.", url=url
        ) from None
    if not infos or not all(is_public_address(info[4][0]) for info in infos):
        raise refused(host)


def _check_peer(sock, host: str) -> None:
    if private_addresses_allowed():
        return
    try:
        peer = sock.getpeername()[0]
    except OSError:
        return
    if not is_public_address(peer):
        sock.close()
        raise refused(host)


def _through_proxy(connection) -> bool:
    """Whether the connection goes to a proxy (its peer is the proxy, not the server; the
    server's name was checked before): a tunnel (https) or any configured proxy (http)."""
    return bool(getattr(connection, "_tunnel_host", None) or urllib.request.getproxies())


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def connect(self):
        super().connect()
        if not _through_proxy(self):
            _check_peer(self.sock, self.host)


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        super().connect()
        if not _through_proxy(self):
            _check_peer(self.sock, self.host)


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTPConnection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        options = {"context": self._context}
        if hasattr(self, "_check_hostname"):  # Python < 3.12
            options["check_hostname"] = self._check_hostname
        return self.do_open(_GuardedHTTPSConnection, req, **options)


class _GuardedRedirectHandler(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise OParlError(f"Die Weiterleitung nach {newurl!r:.200} ist nicht erlaubt.")
        check_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(
    _GuardedHTTPHandler, _GuardedHTTPSHandler, _GuardedRedirectHandler
)


@dataclass
class Response:
    url: str
    data: dict | list
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

    def get(self, url: str, params: dict | None = None, *, allow_list: bool = False) -> Response:
        """The JSON object at `url` (or a JSON array, if `allow_list`); retried on timeouts,
        network errors and 5xx."""
        url = with_params(check_url(url, what="Die Adresse", where="der Anfrage"), params)
        check_host(url)
        attempt = 0
        while True:
            try:
                return self._get_once(url, allow_list)
            except AddressRefused:
                raise
            except OParlError as error:
                if not error.retryable or attempt >= self.retries:
                    if error.retryable and attempt:
                        raise OParlError(
                            f"{error.message} (auch nach {attempt + 1} Versuchen)",
                            url=url,
                            status=error.status,
                        ) from error
                    raise
            self.sleep(self.backoff * 2**attempt)
            attempt += 1

    def _get_once(self, url: str, allow_list: bool = False) -> Response:
        self.requests += 1
        # get() lets only http(s) addresses through (check_url), so no file: or custom scheme.
        request = urllib.request.Request(  # noqa: S310 - http(s) only, see above
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        try:
            with _opener.open(request, timeout=self.timeout) as response:
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
                status=error.code,
            ) from None
        except OParlError:
            raise
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
            # strict=False: raw control characters inside strings (CC e-gov ALLRIS) are read
            data = json.loads(body, strict=False)
        except RecursionError:
            raise OParlError(
                f"Das Ratsinformationssystem hat unter {url} zu tief verschachteltes JSON geliefert.",
                url=url,
            ) from None
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
        if not isinstance(data, dict) and not (allow_list and isinstance(data, list)):
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

    def page(self, url: str, params: dict | None = None, *, first: bool = False) -> Page:
        """One page of an external object list, checked for the shape OParl prescribes. The
        first page of a filtered list (modified_since) answered with 404 or a bare `[]` is an
        empty page: servers such as STERNBERG SD.NET answer so when nothing changed."""
        filtered = "modified_since=" in with_params(url, params)
        try:
            response = self.get(url, params, allow_list=True)
        except OParlError as error:
            if error.status == 404 and first and filtered:
                return Page(url=error.url or url, self_url=None, data=[], next_url=None, total=0)
            raise
        data = response.data
        where = f"der Liste {response.url}"
        if isinstance(data, list):  # a bare array: the objects, without links
            return Page(url=response.url, self_url=None, data=data, next_url=None, total=None)
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
        current, current_params, first = url, params, True
        while current:
            page = self.page(current, current_params, first=first)
            first = False
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
