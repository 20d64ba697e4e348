"""Sync one OParl source into the council records: committees, meetings with their agenda
items, papers with their Beratungsfolge and files.

How it stays safe and small:
- Lists are read page by page; every few pages (WRITE_EVERY objects) are written in one
  transaction together with the run's `resume` (which list, the last page written) and counts:
  memory holds a few pages, and an interruption leaves everything written in place and a pointer
  where to go on.
- Every object of a page is checked (mapping.py) before the page's transaction starts. One
  broken object never stops the run: it is skipped, reported in the run's notes with its id and
  a German reason, and kept in the run's `failed` list, which the next run asks for again by id.
  A batch the database refuses (a vendor's duplicate ids) is written again object by object in
  savepoints, so only the refused object is skipped. The counts saved with a run are those of
  what was committed.
- Only what the server cannot give at all (a list page that does not load, a broken `next`
  link) stops the run at that page.
- A failed run with a resume pointer is picked up by the next run (unless it asks for --full),
  which keeps the interrupted run's `modified_since` and server start time, so the incremental
  window has no gap.
- `synced_until` moves only when a run completes: to the server's clock at the start (HTTP Date
  of the first answer) minus a safety margin for clocks and transactions still in flight.

A full run (`--full`, not resumed) that read every list to its end also removes what vanished
upstream without a deletion marker: committees, meetings and papers of the organisation from the
same server whose OParl ids the lists no longer contain are treated as deleted.

Deleted objects (`deleted: true`): committees and meetings are deleted (a committee that also
holds meetings entered by hand only loses its OParl id); a paper that nothing links to is deleted,
one that plans, measures, reports, recommendations, milestones or other records link to is kept
with its links, marked `upstream_deleted` and taken off the public pages (OParl deletes what was
depublished too).

Papers arriving for the first time are matched by reference to papers entered by hand in the
organisation: these get the OParl id and OParl's title, type and date; what OParl does not
carry (motion, reasoning, links, files and consultations entered by hand) stays.
"""

from __future__ import annotations

import copy
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from teilhabe.council.models import (
    AgendaItem,
    Committee,
    Consultation,
    Meeting,
    MeetingFile,
    OParlSource,
    Paper,
    PaperFile,
    SyncRun,
    SyncStatus,
)

from . import mapping
from .client import OParlClient, OParlError, check_url

SYNCED_MODELS = (Committee, Meeting, AgendaItem, Paper, Consultation, PaperFile, MeetingFile)

logger = logging.getLogger(__name__)

SAFETY_MARGIN = timedelta(minutes=10)
# A run still "running" after this long belongs to a process that died.
STALE_AFTER = timedelta(hours=6)
MAX_NOTES = 50
# Objects a run keeps to ask for again in the next run (skipped for a fault of their own).
MAX_FAILED = 1_000
# Objects asked for again by id in one run; the rest wait for the next.
MAX_RETRIES = 200
# Objects written per transaction: pages are collected up to this many (a handful of pages,
# so memory stays flat), then written together; the resume pointer moves with each write.
WRITE_EVERY = 200
# Created objects after which a run refreshes PostgreSQL's table statistics once.
ANALYZE_AFTER = 1_000

# The lists in the order they must be read: meetings need committees, papers need meetings.
LISTS = (
    ("organization", "committees", "Gremien"),
    ("meeting", "meetings", "Sitzungen"),
    ("paper", "papers", "Drucksachen"),
)
LISTS_COUNTS = [(key, counts_key) for key, counts_key, _label in LISTS]
LABELS = {
    "committees": "Gremien",
    "meetings": "Sitzungen",
    "agenda_items": "Tagesordnungspunkte",
    "papers": "Drucksachen",
    "consultations": "Beratungen",
    "files": "Anlagen",
    "meeting_files": "Sitzungsunterlagen",
}
# list key → counts key and the object's word in the notes
KIND_OF_LIST = {"organization": "Organization", "meeting": "Meeting", "paper": "Paper"}
COUNT_KEYS = ("read", "created", "updated", "deleted", "unchanged", "skipped")


def empty_counts() -> dict:
    counts = {key: dict.fromkeys(COUNT_KEYS, 0) for key in LABELS}
    counts["papers"].update(matched=0, kept=0)
    counts["notes"] = []
    # objects skipped for a fault of their own: {"list", "id", "reason"}, asked for next run
    counts["failed"] = []
    return counts


def progress_line(key: str, counts: dict) -> str:
    """'Drucksachen: 400 gelesen (380 neu, …)' for the command and the back office."""
    c = counts.get(key) or {}
    parts = [
        f"{c.get('created', 0)} neu",
        f"{c.get('updated', 0)} geändert",
        f"{c.get('deleted', 0)} gelöscht",
        f"{c.get('unchanged', 0)} unverändert",
    ]
    if c.get("skipped"):
        parts.append(f"{c['skipped']} übersprungen")
    if c.get("matched"):
        parts.append(f"{c['matched']} zugeordnet")
    if c.get("kept"):
        parts.append(f"{c['kept']} gelöscht, aber verknüpft behalten")
    return f"{LABELS[key]}: {c.get('read', 0)} gelesen ({', '.join(parts)})"


def _note(counts, text):
    if len(counts["notes"]) < MAX_NOTES:
        counts["notes"].append(text)


def _failed(counts, list_key: str, oparl_id, reason: str) -> None:
    """Remember an object to ask for again in the next run (once per id)."""
    failed = counts.setdefault("failed", [])
    if not isinstance(oparl_id, str) or len(failed) >= MAX_FAILED:
        return
    if any(entry["id"] == oparl_id for entry in failed):
        return
    failed.append({"list": list_key, "id": oparl_id, "reason": reason[:500]})


