"""The load of the topology exercise: virtual users through the load balancer.

Each user is one asyncio task with its own connection (keep-alive, TLS) from its own loopback
address (127.0.<n>.<m>): the proxy forwards that address, so the spam limits and the API limit
count per user as they would on the internet. Four kinds, in the proportions of a public site:

- readers (55 %): start pages, plan, fields, measures, a Bilanz, open data
- searchers (20 %): /suche/ with words from the plan
- API clients (15 %): /api/v1/ lists and details
- coordinators (10 %): signed in, dashboard, measure list, edit a measure (form with version; a
  concurrent save answers with the conflict panel, which is not an error)

An error is any answer ≥ 400 (≥ 500 from the server, or a proxy's 502/503), a lost connection, a
timeout, or a coordinator sent back to the login (a session that another app server did not know).
"""

import asyncio
import random
import re
import statistics
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx

SEARCH_WORDS = ["Sprache", "Integration", "Schule", "Arbeit", "Gesundheit", "Beratung", "Kita"]
API_PATHS = ["/api/v1/plans/", "/api/v1/measures/", "/api/v1/reports/"]
THINK = (0.3, 1.2)


@dataclass
class Figures:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    edits: int = 0
    conflicts: int = 0
    resent: int = 0

    def record(self, kind: str, seconds: float, status: int) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.error_samples) < 12:
            self.error_samples.append(f"{kind}: {what}")

    def total(self) -> int:
        return sum(len(values) for values in self.latencies.values())

    def total_errors(self) -> int:
        return sum(self.errors.values())


class FormReader(HTMLParser):
    """The fields of each POST form, as a browser would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.forms: list[dict[str, str]] = []
        self.in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.in_form, self.fields = True, {}
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields[name] = a.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self.fields[self._select] = value

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields.setdefault(self._select, "")
            self._select = None
        elif tag == "form" and self.in_form:
            self.forms.append(self.fields)
            self.in_form = False


def form_fields(html: str) -> dict[str, str]:
    """The page's largest POST form (not the sign-out button in the header)."""
    reader = FormReader()
    reader.feed(html)
    return max(reader.forms, key=len, default={})


async def timed(client, figures, kind, method, url, *, ok=(200,), **kwargs):
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.TransportError as error:
        if method != "POST" and not isinstance(error, httpx.RemoteProtocolError):
            figures.error(kind, f"{method} {url}: {type(error).__name__}")
            return None
        # A GET whose connection closed without an answer (a kept-alive connection closed by
        # the proxy as it was reused, or the request in flight when its server died) is sent
        # again, as browsers do by themselves for idempotent requests. A POST whose server died
        # with the form in flight: haproxy does not resend it (it may have been saved); the
        # person sends it again from the browser's error page, and the form's version makes
        # that safe (saved once, or the conflict panel if the first one was). Both are counted.
        figures.resent += 1
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.HTTPError as error_again:
            figures.error(kind, f"{method} {url}: {type(error).__name__}, {error_again}")
            return None
    except httpx.HTTPError as error:
        figures.error(kind, f"{method} {url}: {type(error).__name__}")
        return None
    figures.record(kind, time.perf_counter() - started, response.status_code)
    if response.status_code not in ok:
        figures.error(kind, f"{method} {url}: {response.status_code}")
        return None
    return response


async def reader(client, figures, urls, stop):
    while time.monotonic() < stop:
        await timed(client, figures, "reader", "GET", random.choice(urls))
        await asyncio.sleep(random.uniform(*THINK))


async def searcher(client, figures, urls, stop):
    while time.monotonic() < stop:
        word = random.choice(SEARCH_WORDS)
        await timed(client, figures, "search", "GET", "/suche/", params={"q": word})
        await asyncio.sleep(random.uniform(*THINK))


async def api_client(client, figures, urls, stop):
    while time.monotonic() < stop:
        await timed(client, figures, "api", "GET", random.choice(API_PATHS))
        await asyncio.sleep(random.uniform(*THINK))


