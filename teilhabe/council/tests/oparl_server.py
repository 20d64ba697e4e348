"""A local OParl 1.1 server for the tests and the benchmark: a real HTTP server on 127.0.0.1
(port chosen by the system) serving a generated council information system.

    with OParlTestServer(papers=120) as server:
        sync(server.system_url)
        server.touch("paper", 3, name="Neuer Betreff")   # modified now
        server.delete("paper", 4)                         # soft delete, as OParl prescribes
        server.fail("paper", page=2, mode="error")        # 500 on the second paper page

Objects are generated from their number when asked for, so 10,000 papers cost no memory here.
Failure modes (per list and page, optionally only `times` times): "error" (HTTP 500), "slow"
(answer after `delay` seconds), "invalid_json", "broken_next" (the page's next link leads to a
404), "loop_next" (the next link points back to the first page), "missing_field" (the first
object on the page has no id).

Run alone (for the benchmark): python -m teilhabe.council.tests.oparl_server --papers 10000
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

SCHEMA = "https://schema.oparl.org/1.1/"
LISTS = {"organizations": "organization", "meetings": "meeting", "papers": "paper"}
TYPES = {"organization": "Organization", "meeting": "Meeting", "paper": "Paper"}
PAPER_TYPES = ["Beschlussvorlage", "Mitteilungsvorlage", "Antrag", "Anfrage", "Bericht"]


class Failure:
    def __init__(self, kind, page, mode, times=None, delay=1.0):
        self.kind, self.page, self.mode, self.times, self.delay = kind, page, mode, times, delay

    def use(self) -> bool:
        if self.times is None:
            return True
        if self.times <= 0:
            return False
        self.times -= 1
        return True


class OParlTestServer:
    def __init__(
        self,
        *,
        committees: int = 4,
        meetings: int | None = None,
        papers: int = 120,
        page_size: int = 50,
    ):
        self.counts = {
            # one more organisation than committees: a Fraktion, which is no Gremium
            "organization": committees + 1,
            "meeting": meetings if meetings is not None else max(10, papers // 10),
            "paper": papers,
        }
        self.committees = committees
        self.page_size = page_size
        self.base_time = datetime(2020, 1, 1, tzinfo=UTC)
        self.lock = threading.Lock()
        self.modified: dict[str, dict[int, datetime]] = {k: {} for k in TYPES}
        self.changes: dict[str, dict[int, dict]] = {k: {} for k in TYPES}
        self.deleted: dict[str, set[int]] = {k: set() for k in TYPES}
        self.failures: list[Failure] = []
        self.requests: list[tuple[str, dict]] = []
        self._filter_cache: dict = {}
        self._version = 0
        self._httpd = None
        self._thread = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> OParlTestServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):
                server._handle(self)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/oparl"

    @property
    def system_url(self) -> str:
        return f"{self.base}/system"

    @property
    def body_url(self) -> str:
        return f"{self.base}/body/1"

    def object_id(self, kind: str, index) -> str:
        return f"{self.base}/{kind}/{index}"

    # -- changes between syncs ---------------------------------------------------------------

    def _changed(self):
        self._version += 1
        self._filter_cache.clear()

    def touch(self, kind: str, index: int, **changes):
        """Modify an object now (its `modified` becomes the current time)."""
        with self.lock:
            self.modified[kind][index] = datetime.now(UTC)
            self.changes[kind].setdefault(index, {}).update(changes)
            self._changed()

    def delete(self, kind: str, index: int):
        with self.lock:
            self.modified[kind][index] = datetime.now(UTC)
            self.deleted[kind].add(index)
            self._changed()

    def add(self, kind: str, number: int = 1) -> list[int]:
        with self.lock:
            first = self.counts[kind]
            self.counts[kind] += number
            now = datetime.now(UTC)
            for index in range(first, first + number):
                self.modified[kind][index] = now
            self._changed()
            return list(range(first, first + number))

    def fail(self, kind: str, *, page: int, mode: str, times: int | None = None, delay=1.0):
        """Make page `page` (1-based) of the list of `kind` fail in `mode`."""
        with self.lock:
            self.failures.append(Failure(kind, page, mode, times, delay))

    def clear_failures(self):
        with self.lock:
            self.failures.clear()

    def list_requests(self, kind: str) -> list[dict]:
        """The query parameters of every request for a page of the list of `kind`."""
        return [params for path, params in self.requests if path.endswith("/" + kind + "s")]

    # -- objects -----------------------------------------------------------------------------

    def modified_at(self, kind: str, index: int) -> datetime:
        return self.modified[kind].get(index) or self.base_time + timedelta(minutes=index)

    def _dates(self, kind, index) -> dict:
        return {
            "created": (self.base_time + timedelta(minutes=index)).isoformat(),
            "modified": self.modified_at(kind, index).isoformat(),
        }

    def _committee_name(self, index: int) -> str:
        return "Kreistag" if index == 0 else f"Ausschuss für Thema {index}"

    def organization(self, i: int) -> dict:
        obj = {"id": self.object_id("organization", i), "type": SCHEMA + "Organization"}
        if i >= self.committees:
            obj.update(
                name="Fraktion der Beispielpartei",
                shortName="BP",
                organizationType="Fraktion",
                classification="Fraktion",
            )
        else:
            obj.update(
                name=self._committee_name(i),
                shortName="KT" if i == 0 else f"A{i}",
                organizationType="Gremium",
                classification="Parlament" if i == 0 else "Ausschuss",
                body=self.body_url,
                web=f"https://ris.example.org/gremium/{i}",
            )
        return obj

    def meeting_papers(self, m: int) -> range:
        return range(m, self.counts["paper"], self.counts["meeting"])

    def meeting(self, m: int) -> dict:
        start = datetime(2024, 1, 8, 16, 0, tzinfo=UTC) + timedelta(days=m)
        return {
            "id": self.object_id("meeting", m),
            "type": SCHEMA + "Meeting",
            "name": f"{self._committee_name(m % self.committees)}, Sitzung {m + 1}",
            "start": start.isoformat(),
            "end": (start + timedelta(hours=3)).isoformat(),
            "cancelled": m % 17 == 16,
            "organization": [self.object_id("organization", m % self.committees)],
            "location": {
                "id": self.object_id("location", m),
                "type": SCHEMA + "Location",
                "description": "Sitzungssaal, Landratsamt",
            },
            "agendaItem": [
                {
                    "id": self.object_id("agendaitem", p),
                    "type": SCHEMA + "AgendaItem",
                    "meeting": self.object_id("meeting", m),
                    "number": str(position + 1),
                    "order": position + 1,
                    "name": f"Drucksache {self.reference(p)}",
                    "public": p % 11 != 10,
                    "result": "beschlossen",
                    "consultation": self.object_id("consultation", f"{p}-0"),
                }
                for position, p in enumerate(self.meeting_papers(m))
            ],
            "web": f"https://ris.example.org/sitzung/{m}",
        }

    def reference(self, p: int) -> str:
        return f"{p + 1}/2024"

    def paper(self, p: int) -> dict:
        meetings = self.counts["meeting"]
        m = p % meetings
        consultations = [
            {
                "id": self.object_id("consultation", f"{p}-0"),
                "type": SCHEMA + "Consultation",
                "paper": self.object_id("paper", p),
                "meeting": self.object_id("meeting", m),
                "agendaItem": self.object_id("agendaitem", p),
                "organization": [self.object_id("organization", m % self.committees)],
                "authoritative": True,
                "role": "Beschlussfassung",
            }
        ]
        if p % 3 == 0:
            consultations.insert(
                0,
                {
                    "id": self.object_id("consultation", f"{p}-1"),
                    "type": SCHEMA + "Consultation",
                    "paper": self.object_id("paper", p),
                    "meeting": self.object_id("meeting", (m + 1) % meetings),
                    "organization": [self.object_id("organization", (m + 1) % self.committees)],
                    "authoritative": False,
                    "role": "Vorberatung",
                },
            )
        obj = {
            "id": self.object_id("paper", p),
            "type": SCHEMA + "Paper",
            "body": self.body_url,
            "name": f"Betreff der Drucksache {p + 1}: Integration vor Ort",
            "reference": self.reference(p),
            "date": (datetime(2024, 1, 1) + timedelta(days=p % 300)).date().isoformat(),
            "paperType": PAPER_TYPES[p % len(PAPER_TYPES)],
            "consultation": consultations,
            "mainFile": self._file(p, 0, "Vorlage"),
            "web": f"https://ris.example.org/vorlage/{p}",
        }
        if p % 2 == 0:
            obj["auxiliaryFile"] = [self._file(p, 1, "Anlage 1")]
        return obj

    def _file(self, p, n, name) -> dict:
        return {
            "id": self.object_id("file", f"{p}-{n}"),
            "type": SCHEMA + "File",
            "name": name,
            "fileName": f"vorlage-{p}-{n}.pdf",
            "mimeType": "application/pdf",
            "size": 12345 + p,
            "accessUrl": f"https://ris.example.org/datei/{p}-{n}.pdf",
        }

    def build(self, kind: str, index: int) -> dict:
        dates = self._dates(kind, index)
        if index in self.deleted[kind]:
            return {
                "id": self.object_id(kind, index),
                "type": SCHEMA + TYPES[kind],
                "deleted": True,
                **dates,
            }
        obj = getattr(self, kind)(index)
        obj.update(dates)
        obj.update(self.changes[kind].get(index, {}))
        return obj

    # -- lists -------------------------------------------------------------------------------

    def _indices(self, kind: str, since: datetime | None) -> list[int]:
        key = (kind, since)
        cached = self._filter_cache.get(key)
        if cached is None:
            total = self.counts[kind]
            if since is None:
                cached = range(total)
            else:
                cached = [i for i in range(total) if self.modified_at(kind, i) >= since]
            self._filter_cache[key] = cached
        return cached

    def _list_page(self, path: str, kind: str, params: dict) -> dict:
        since = params.get("modified_since")
        since_dt = datetime.fromisoformat(since) if since else None
        page = int(params.get("page", "1"))
        indices = self._indices(kind, since_dt)
        size = self.page_size
        chunk = indices[(page - 1) * size : page * size]
        total_pages = max(1, -(-len(indices) // size))
        data = [self.build(kind, i) for i in chunk]

        def link(number):
            query = {"page": number}
            if since:
                query["modified_since"] = since
            return f"{self.base}{path}?{urlencode(query)}"

        links = {"first": link(1), "self": link(page), "last": link(total_pages)}
        if page < total_pages:
            links["next"] = link(page + 1)
        return {
            "data": data,
            "pagination": {
                "totalElements": len(indices),
                "elementsPerPage": size,
                "currentPage": page,
                "totalPages": total_pages,
            },
            "links": links,
        }

    # -- HTTP --------------------------------------------------------------------------------

    def _handle(self, handler):
        parts = urlsplit(handler.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path.removeprefix("/oparl")
        with self.lock:
            self.requests.append((path, params))
            kind, status, payload, failure = self._answer(path, params)
        body = None
        if failure:
            status, payload, body = self._spoil(failure, kind, status, payload)
        if body is None:
            body = json.dumps(payload, ensure_ascii=False).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (timeout tests)

    def _answer(self, path: str, params: dict):
        """kind (of a list, else None), status, payload and the failure planned for the page."""
        kind = LISTS.get(path.removeprefix("/body/1/"))
        if not kind:
            payload = self._single(path)
            if payload is None:
                return kind, 404, {"error": "nicht gefunden"}, None
            return kind, 200, payload, None
        page = int(params.get("page", "1")) if params.get("page", "1").isdigit() else 0
        failure = next(
            (
                f
                for f in self.failures
                if f.kind == kind and f.page == page and (f.times is None or f.times > 0)
            ),
            None,
        )
        if failure:
            failure.use()
        if page < 1:
            return kind, 404, {"error": "Seite nicht gefunden"}, failure
        return kind, 200, self._list_page(path, kind, params), failure

    def _spoil(self, failure, kind, status: int, payload):
        """status, payload and a raw body (None: the payload as JSON) spoilt by `failure`."""
        body = None
        if failure.mode == "error":
            status, payload = 500, {"error": "interner Fehler"}
        elif failure.mode == "slow":
            time.sleep(failure.delay)
        elif failure.mode == "invalid_json":
            body = json.dumps(payload).encode()[:-40]
        elif failure.mode == "broken_next" and "next" in payload["links"]:
            payload["links"]["next"] = f"{self.base}/body/1/{kind}s?page=kaputt"
        elif failure.mode == "loop_next" and "next" in payload["links"]:
            payload["links"]["next"] = payload["links"]["first"]
        elif failure.mode == "missing_field" and payload["data"]:
            payload["data"][0] = {k: v for k, v in payload["data"][0].items() if k != "id"}
        return status, payload, body

    def _single(self, path: str) -> dict | None:
        if path == "/system":
            return {
                "id": self.system_url,
                "type": SCHEMA + "System",
                "oparlVersion": SCHEMA,
                "name": "Ratsinformationssystem (Test)",
                "body": f"{self.base}/bodies",
            }
        if path == "/bodies":
            return {"data": [self._body()], "pagination": {"totalElements": 1}, "links": {}}
        if path == "/body/1":
            return self._body()
        for kind in TYPES:
            prefix = f"/{kind}/"
            if path.startswith(prefix) and path[len(prefix) :].isdigit():
                index = int(path[len(prefix) :])
                if index < self.counts[kind]:
                    return self.build(kind, index)
        return None

    def _body(self) -> dict:
        return {
            "id": self.body_url,
            "type": SCHEMA + "Body",
            "system": self.system_url,
            "name": "Landkreis Beispiel",
            "shortName": "LK Beispiel",
            "organization": f"{self.base}/body/1/organizations",
            "meeting": f"{self.base}/body/1/meetings",
            "paper": f"{self.base}/body/1/papers",
            "person": f"{self.base}/body/1/persons",
            "legislativeTerm": [],
            "created": self.base_time.isoformat(),
            "modified": self.base_time.isoformat(),
        }


def main(argv=None):
    parser = argparse.ArgumentParser(description="OParl-Testserver")
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--page-size", type=int, default=50)
    args = parser.parse_args(argv)
    server = OParlTestServer(papers=args.papers, page_size=args.page_size).start()
    print(server.system_url, flush=True)  # noqa: T201 - the command line prints its address
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()


class FixtureServer:
    """Serves a vendor fixture (tests/fixtures/oparl/<vendor>/, see its README) over HTTP on
    127.0.0.1, byte for byte as written (raw control characters included), with `{base}` in
    the files replaced by the server's address.

    `server.json` of a fixture maps request paths (with their query, without modified_since)
    to files: "routes" for plain requests, "filtered" for requests with modified_since, and
    "empty_filtered" says what a filtered list without an entry answers: 404, "[]" or "list"
    (a proper empty list), for all lists or per path ({"*": …, "/path": …}). "stages" holds route overrides that `stage(name)` switches on: the
    upstream changes between two syncs. A request for an object's id answers that object, as
    found in the current stage's list files.
    """

    def __init__(self, vendor: str):
        from pathlib import Path

        self.folder = Path(__file__).parent / "fixtures" / "oparl" / vendor
        self.config = json.loads((self.folder / "server.json").read_text())
        self.current = None
        self.requests: list[str] = []
        self._httpd = None

    def start(self) -> FixtureServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):
                server._handle(self)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def system_url(self) -> str:
        return self.base + self.config["system"]

    def url(self, path: str) -> str:
        return self.base + path

    def stage(self, name: str | None):
        self.current = name

    @staticmethod
    def _key(path: str, query: str) -> tuple[str, bool]:
        pairs = [(k, v) for k, v in sorted(parse_qs(query).items()) if k != "modified_since"]
        filtered = "modified_since" in parse_qs(query)
        flat = urlencode([(k, v[0]) for k, v in pairs])
        return (f"{path}?{flat}" if flat else path), filtered

    def _routes(self, which: str) -> dict:
        routes = dict(self.config.get(which, {}))
        if self.current:
            routes.update(self.config.get("stages", {}).get(self.current, {}).get(which, {}))
        keys = {}
        for route, name in routes.items():
            path, _sep, query = route.partition("?")
            keys[self._key(path, query)[0]] = name
        return keys

    def _file(self, name: str) -> bytes:
        return (self.folder / name).read_bytes().replace(b"{base}", self.base.encode())

    def _object(self, key: str) -> bytes | None:
        """The object whose id is `key`, from the current list files (parsed leniently)."""
        for name in set(self._routes("routes").values()) | set(self._routes("filtered").values()):
            try:
                page = json.loads(self._file(name), strict=False)
            except ValueError:
                continue
            for obj in page.get("data", []) if isinstance(page, dict) else []:
                oid = obj.get("id", "") if isinstance(obj, dict) else ""
                parts = urlsplit(oid)
                if oid.startswith(self.base) and self._key(parts.path, parts.query)[0] == key:
                    return json.dumps(obj, ensure_ascii=False).encode()
        return None

    def _handle(self, handler):
        parts = urlsplit(handler.path)
        key, filtered = self._key(parts.path, parts.query)
        self.requests.append(handler.path)
        status, body = 200, None
        if filtered:
            name = self._routes("filtered").get(key)
            if name:
                body = self._file(name)
            elif key in self._routes("routes"):
                empty = self.config.get("empty_filtered", "list")
                if isinstance(empty, dict):
                    empty = empty.get(parts.path, empty.get("*", "list"))
                if empty == 404:
                    status, body = 404, b'{"error": "Keine Daten"}'
                elif empty == "[]":
                    body = b"[]"
                else:
                    body = b'{"data": [], "pagination": {"totalElements": 0}, "links": {}}'
        if body is None and not filtered:
            name = self._routes("routes").get(key)
            body = self._file(name) if name else self._object(key)
        if body is None:
            status, body = 404, b'{"error": "nicht gefunden"}'
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