def _changed(existing_modified, modified) -> bool:
    return modified is None or existing_modified is None or existing_modified != modified


class SyncAlreadyRunning(OParlError):
    pass


def sync_source(
    source: OParlSource,
    *,
    full: bool = False,
    run: SyncRun | None = None,
    client: OParlClient | None = None,
    progress=None,
    write_every: int = WRITE_EVERY,
) -> SyncRun:
    """Run one sync of `source` (into `run` if the task queue created it already). Never
    raises for a bad server: the run ends failed with a German error and its resume pointer."""
    return _Sync(
        source,
        run=run,
        client=client or OParlClient(),
        progress=progress,
        write_every=write_every,
    ).run(full)


class _Sync:
    def __init__(self, source, *, run, client, progress, write_every=WRITE_EVERY):
        self.source = source
        self.write_every = max(1, write_every)
        self.organization_id = source.organization_id
        self.run_record = run
        self.client = client
        self.progress = progress or (lambda key, counts: None)
        self._analyzed = False
        # objects the previous run skipped for a fault of their own: asked for again
        self.retry: list[dict] = []
        # OParl ids read in this run, per list (for the retries and the full run's sweep)
        self.seen: dict[str, set[str]] = {key: set() for key, _c, _l in LISTS}
        # lists read from their first page to their end without an object lacking its id
        self.complete: set[str] = set()
        self.retry_ids: set[str] = set()
        self.sweep = False
        self.committed: dict = {}

    # -- run bookkeeping --------------------------------------------------------------------

    def _start(self, full: bool) -> dict | None:
        now = timezone.now()
        with transaction.atomic():
            OParlSource.objects.select_for_update().filter(pk=self.source.pk).first()
            others = self.source.runs.filter(status=SyncStatus.RUNNING)
            if self.run_record:
                others = others.exclude(pk=self.run_record.pk)
            for other in others:
                if other.started_at and other.started_at > now - STALE_AFTER:
                    raise SyncAlreadyRunning(
                        f"Für {self.source.system_url} läuft bereits ein Abgleich "
                        f"(seit {timezone.localtime(other.started_at):%d.%m.%Y %H:%M} Uhr)."
                    )
                other.status = SyncStatus.FAILED
                other.error = "Der Abgleich wurde unterbrochen (der Prozess endete unerwartet)."
                other.finished_at = now
                other.save(update_fields=["status", "error", "finished_at"])
            previous = (
                self.source.runs.filter(status__in=[SyncStatus.DONE, SyncStatus.FAILED])
                .exclude(pk=getattr(self.run_record, "pk", None))
                .order_by("-pk")
                .first()
            )
            resume = None
            if (
                not full
                and previous
                and previous.status == SyncStatus.FAILED
                and previous.resume.get("lists")
            ):
                resume = dict(previous.resume, resumed_from=previous.pk)
            run = self.run_record or SyncRun(source=self.source)
            run.status = SyncStatus.RUNNING
            run.started_at = now
            run.finished_at = None
            run.error = ""
            run.counts = empty_counts()
            if resume:
                run.modified_since = resume.get("modified_since") and _parse(
                    resume["modified_since"]
                )
            else:
                run.modified_since = None if full else self.source.synced_until
            run.resume = resume or {}
            run.save()
            self.run_record = run
            self.committed = copy.deepcopy(run.counts)
            if previous and isinstance(previous.counts, dict):
                self.retry = [
                    entry
                    for entry in previous.counts.get("failed") or []
                    if isinstance(entry, dict) and entry.get("list") in KIND_OF_LIST
                ]
            self.retry_ids = {entry["id"] for entry in self.retry}
            self.sweep = full and resume is None
        return resume

    def run(self, full: bool) -> SyncRun:
        try:
            resume = self._start(full)
        except SyncAlreadyRunning as error:
            run = self.run_record or SyncRun(source=self.source)
            run.status, run.error = SyncStatus.FAILED, error.message
            run.started_at = run.finished_at = timezone.now()
            run.save()
            return run
        run = self.run_record
        try:
            if resume is None:
                resume = self._discover(run)
            self._walk(run, resume)
            self._retry_failed(run)
            if self.sweep:
                self._sweep(run, resume)
        except OParlError as error:
            return self._fail(run, error.message)
        except Exception as error:  # a bug must not leave the run "running" forever
            logger.exception("OParl sync of %s failed", self.source.system_url)
            return self._fail(
                run, f"Unerwarteter Fehler beim Abgleich: {type(error).__name__}: {error}"
            )
        with transaction.atomic():
            server_started = _parse(run.resume["server_started"])
            OParlSource.objects.filter(pk=self.source.pk).update(
                synced_until=server_started - SAFETY_MARGIN,
                body_url=run.resume["body_url"],
            )
            self.source.synced_until = server_started - SAFETY_MARGIN
            self.source.body_url = run.resume["body_url"]
            self._carry_retries(run.counts)
            run.status = SyncStatus.DONE
            run.finished_at = timezone.now()
            run.resume = {}
            run.save(update_fields=["status", "finished_at", "resume", "counts"])
        return run

    def _fail(self, run, message: str) -> SyncRun:
        run.status = SyncStatus.FAILED
        run.error = message[:5000]
        run.finished_at = timezone.now()
        # `resume` and `counts` are saved with each page: report what was committed, and keep
        # the objects still waiting to be asked for again.
        run.counts = copy.deepcopy(self.committed) or run.counts
        self._carry_retries(run.counts)
        run.save(update_fields=["status", "error", "finished_at", "counts"])
        return run

    def _carry_retries(self, counts):
        for entry in self.retry:
            if entry["id"] not in self.seen.get(entry["list"], ()):
                _failed(counts, entry["list"], entry["id"], entry.get("reason", ""))
        self.retry = []

    def _save_counts(self, run):
        run.counts["requests"] = self.client.requests
        run.save(update_fields=["resume", "counts"])
        self.committed = copy.deepcopy(run.counts)

    # -- one bad object never stops the run -------------------------------------------------

    def _parse(self, key, raw, counts):
        """The record of one object of list `key`, or None when it is broken (skipped, noted,
        remembered for the next run)."""
        oid = raw.get("id") if isinstance(raw, dict) else None
        # every id only for a full run's sweep; else only those waiting for a retry (memory
        # stays flat however large the system)
        if isinstance(oid, str) and (self.sweep or oid in self.retry_ids):
            self.seen[key].add(oid)
        else:
            self.complete.discard(key)  # an object without id: no sweep of this list
        try:
            item = getattr(mapping, f"parse_{key}")(raw)
        except mapping.InvalidObject as error:
            self._skip_broken(counts, key, oid, f"{error.message} Übersprungen.")
            return None
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError):
            # a shape the checks did not foresee: still only this object is lost
            logger.exception("OParl: unreadable object %s", oid)
            word = mapping.KIND_NAMES[KIND_OF_LIST[key]]
            self._skip_broken(
                counts, key, oid, f"{word} {oid or '(ohne id)'} ist nicht lesbar. Übersprungen."
            )
            return None
        for problem in getattr(item, "problems", ()):
            _note(counts, f"{problem} Ausgelassen; das Übrige wurde übernommen.")
        if getattr(item, "problems", None):
            # written without the broken part, and read again next time
            item.modified = None
            _failed(counts, key, item.oparl_id, item.problems[0])
        return item

    def _skip_broken(self, counts, key, oid, reason):
        counts[dict(LISTS_COUNTS)[key]]["skipped"] += 1
        _note(counts, reason)
        _failed(counts, key, oid, reason)

    def _write(self, key, items, counts) -> dict:
        """Write `items` of list `key`; when the database refuses the batch, object by object,
        skipping (and reporting) only those it refuses. Returns the counts after the write."""
        handler = getattr(self, f"_page_{key}")
        before = copy.deepcopy(counts)
        try:
            with transaction.atomic():
                handler(items, counts)
            return counts
        except DatabaseError:
            if len(items) == 1:
                counts = before
                self._db_refused(key, items[0], counts)
                return counts
            counts = before
        for item in items:
            before = copy.deepcopy(counts)
            try:
                with transaction.atomic():
                    handler([item], counts)
            except DatabaseError:
                counts = before
                self._db_refused(key, item, counts)
        return counts

    def _db_refused(self, key, item, counts):
        logger.warning("OParl: the database refused %s", item.oparl_id, exc_info=True)
        word = mapping.KIND_NAMES[KIND_OF_LIST[key]]
        self._skip_broken(
            counts,
            key,
            item.oparl_id,
            f"{word} {item.oparl_id} konnte nicht gespeichert werden (widersprüchliche oder "
            "doppelte Angaben im Ratsinformationssystem). Übersprungen.",
        )

    # -- discovery: system → body → list URLs ---------------------------------------------

    def _discover(self, run) -> dict:
        response = self.client.get(self.source.system_url)
        server_started = response.server_time or timezone.now()
        data = response.data
        otype = data.get("type") if isinstance(data.get("type"), str) else ""
        if otype.rstrip("/").endswith("/Body"):
            body = data
        elif otype.rstrip("/").endswith("/System"):
            body = self._body_of(data)
        else:
            raise OParlError(
                f"Unter {self.source.system_url} steht kein OParl-System (type: {otype!r:.80})."
            )
        lists = {}
        for key, _counts_key, _label in LISTS:
            lists[key] = check_url(
                body.get(key), what=f"„{key}“", where=f"der Körperschaft {body.get('id')}"
            )
        body_url = check_url(body.get("id"), what="„id“", where="der Körperschaft")
        return {
            "server_started": server_started.isoformat(),
            "modified_since": run.modified_since.isoformat() if run.modified_since else None,
            "body_url": body_url,
            "lists": lists,
            "list": LISTS[0][0],
            # the last page written; None: the list starts from its first page
            "page": None,
        }

    def _body_of(self, system: dict) -> dict:
        body_list = system.get("body")
        check_url(body_list, what="„body“", where=f"des Systems {self.source.system_url}")
        bodies = []
        for page in self.client.pages(body_list):
            for body in page.data:
                if not isinstance(body, dict) or not isinstance(body.get("id"), str):
                    raise OParlError(f"Die Liste der Körperschaften {body_list} ist fehlerhaft.")
                if self.source.body_url and body["id"] == self.source.body_url:
                    return body
                bodies.append(body)
            if len(bodies) > 200:
                break
        if self.source.body_url:
            raise OParlError(
                f"Die Körperschaft {self.source.body_url} gibt es im System "
                f"{self.source.system_url} nicht."
            )
        if len(bodies) == 1:
            return bodies[0]
        if not bodies:
            raise OParlError(f"Das System {self.source.system_url} hat keine Körperschaft.")
        names = "; ".join(f"{b.get('name') or '?'} ({b['id']})" for b in bodies[:10])
        raise OParlError(
            "Das System hat mehrere Körperschaften; bitte die gewünschte als "
            f"OParl-Körperschaft eintragen: {names}"
        )

    # -- the walk over the lists ----------------------------------------------------------

    def _walk(self, run, resume):
        keys = [key for key, _c, _l in LISTS]
        if resume.get("list") not in keys:  # every list was read before the run stopped
            return
        start = keys.index(resume["list"])
        modified_since = resume.get("modified_since")
        for key, counts_key, _label in LISTS[start:]:
            if key == resume.get("list") and resume.get("page"):
                # Read the last written page again (its objects come back as unchanged) and
                # follow its next link afresh: the stored next link may be the broken one.
                url, params = resume["page"], None
            else:
                url = resume["lists"][key]
                params = {"modified_since": modified_since} if modified_since else None
                self.complete.add(key)
            batch, read = [], 0
            for page in self.client.pages(url, params):
                for raw in page.data:
                    item = self._parse(key, raw, run.counts)
                    if item is not None:
                        batch.append(item)
                read += len(page.data)
                if len(batch) < self.write_every and page.next_url:
                    continue  # a few pages per transaction: fewer queries per object
                # The same object twice (a list that shifted while we paged): the later wins.
                items = list({item.oparl_id: item for item in batch}.values())
                with transaction.atomic():
                    run.counts = self._write(key, items, run.counts)
                    run.counts[counts_key]["read"] += read
                    resume["list"], resume["page"] = key, page.url
                    if not page.next_url:
                        following = keys.index(key) + 1
                        resume["list"] = keys[following] if following < len(keys) else None
                        resume["page"] = None
                    run.resume = resume
                    self._save_counts(run)
                batch, read = [], 0
                self._refresh_statistics(run.counts)
                self.progress(counts_key, run.counts)

    def _refresh_statistics(self, counts):
        """After the first thousands of objects of a first sync into nearly empty tables, let
        PostgreSQL count again: planned for empty tables, the foreign-key checks at each commit
        scan whole tables (10,000 papers took four times as long)."""
        written = sum(c.get("created", 0) for c in counts.values() if isinstance(c, dict))
        if self._analyzed or written < ANALYZE_AFTER or connection.vendor != "postgresql":
            return
        tables = [model._meta.db_table for model in SYNCED_MODELS]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        self._analyzed = True

    # -- the objects skipped last time, asked for again --------------------------------------

    def _retry_failed(self, run):
        """Ask for each object the previous run skipped for a fault of its own (and this run
        has not read in its lists) by its id, and write it if it is whole now. An object the
        server no longer has is dropped; one still broken stays on the list."""
        pending, self.retry = self.retry, []
        tried = 0
        for entry in pending:
            key, oid = entry["list"], entry["id"]
            if oid in self.seen[key]:
                continue
            if tried >= MAX_RETRIES:
                self.retry.append(entry)  # carried to the next run
                continue
            tried += 1
            try:
                response = self.client.get(oid)
            except OParlError as error:
                if error.status not in (404, 410):
                    self.retry.append(entry)
                    _note(run.counts, f"{oid} ist noch nicht abrufbar: {error.message}")
                continue
            with transaction.atomic():
                item = self._parse(key, response.data, run.counts)
                counts_key = dict(LISTS_COUNTS)[key]
                run.counts[counts_key]["read"] += 1
                if item is not None:
                    run.counts = self._write(key, [item], run.counts)
                self._save_counts(run)

    # -- a full run removes what vanished upstream -----------------------------------------

    def _sweep(self, run, resume):
        """After a full run that read every list from its first page to its end: committees,
        meetings and papers from the same server that the lists no longer contain vanished
        upstream without a deletion marker; they go as if deleted (linked papers are kept and
        marked)."""
        prefixes = {
            key: "{0.scheme}://{0.netloc}/".format(urlsplit(url))
            for key, url in resume["lists"].items()
        }
        org = self.organization_id
        with transaction.atomic():
            if "paper" in self.complete:
                vanished_pks = [
                    pk
                    for pk, oid in Paper.objects.filter(
                        organization_id=org,
                        oparl_id__startswith=prefixes["paper"],
                        upstream_deleted=False,
                    ).values_list("pk", "oparl_id")
                    if oid not in self.seen["paper"]
                ]
                vanished = list(Paper.objects.select_for_update().filter(pk__in=vanished_pks))
                if vanished:
                    self._delete_papers(vanished, run.counts["papers"])
                    _note(
                        run.counts,
                        f"{len(vanished)} Drucksache(n) gibt es im Ratsinformationssystem nicht "
                        "mehr (ohne Löschvermerk): gelöscht, verknüpfte behalten und markiert.",
                    )
            if "meeting" in self.complete:
                vanished_ids = [
                    pk
                    for pk, oid in Meeting.objects.filter(
                        committee__organization_id=org, oparl_id__startswith=prefixes["meeting"]
                    ).values_list("pk", "oparl_id")
                    if oid not in self.seen["meeting"]
                ]
                if vanished_ids:
                    Meeting.objects.filter(pk__in=vanished_ids).delete()
                    run.counts["meetings"]["deleted"] += len(vanished_ids)
                    _note(
                        run.counts,
                        f"{len(vanished_ids)} Sitzung(en) gibt es im Ratsinformationssystem "
                        "nicht mehr (ohne Löschvermerk): gelöscht.",
                    )
            if "organization" in self.complete:
                vanished_committees = [
                    c
                    for c in Committee.objects.select_for_update().filter(
                        organization_id=org, oparl_id__startswith=prefixes["organization"]
                    )
                    if c.oparl_id not in self.seen["organization"]
                ]
                for committee in vanished_committees:
                    self._delete_committee(committee)
                run.counts["committees"]["deleted"] += len(vanished_committees)
            self._save_counts(run)

    def _delete_committee(self, committee) -> bool:
        """A committee deleted upstream: gone (True), unless it holds meetings entered by hand
        (then it only loses its OParl id)."""
        if committee.meetings.filter(oparl_id__isnull=True).exists():
            committee.oparl_id = None
            committee.save(update_fields=["oparl_id"])
            return False
        committee.delete()
        return True

    # -- committees ------------------------------------------------------------------------

    def _page_organization(self, items, counts):
        c = counts["committees"]
        existing = {
            committee.oparl_id: committee
            for committee in Committee.objects.select_for_update().filter(
                oparl_id__in=[i.oparl_id for i in items]
            )
        }
        by_name = {
            committee.name: committee
            for committee in Committee.objects.select_for_update().filter(
                organization_id=self.organization_id
            )
        }
        for item in items:
            committee = existing.get(item.oparl_id)
            if committee and committee.organization_id != self.organization_id:
                c["skipped"] += 1
                _note(counts, f"{item.oparl_id} gehört bereits einer anderen Organisation.")
                continue
            if item.deleted:
                if committee:
                    if self._delete_committee(committee):
                        by_name.pop(committee.name, None)
                    c["deleted"] += 1
                continue
            if item.skip:
                c["skipped"] += 1
                self._remember_name(item)
                continue
            if committee and not _changed(committee.oparl_modified, item.modified):
                c["unchanged"] += 1
                continue
            if not committee:
                match = by_name.get(item.name)
                if match and not match.oparl_id:
                    committee = match
                else:
                    committee = Committee(organization_id=self.organization_id)
            if committee.name != item.name:
                taken = by_name.get(item.name)
                name = item.name
                if taken and taken.pk != committee.pk:
                    name = _free_name(item.name, item.short_name, by_name)
                by_name.pop(committee.name, None)
                committee.name = name
            by_name[committee.name] = committee
            created = committee.pk is None
            committee.oparl_id = item.oparl_id
            committee.oparl_modified = item.modified
            committee.short_name = item.short_name
            committee.kind = item.kind
            committee.web_url = item.web_url
            committee.start_date = item.start_date
            committee.end_date = item.end_date
            committee.save()
            c["created" if created else "updated"] += 1

    def _remember_name(self, item):
        """A Fraktion's or an office's name, for papers that name it as their originator."""
        names = self.source.body_names
        if item.name and names.get(item.oparl_id) != item.name[:300]:
            names[item.oparl_id] = item.name[:300]
            OParlSource.objects.filter(pk=self.source.pk).update(body_names=names)

    # -- meetings and agenda items ---------------------------------------------------------

    def _page_meeting(self, items, counts):
        c = counts["meetings"]
        ids = [i.oparl_id for i in items]
        existing = {
            m.oparl_id: m
            for m in Meeting.objects.select_for_update()
            .filter(oparl_id__in=ids)
            .select_related("committee")
        }
        committee_ids = dict(
            Committee.objects.filter(
                organization_id=self.organization_id,
                oparl_id__in={o for i in items for o in i.organizations},
            ).values_list("oparl_id", "pk")
        )
        to_create, to_update, changed, delete_ids = [], [], [], []
        for item in items:
            meeting = existing.get(item.oparl_id)
            if meeting and meeting.committee.organization_id != self.organization_id:
                c["skipped"] += 1
                _note(counts, f"{item.oparl_id} gehört bereits einer anderen Organisation.")
                continue
            if item.deleted:
                if meeting:
                    delete_ids.append(meeting.pk)
                    c["deleted"] += 1
                continue
            committee_id = next(
                (committee_ids[o] for o in item.organizations if o in committee_ids), None
            )
            if item.skip or not committee_id:
                c["skipped"] += 1
                continue
            if meeting and not _changed(meeting.oparl_modified, item.modified):
                c["unchanged"] += 1
                continue
            if meeting is None:
                meeting = Meeting(oparl_id=item.oparl_id)
                to_create.append(meeting)
            else:
                to_update.append(meeting)
            meeting.committee_id = committee_id
            meeting.name = item.name
            meeting.starts_at = item.starts_at
            meeting.ends_at = item.ends_at
            meeting.location = item.location
            meeting.cancelled = item.cancelled
            meeting.web_url = item.web_url
            meeting.oparl_modified = item.modified
            changed.append((meeting, item))
        if delete_ids:
            Meeting.objects.filter(pk__in=delete_ids).delete()
        Meeting.objects.bulk_create(to_create)
        Meeting.objects.bulk_update(
            to_update,
            [
                "committee",
                "name",
                "starts_at",
                "ends_at",
                "location",
                "cancelled",
                "web_url",
                "oparl_modified",
            ],
        )
        c["created"] += len(to_create)
        c["updated"] += len(to_update)
        if changed:
            self._agenda_items(changed, counts)
            self._attachments(changed, counts, MeetingFile, "meeting", "meeting_files")

    def _agenda_items(self, changed, counts):
        c = counts["agenda_items"]
        meeting_ids = [meeting.pk for meeting, _item in changed]
        incoming = [a for _m, item in changed for a in item.agenda_items]
        existing = {
            a.oparl_id: a
            for a in AgendaItem.objects.select_for_update().filter(
                Q(meeting_id__in=meeting_ids, oparl_id__isnull=False)
                | Q(oparl_id__in=[a.oparl_id for a in incoming])
            )
        }
        paper_of_consultation = dict(
            Consultation.objects.filter(
                paper__organization_id=self.organization_id,
                oparl_id__in=[a.consultation for a in incoming if a.consultation],
            ).values_list("oparl_id", "paper_id")
        )
        keep, to_create, to_update, claimed = set(), [], [], set()
        for meeting, item in changed:
            for data in item.agenda_items:
                c["read"] += 1
                if data.deleted or not _claim(data, claimed, item, counts):
                    continue
                agenda = existing.get(data.oparl_id)
                if agenda is None:
                    agenda = AgendaItem(oparl_id=data.oparl_id)
                    to_create.append(agenda)
                else:
                    to_update.append(agenda)
                    keep.add(agenda.pk)
                agenda.meeting_id = meeting.pk
                agenda.number = data.number
                agenda.name = data.name
                agenda.public = data.public
                agenda.result = data.result
                agenda.resolution_text = data.resolution_text
                agenda.resolution_file_name = data.resolution_file_name
                agenda.resolution_file_url = data.resolution_file_url
                agenda.position = data.position
                agenda.web_url = data.web_url
                agenda.oparl_modified = data.modified
                paper_id = paper_of_consultation.get(data.consultation)
                if paper_id:  # otherwise the paper's sync sets it (papers come later)
                    agenda.paper_id = paper_id
        stale = [
            a.pk for a in existing.values() if a.pk not in keep and a.meeting_id in meeting_ids
        ]
        if stale:
            AgendaItem.objects.filter(pk__in=stale).delete()
        AgendaItem.objects.bulk_create(to_create)
        AgendaItem.objects.bulk_update(
            to_update,
            [
                "meeting",
                "number",
                "name",
                "public",
                "result",
                "resolution_text",
                "resolution_file_name",
                "resolution_file_url",
                "position",
                "web_url",
                "oparl_modified",
                "paper",
            ],
        )
        c["created"] += len(to_create)
        c["updated"] += len(to_update)
        c["deleted"] += len(stale)
        self._results_follow(to_create + to_update, incoming)

    def _results_follow(self, agendas, incoming):
        """The consultations dealt with under these agenda items take their results: a result
        changed upstream only at the agenda item (the meeting is modified, not the paper)."""
        if not agendas:
            return
        by_pk = {a.pk: a for a in agendas}
        by_oparl_id = {a.oparl_id: a for a in agendas}
        by_consultation = {
            d.consultation: by_oparl_id[d.oparl_id]
            for d in incoming
            if d.consultation and d.oparl_id in by_oparl_id
        }
        consultations = Consultation.objects.select_for_update().filter(
            Q(agenda_item_id__in=list(by_pk))
            | Q(
                oparl_id__in=list(by_consultation),
                paper__organization_id=self.organization_id,
            )
        )
        to_update = []
        for consultation in consultations:
            agenda = by_pk.get(consultation.agenda_item_id) or by_consultation.get(
                consultation.oparl_id
            )
            if agenda is None:
                continue
            if consultation.result != agenda.result or consultation.agenda_item_id != agenda.pk:
                consultation.result = agenda.result
                consultation.agenda_item_id = agenda.pk
                to_update.append(consultation)
        if to_update:
            bulk_update_with_history(
                to_update,
                Consultation,
                ["result", "agenda_item"],
                default_change_reason="OParl",
            )

    # -- papers, consultations, files ------------------------------------------------------

    def _page_paper(self, items, counts):
        c = counts["papers"]
        existing, by_reference = self._locked_papers(items)
        to_create, to_update, changed, deleted = [], [], [], []
        matched = 0
        for item in items:
            paper = existing.get(item.oparl_id)
            if not self._paper_wanted(item, paper, counts, deleted):
                continue
            if paper is None:
                found = self._paper_by_reference(item, by_reference, counts)
                if found is None:
                    continue
                paper, is_match = found
                if is_match:
                    matched += 1
                    to_update.append(paper)
                else:
                    to_create.append(paper)
            else:
                to_update.append(paper)
            _apply_paper(paper, item, by_reference, counts)
            changed.append((paper, item))
        if deleted:
            self._delete_papers(deleted, c)
        _save_papers(to_create, to_update)
        c["created"] += len(to_create)
        c["matched"] += matched
        c["updated"] += len(to_update) - matched
        if changed:
            self._consultations(changed, counts)
            self._attachments(changed, counts, PaperFile, "paper", "files")

    def _locked_papers(self, items) -> tuple[dict[str, Paper], dict[str, Paper]]:
        """The papers of the page's items, locked: by OParl id, and this organisation's by
        reference."""
        existing = {
            p.oparl_id: p
            for p in Paper.objects.select_for_update().filter(
                oparl_id__in=[i.oparl_id for i in items]
            )
        }
        by_reference = {
            p.reference: p
            for p in Paper.objects.select_for_update().filter(
                organization_id=self.organization_id,
                reference__in=[i.reference for i in items if i.reference],
            )
        }
        return existing, by_reference

    def _paper_wanted(self, item, paper: Paper | None, counts, deleted: list[Paper]) -> bool:
        """Whether `item` is to be written (into `paper`, or a paper still to be found when it
        is None). Counts and notes the items that are not, and collects upstream deletions."""
        c = counts["papers"]
        if paper and paper.organization_id != self.organization_id:
            c["skipped"] += 1
            _note(counts, f"{item.oparl_id} gehört bereits einer anderen Organisation.")
            return False
        if item.deleted:
            if paper:
                deleted.append(paper)
            return False
        if item.skip:
            c["skipped"] += 1
            _note(counts, f"Drucksache {item.oparl_id} übersprungen: {item.skip}.")
            return False
        if (
            paper
            and not paper.upstream_deleted
            and not _changed(paper.oparl_modified, item.modified)
        ):
            c["unchanged"] += 1
            return False
        return True

    def _paper_by_reference(
        self, item, by_reference: dict[str, Paper], counts
    ) -> tuple[Paper, bool] | None:
        """For an item whose OParl id no paper has: the paper entered by hand with its
        reference (paper, True), else a new paper (paper, False); None, counted and noted, when
        the reference already belongs to another OParl id."""
        match = by_reference.get(item.reference)
        if match is not None and match.oparl_id:
            counts["papers"]["skipped"] += 1
            _note(
                counts,
                f"Drucksache {item.oparl_id} übersprungen: die Nummer {item.reference} "
                f"hat schon {match.oparl_id}.",
            )
            return None
        if match is not None and match.pk is not None:
            return match, True
        return Paper(organization_id=self.organization_id, public=True), False

    def _delete_papers(self, papers, c):
        """Delete the papers nothing links to; keep and mark the others."""
        ids = [p.pk for p in papers]
        linked = linked_paper_ids(ids)
        keep = [p for p in papers if p.pk in linked]
        for paper in keep:
            paper.upstream_deleted = True
            paper.public = False
            paper.version += 1
        if keep:
            bulk_update_with_history(
                keep,
                Paper,
                ["upstream_deleted", "public", "version"],
                default_change_reason="OParl",
            )
        gone = [pk for pk in ids if pk not in linked]
        if gone:
            for paper in Paper.objects.filter(pk__in=gone):
                paper.delete()  # one by one: history records the deletion
        c["deleted"] += len(gone)
        c["kept"] += len(keep)

    def _consultations(self, changed, counts):
        c = counts["consultations"]
        paper_ids = [paper.pk for paper, _item in changed]
        incoming, existing = _embedded(changed, Consultation, "consultations")
        meetings = {
            oparl_id: (pk, committee_id, starts_at)
            for oparl_id, pk, committee_id, starts_at in Meeting.objects.filter(
                committee__organization_id=self.organization_id,
                oparl_id__in={d.meeting for d in incoming if d.meeting},
            ).values_list("oparl_id", "pk", "committee_id", "starts_at")
        }
        committees = dict(
            Committee.objects.filter(
                organization_id=self.organization_id,
                oparl_id__in={o for d in incoming for o in d.organizations},
            ).values_list("oparl_id", "pk")
        )
        agenda_items = {
            a.oparl_id: a
            for a in AgendaItem.objects.select_for_update().filter(
                meeting__committee__organization_id=self.organization_id,
                oparl_id__in={d.agenda_item for d in incoming if d.agenda_item},
            )
        }
        keep, to_create, to_update, agenda_changed, claimed = set(), [], [], [], set()
        for paper, item in changed:
            for data in item.consultations:
                c["read"] += 1
                if data.deleted or not _claim(data, claimed, item, counts):
                    continue
                consultation = _row_for(data, existing, Consultation, keep, to_create, to_update)
                meeting_id, committee_id, starts_at = meetings.get(data.meeting, (None,) * 3)
                consultation.paper_id = paper.pk
                consultation.meeting_id = meeting_id
                consultation.committee_id = (
                    next((committees[o] for o in data.organizations if o in committees), None)
                    or committee_id
                )
                consultation.date = timezone.localtime(starts_at).date() if starts_at else None
                consultation.role = data.role
                consultation.position = data.position
                consultation.public = paper.public
                consultation.oparl_modified = data.modified
                agenda = agenda_items.get(data.agenda_item)
                consultation.agenda_item_id = agenda.pk if agenda else None
                consultation.result = agenda.result if agenda else ""
                if agenda and agenda.paper_id != paper.pk:
                    agenda.paper_id = paper.pk
                    agenda_changed.append(agenda)
        stale = [x.pk for x in existing.values() if x.pk not in keep and x.paper_id in paper_ids]
        if stale:
            for consultation in Consultation.objects.filter(pk__in=stale):
                consultation.delete()
        if to_create:
            bulk_create_with_history(to_create, Consultation, default_change_reason="OParl")
        if to_update:
            bulk_update_with_history(
                to_update,
                Consultation,
                [
                    "paper",
                    "meeting",
                    "committee",
                    "date",
                    "role",
                    "position",
                    "public",
                    "result",
                    "agenda_item",
                    "oparl_modified",
                ],
                default_change_reason="OParl",
            )
        if agenda_changed:
            AgendaItem.objects.bulk_update(agenda_changed, ["paper"])
        c["created"] += len(to_create)
        c["updated"] += len(to_update)
        c["deleted"] += len(stale)

    def _attachments(self, changed, counts, model, parent, counts_key):
        """The files of the changed papers (PaperFile) or meetings (MeetingFile)."""
        c = counts[counts_key]
        parent_ids = [obj.pk for obj, _item in changed]
        _incoming, existing = _embedded(changed, model, "files", parent)
        keep, to_create, to_update, claimed = set(), [], [], set()
        for obj, item in changed:
            for data in item.files:
                c["read"] += 1
                if data.deleted or not _claim(data, claimed, item, counts):
                    continue
                attachment = _row_for(data, existing, model, keep, to_create, to_update)
                setattr(attachment, f"{parent}_id", obj.pk)
                for name in FILE_FIELDS:
                    setattr(attachment, name, getattr(data, name))
                if model is MeetingFile:
                    attachment.role = data.role or "auxiliary"
                attachment.oparl_modified = data.modified
        stale = [
            f.pk
            for f in existing.values()
            if f.pk not in keep and getattr(f, f"{parent}_id") in parent_ids
        ]
        if stale:
            model.objects.filter(pk__in=stale).delete()
        model.objects.bulk_create(to_create)
        fields = [parent, *FILE_FIELDS, "oparl_modified"]
        if model is MeetingFile:
            fields.append("role")
        model.objects.bulk_update(to_update, fields)
        c["created"] += len(to_create)
        c["updated"] += len(to_update)
        c["deleted"] += len(stale)