async def coordinator(client, figures, setup, stop):
    base = setup["base"]
    login = await timed(client, figures, "coordinator", "GET", "/anmelden/")
    if login is None:
        return
    fields = form_fields(login.text)
    fields.update(username=setup["email"], password=setup["password"])
    signed_in = await timed(
        client,
        figures,
        "coordinator",
        "POST",
        "/anmelden/",
        data=fields,
        headers={"Referer": base + "/anmelden/"},
        ok=(302,),
    )
    if signed_in is None:
        return
    pages = ["/verwaltung/", setup["measure_list"]]
    while time.monotonic() < stop:
        page = await timed(client, figures, "coordinator", "GET", random.choice(pages))
        if page is not None and "/anmelden/" in str(page.url):
            figures.error("coordinator", "signed out (session unknown to this server)")
            return
        await asyncio.sleep(random.uniform(*THINK))
        edit_url = random.choice(setup["measure_edits"])
        form = await timed(client, figures, "coordinator", "GET", edit_url)
        if form is None:
            continue
        data = form_fields(form.text)
        if "description" not in data:
            figures.error("coordinator", f"no form at {edit_url}")
            continue
        data["description"] = re.sub(r"\s*\[Last \d+\]$", "", data["description"]).rstrip()
        data["description"] += f" [Last {random.randint(1, 9999)}]"
        saved = await timed(
            client,
            figures,
            "coordinator",
            "POST",
            edit_url,
            data=data,
            headers={"Referer": base + edit_url},
            ok=(200, 302, 409),
        )
        if saved is not None:
            if saved.status_code == 302:
                figures.edits += 1
            else:
                figures.conflicts += 1
        await asyncio.sleep(random.uniform(*THINK) * 2)


def source_address(n: int) -> str:
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


async def run_load(setup: dict, users: int, seconds: float, on_tick=None) -> Figures:
    figures = Figures()
    stop = time.monotonic() + seconds
    kinds = []
    for n in range(users):
        share = n % 20
        kinds.append(
            coordinator
            if share < 2
            else api_client
            if share < 5
            else searcher
            if share < 9
            else reader
        )
    clients = []
    tasks = []
    for n, kind in enumerate(kinds):
        transport = httpx.AsyncHTTPTransport(local_address=source_address(n), verify=False)
        client = httpx.AsyncClient(
            base_url=setup["base"], transport=transport, timeout=30.0, follow_redirects=False
        )
        clients.append(client)
        argument = setup if kind is coordinator else setup["read_urls"]
        # Users arrive over the first few seconds, not in one burst.
        tasks.append(
            asyncio.create_task(_delayed(n * 2.0 / users, kind(client, figures, argument, stop)))
        )
    if on_tick is not None:
        tasks.append(asyncio.create_task(on_tick(stop)))
    await asyncio.gather(*tasks)
    for client in clients:
        await client.aclose()
    return figures


async def _delayed(delay, coroutine):
    await asyncio.sleep(delay)
    await coroutine


def summary(figures: Figures, seconds: float) -> list[str]:
    lines = []
    for kind, measured in sorted(figures.latencies.items()):
        values = sorted(measured)

        def p(q: float, values: list[float] = values) -> float:
            return values[min(len(values) - 1, int(q * len(values)))] * 1000

        lines.append(
            f"  {kind:<12} {len(values):6d} requests  {len(values) / seconds:6.1f}/s  "
            f"p50 {p(0.5):6.0f} ms  p95 {p(0.95):6.0f} ms  p99 {p(0.99):6.0f} ms  "
            f"max {values[-1] * 1000:6.0f} ms  errors {figures.errors.get(kind, 0)}"
        )
    everything = [v for values in figures.latencies.values() for v in values]
    if everything:
        lines.append(
            f"  {'all':<12} {len(everything):6d} requests  {len(everything) / seconds:6.1f}/s  "
            f"median {statistics.median(everything) * 1000:.0f} ms  errors {figures.total_errors()}"
        )
    lines.append(
        f"  edits saved {figures.edits}, conflicts shown {figures.conflicts}, forms sent again "
        f"or requests sent again after their connection closed {figures.resent}"
    )
    lines.append(f"  statuses {dict(sorted(figures.statuses.items()))}")
    return lines
