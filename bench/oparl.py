"""OParl sync from the local test server (teilhabe/council/tests/oparl_server.py, started as a
separate process so that its memory and CPU are not counted): papers per second and peak
memory for growing systems, each into a fresh organisation that is removed afterwards.

Speed is measured without tracing (wall time, and the syncing process's CPU time, a reading
that other processes' load distorts less); memory as the growth of the process's peak RSS over
each untraced sync (sizes ascending: flat if one page at a time is held), and as the tracemalloc
peak of a traced second sync of each size (tracing slows the sync down several times).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import tracemalloc

from django.db import connection

from teilhabe.council.oparl.sync import WRITE_EVERY

SIZES = (1_000, 5_000, 10_000)
TRACED_SIZES = SIZES
TARGET_PAPERS_PER_SECOND = 200


def _start_server(papers: int):
    process = subprocess.Popen(
        [sys.executable, "-m", "teilhabe.council.tests.oparl_server", "--papers", str(papers)],
        stdout=subprocess.PIPE,
        text=True,
    )
    url = process.stdout.readline().strip()
    if not url.startswith("http"):
        process.kill()
        raise RuntimeError("the OParl test server did not start")
    return process, url


def _organization(label: str):
    from teilhabe.organizations import services as org_services

    slug = f"bench-oparl-{label}-{time.time_ns() % 10**9}"
    return org_services.organization_create(name=f"Bench OParl {label}", slug=slug, kind="city")


def _remove(organization_ids: list[int]) -> None:
    """Raw deletes: the ORM would write a history row per deleted paper."""
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
    )
    from teilhabe.organizations.models import Organization

    papers = f"SELECT id FROM {Paper._meta.db_table} WHERE organization_id = ANY(%s)"
    committees = f"SELECT id FROM {Committee._meta.db_table} WHERE organization_id = ANY(%s)"
    meetings = f"SELECT id FROM {Meeting._meta.db_table} WHERE committee_id IN ({committees})"
    sources = f"SELECT id FROM {OParlSource._meta.db_table} WHERE organization_id = ANY(%s)"
    statements = [
        f"DELETE FROM {PaperFile._meta.db_table} WHERE paper_id IN ({papers})",
        f"DELETE FROM {Consultation.history.model._meta.db_table} WHERE paper_id IN ({papers})",
        f"DELETE FROM {Consultation._meta.db_table} WHERE paper_id IN ({papers})",
        f"DELETE FROM {AgendaItem._meta.db_table} WHERE meeting_id IN ({meetings})",
        f"DELETE FROM {MeetingFile._meta.db_table} WHERE meeting_id IN ({meetings})",
        f"DELETE FROM {Meeting._meta.db_table} WHERE committee_id IN ({committees})",
        f"DELETE FROM {Paper.history.model._meta.db_table} WHERE organization_id = ANY(%s)",
        f"DELETE FROM {Paper._meta.db_table} WHERE organization_id = ANY(%s)",
        f"DELETE FROM {Committee._meta.db_table} WHERE organization_id = ANY(%s)",
        f"DELETE FROM {SyncRun._meta.db_table} WHERE source_id IN ({sources})",
        f"DELETE FROM {OParlSource._meta.db_table} WHERE organization_id = ANY(%s)",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, [organization_ids])
    for organization in Organization.objects.filter(pk__in=organization_ids):
        organization.delete()


def _sync(papers: int, label: str, *, traced: bool, organizations: list):
    from teilhabe.council.models import OParlSource, SyncStatus
    from teilhabe.council.oparl.sync import sync_source

    process, url = _start_server(papers)
    try:
        organization = _organization(label)
        organizations.append(organization.pk)
        source = OParlSource.objects.create(organization=organization, system_url=url)
        if traced:
            tracemalloc.start()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started, cpu_started = time.perf_counter(), time.process_time()
        run = sync_source(source)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        peak = None
        if traced:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    finally:
        process.terminate()
        process.wait(timeout=10)
    if run.status != SyncStatus.DONE:
        raise RuntimeError(f"sync failed: {run.error}")
    return run, seconds, cpu, rss_growth, peak


def run(results, args) -> None:
    results.heading(
        "OParl sync from the local test server (pages of 50; per paper 1–2 consultations, "
        "1–2 files; a meeting with agenda items per 10 papers)"
    )
    organizations: list[int] = []
    data = []
    try:
        for papers in SIZES:
            run_record, seconds, cpu, rss_growth, _peak = _sync(
                papers, f"{papers}", traced=False, organizations=organizations
            )
            rate = papers / seconds
            counts = run_record.counts
            detail = (
                f"{seconds:.1f} s; CPU of the syncing process {cpu:.1f} s = "
                f"{papers / cpu:.0f} papers/s; {counts['meetings']['created']} meetings, "
                f"{counts['agenda_items']['created']} agenda items, "
                f"{counts['consultations']['created']} consultations, "
                f"{counts['files']['created']} files, {counts.get('requests')} requests"
            )
            results.figure(
                f"OParl sync {papers:,} papers",
                rate,
                "papers/s",
                target=TARGET_PAPERS_PER_SECOND,
                higher_is_better=True,
                detail=detail,
            )
            results.figure(
                f"OParl sync {papers:,} papers: peak RSS growth",
                rss_growth / 2**20,
                "MiB",
                detail="growth of the syncing process's peak resident memory during this sync",
            )
            peak = None
            if papers in TRACED_SIZES:
                _run, _seconds, _cpu, _growth, peak = _sync(
                    papers, f"{papers}-traced", traced=True, organizations=organizations
                )
                results.figure(
                    f"OParl sync {papers:,} papers: peak memory",
                    peak / 2**20,
                    "MiB",
                    detail="tracemalloc peak of the syncing process (traced sync)",
                )
            data.append(
                {
                    "papers": papers,
                    "seconds": seconds,
                    "cpu_seconds": cpu,
                    "papers_per_second": rate,
                    "rss_growth_bytes": rss_growth,
                    "tracemalloc_peak_bytes": peak,
                    "counts": {k: v for k, v in counts.items() if k != "notes"},
                }
            )
    finally:
        _remove(organizations)
    traced = [d for d in data if d["tracemalloc_peak_bytes"]]
    if len(traced) > 1:
        peaks = ", ".join(
            f"{d['papers']:,}: {d['tracemalloc_peak_bytes'] / 2**20:.2f} MiB" for d in traced
        )
        results.line(
            f"   tracemalloc peaks {peaks} (bounded by one write batch of "
            f"{WRITE_EVERY} objects with their embedded ones: flat once the system is larger)"
        )
    results.section("oparl", {"runs": data, "target_papers_per_second": TARGET_PAPERS_PER_SECOND})