FILE_FIELDS = (
    "name",
    "file_name",
    "access_url",
    "download_url",
    "mime_type",
    "size",
    "date",
    "text",
    "position",
    "web_url",
)


def _claim(data, claimed: set, parent, counts) -> bool:
    """Whether `data` (an embedded object) is the first with its id in this write: the same
    consultation or file embedded in two papers of one batch is written once, for the first."""
    if data.oparl_id in claimed:
        _note(
            counts,
            f"{data.oparl_id} steht in mehreren Objekten (zuletzt {parent.oparl_id}); "
            "übernommen beim ersten.",
        )
        return False
    claimed.add(data.oparl_id)
    return True


# Relations of a paper that the sync itself maintains; every other one is a link somebody made.
OWN_RELATIONS = {"consultations", "files", "agenda_items", "history"}


def linked_paper_ids(paper_ids) -> set[int]:
    """Those of `paper_ids` that anything outside the OParl sync points to or links with:
    the paper's many-to-many links and any other model's foreign key to it."""
    linked: set[int] = set()
    if not paper_ids:
        return linked
    for relation in Paper._meta.get_fields():
        if relation.many_to_many and not relation.auto_created:
            through = relation.remote_field.through
            linked |= set(
                through.objects.filter(paper_id__in=paper_ids).values_list("paper_id", flat=True)
            )
        elif relation.auto_created and not relation.concrete:
            name = relation.get_accessor_name() if hasattr(relation, "get_accessor_name") else ""
            if name in OWN_RELATIONS or relation.related_model.__name__.startswith("Historical"):
                continue
            if relation.one_to_many or relation.one_to_one or relation.many_to_many:
                field_name = relation.field.name
                linked |= set(
                    relation.related_model._base_manager.filter(
                        **{f"{field_name}__in": paper_ids}
                    ).values_list(field_name, flat=True)
                )
    return {pk for pk in linked if pk is not None}


