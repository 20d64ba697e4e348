"""Serving requests through Django's real WSGI handler, in-process, and timing them.

The time of a request is the server's part: from the handler's call through rendering, the
middleware stack and closing the response (which sends request_finished), without any client
or network. The handler is the one a WSGI server calls, so the connection handling
(CONN_MAX_AGE, close_old_connections) is production's too.
"""

from __future__ import annotations

import functools
import io
import statistics
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception
from django.db import connection
from django.db.backends.signals import connection_created
from django.test import Client

_exceptions: list[str] = []


def _remember_exception(sender, request=None, **kwargs):
    _exceptions.append(traceback.format_exc())


@functools.cache
def handler() -> WSGIHandler:
    got_request_exception.connect(_remember_exception, dispatch_uid="bench-exceptions")
    return WSGIHandler()


def session_cookie(user) -> str:
    """A logged-in session for `user`, as the Cookie header a browser would send."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def environ(
    path: str,
    query: str = "",
    cookie: str = "",
    *,
    remote_addr: str = "127.0.0.1",
    accept: str = "text/html",
) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": remote_addr,
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT": accept,
        "HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9",
        "HTTP_COOKIE": cookie,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


@dataclass
class Response:
    status: int
    body: bytes
    seconds: float
    error: str = ""
    # CPU time of this process during the request: unlike `seconds` it hardly grows when other
    # processes compete for the CPUs (the database's and the cache's work is not in it).
    cpu_seconds: float = 0.0


def request(path: str, *, cookie: str = "", query: str = "", **options) -> Response:
    """`options`: remote_addr, accept (see environ)."""
    app = handler()
    statuses: list[str] = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    env = environ(path, query, cookie, **options)
    del _exceptions[:]
    started = time.perf_counter()
    cpu_started = time.process_time()
    result = app(env, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    status = int(statuses[0].split()[0])
    return Response(
        status, body, seconds, _exceptions[-1] if _exceptions else "", cpu_seconds=cpu_seconds
    )


@dataclass
class Timing:
    name: str
    durations: list[float] = field(default_factory=list)
    cpu_durations: list[float] = field(default_factory=list)
    wall: float = 0.0
    errors: list[str] = field(default_factory=list)
    # Server time of the failed requests (a statement timeout is one): not in the percentiles
    # above, but in those over all requests.
    error_durations: list[float] = field(default_factory=list)
    # (seconds, succeeded) of every request in the order of the calls.
    sequence: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.durations)

    def percentile(self, p: int) -> float | None:
        if len(self.durations) < 2:
            return self.durations[0] if self.durations else None
        return statistics.quantiles(self.durations, n=100, method="inclusive")[p - 1]

    def percentile_all(self, p: int) -> float | None:
        """Over every request, the failed ones with the time they took before failing."""
        every = self.durations + self.error_durations
        if len(every) < 2:
            return every[0] if every else None
        return statistics.quantiles(every, n=100, method="inclusive")[p - 1]

    @property
    def p50(self):
        return self.percentile(50)

    @property
    def p95(self):
        return self.percentile(95)

    @property
    def cpu_p50(self) -> float | None:
        return statistics.median(self.cpu_durations) if self.cpu_durations else None

    @property
    def per_second(self) -> float | None:
        return self.count / self.wall if self.wall else None

    def as_dict(self) -> dict:
        ms = [round(d * 1000, 2) for d in self.durations]
        return {
            "requests": self.count,
            "p50_ms": round(self.p50 * 1000, 2) if self.durations else None,
            "p95_ms": round(self.p95 * 1000, 2) if self.durations else None,
            "max_ms": max(ms) if ms else None,
            "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
            "requests_per_second": round(self.per_second, 1) if self.per_second else None,
            "cpu_p50_ms": round(self.cpu_p50 * 1000, 2) if self.cpu_durations else None,
            "errors": len(self.errors),
            "p95_all_ms": round(self.percentile_all(95) * 1000, 2)
            if self.durations or self.error_durations
            else None,
        }


def timed(name: str, calls: list[tuple]) -> Timing:
    """Serve each (path, query, cookie) once, in order; a failing request is counted apart.
    A fourth item, a dict, gives the request's options (remote_addr, accept)."""
    timing = Timing(name)
    started = time.perf_counter()
    for path, query, cookie, *options in calls:
        response = request(path, cookie=cookie, query=query, **(options[0] if options else {}))
        if response.status != 200:
            timing.errors.append(f"{response.status} {path}?{query}\n{response.error}")
            timing.error_durations.append(response.seconds)
            timing.sequence.append((response.seconds, False))
            continue
        timing.sequence.append((response.seconds, True))
        timing.durations.append(response.seconds)
        timing.cpu_durations.append(response.cpu_seconds)
    timing.wall = time.perf_counter() - started
    return timing


@contextmanager
def statement_timeout(seconds: float):
    """Let PostgreSQL cancel any statement running longer than `seconds` (the request then
    fails and is reported with its time) instead of one pathological query stalling the run."""
    sql = f"SET statement_timeout = {int(seconds * 1000)}"

    def on_connect(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    connection_created.connect(on_connect, dispatch_uid="bench-statement-timeout")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(sql)
    try:
        yield
    finally:
        connection_created.disconnect(dispatch_uid="bench-statement-timeout")
        if connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