def _free_name(name, short_name, taken) -> str:
    candidates = [f"{name} ({short_name})"] if short_name and short_name != name else []
    candidates += [f"{name} ({n})" for n in range(2, 100)]
    for candidate in candidates:
        if candidate[:300] not in taken:
            return candidate[:300]
    return name[:280] + f" ({len(taken)})"


def _parse(value):
    from django.utils.dateparse import parse_datetime

    return parse_datetime(value) if isinstance(value, str) else value


def _apply_paper(paper: Paper, item, by_reference: dict[str, Paper], counts) -> None:
    """Write `item` into `paper`; a new reference only when no other paper of the page has it."""
    if paper.reference != item.reference:
        other = by_reference.get(item.reference)
        if other is not None and other is not paper:
            _note(
                counts,
                f"Drucksache {item.oparl_id}: die neue Nummer {item.reference} ist "
                "schon vergeben; die bisherige bleibt.",
            )
        else:
            by_reference.pop(paper.reference, None)
            paper.reference = item.reference
    by_reference[paper.reference] = paper
    if paper.upstream_deleted:  # it came back upstream
        paper.upstream_deleted = False
        paper.public = True
    paper.oparl_id = item.oparl_id
    paper.oparl_modified = item.modified
    paper.title = item.title
    paper.paper_type = item.paper_type
    paper.paper_type_text = item.paper_type_text
    paper.date = item.date
    paper.web_url = item.web_url
    paper.related_oparl_ids = item.related
    paper.superordinated_oparl_ids = item.superordinated
    paper.subordinated_oparl_ids = item.subordinated
    paper.originator_oparl_ids = item.originators
    paper.under_direction_of_oparl_ids = item.under_direction_of
    if paper.pk:
        paper.version += 1


RELATION_FIELDS = (
    "related_oparl_ids",
    "superordinated_oparl_ids",
    "subordinated_oparl_ids",
    "originator_oparl_ids",
    "under_direction_of_oparl_ids",
)


def _save_papers(to_create: list[Paper], to_update: list[Paper]) -> None:
    if to_create:
        bulk_create_with_history(to_create, Paper, default_change_reason="OParl")
    if to_update:
        bulk_update_with_history(
            to_update,
            Paper,
            [
                "oparl_id",
                "oparl_modified",
                "reference",
                "title",
                "paper_type",
                "paper_type_text",
                "date",
                "web_url",
                *RELATION_FIELDS,
                "upstream_deleted",
                "public",
                "version",
            ],
            default_change_reason="OParl",
        )


def _embedded(changed, model, attribute, parent="paper"):
    """The objects embedded in the changed papers or meetings (consultations or files), and the
    synced rows they may update, by OParl id (locked): those of these parents, and any that
    moved here."""
    parent_ids = [obj.pk for obj, _item in changed]
    incoming = [data for _p, item in changed for data in getattr(item, attribute)]
    existing = {
        row.oparl_id: row
        for row in model.objects.select_for_update().filter(
            Q(**{f"{parent}_id__in": parent_ids}, oparl_id__isnull=False)
            | Q(oparl_id__in=[d.oparl_id for d in incoming])
        )
    }
    return incoming, existing


def _row_for(data, existing, model, keep, to_create, to_update):
    """The synced row for an embedded object: the existing one (kept, to update) or a new one."""
    row = existing.get(data.oparl_id)
    if row is None:
        row = model(oparl_id=data.oparl_id)
        to_create.append(row)
    else:
        keep.add(row.pk)
        to_update.append(row)
    return row
