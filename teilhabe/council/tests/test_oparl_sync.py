"""The OParl sync against the local test server: full and incremental sync, deleted objects,
matching by reference, and every failure mode ending in a failed run that the next run
resumes, with the same result as a sync that never stopped."""

from datetime import date

import pytest
from django.utils import timezone

from teilhabe.council.models import (
    AgendaItem,
    Committee,
    CommitteeKind,
    Consultation,
    ConsultationRole,
    Meeting,
    OParlSource,
    Paper,
    PaperFile,
    PaperType,
    SyncStatus,
)
from teilhabe.council.oparl.client import OParlClient
from teilhabe.council.oparl.sync import SAFETY_MARGIN, sync_source

from .oparl_server import OParlTestServer

pytestmark = pytest.mark.django_db

PAPERS = 120  # three pages: 50, 50, 20


def quick_client(**kwargs):
    options = {"timeout": 0.5, "retries": 1, "backoff": 0, "sleep": lambda seconds: None}
    return OParlClient(**{**options, **kwargs})


@pytest.fixture
def server():
    with OParlTestServer(papers=PAPERS, page_size=50) as running:
        yield running


@pytest.fixture
def source(plan_setup, server):
    return OParlSource.objects.create(
        organization=plan_setup["organization"], system_url=server.system_url
    )


def sync(source, **kwargs):
    kwargs.setdefault("client", quick_client())
    # page by page, so the tests see exactly which pages were written before a failure
    kwargs.setdefault("write_every", 1)
    run = sync_source(source, **kwargs)
    source.refresh_from_db()
    return run


def snapshot(organization):
    """Everything the sync writes, in a form two syncs can be compared by."""
    return {
        "committees": sorted(
            Committee.objects.filter(organization=organization).values_list(
                "oparl_id", "name", "short_name", "kind", "web_url"
            )
        ),
        "meetings": sorted(
            Meeting.objects.filter(committee__organization=organization).values_list(
                "oparl_id", "committee__oparl_id", "name", "starts_at", "location", "cancelled"
            )
        ),
        "agenda_items": sorted(
            AgendaItem.objects.filter(meeting__committee__organization=organization).values_list(
                "oparl_id",
                "meeting__oparl_id",
                "number",
                "name",
                "public",
                "result",
                "paper__oparl_id",
                "position",
            )
        ),
        "papers": sorted(
            Paper.objects.filter(organization=organization).values_list(
                "oparl_id",
                "reference",
                "title",
                "paper_type",
                "date",
                "web_url",
                "public",
                "upstream_deleted",
                "oparl_modified",
            )
        ),
        "consultations": sorted(
            Consultation.objects.filter(paper__organization=organization).values_list(
                "oparl_id",
                "paper__oparl_id",
                "meeting__oparl_id",
                "committee__oparl_id",
                "date",
                "role",
                "result",
                "position",
            )
        ),
        "files": sorted(
            PaperFile.objects.filter(paper__organization=organization).values_list(
                "oparl_id", "paper__oparl_id", "name", "access_url", "mime_type", "size", "position"
            )
        ),
    }


def wipe(organization):
    Paper.objects.filter(organization=organization).delete()
    Committee.objects.filter(organization=organization).delete()


def test_full_sync_creates_committees_meetings_papers_consultations_files(source, server):
    run = sync(source)

    assert run.status == SyncStatus.DONE, run.error
    assert run.resume == {}
    org = source.organization
    committees = Committee.objects.filter(organization=org)
    # four Gremien; the Fraktion is no Gremium and is skipped
    assert committees.count() == 4
    assert run.counts["committees"]["skipped"] == 1
    kreistag = committees.get(name="Kreistag")
    assert kreistag.kind == CommitteeKind.COUNCIL
    assert kreistag.short_name == "KT"
    assert committees.get(name="Ausschuss für Thema 1").kind == CommitteeKind.COMMITTEE

    meetings = Meeting.objects.filter(committee__organization=org)
    assert meetings.count() == server.counts["meeting"] == 12
    meeting = meetings.get(oparl_id=server.object_id("meeting", 0))
    assert meeting.committee == kreistag
    assert meeting.location == "Sitzungssaal, Landratsamt"
    assert meetings.get(oparl_id=server.object_id("meeting", 11)).cancelled is False

    papers = Paper.objects.filter(organization=org)
    assert papers.count() == PAPERS
    paper = papers.get(reference="1/2024")
    assert paper.oparl_id == server.object_id("paper", 0)
    assert paper.title == "Betreff der Drucksache 1: Integration vor Ort"
    assert paper.paper_type == PaperType.DECISION
    assert paper.date == date(2024, 1, 1)
    assert paper.web_url == "https://ris.example.org/vorlage/0"
    assert paper.public and not paper.upstream_deleted
    assert papers.get(reference="2/2024").paper_type == PaperType.INFORMATION
    assert papers.get(reference="3/2024").paper_type == PaperType.MOTION

    # paper 0 has a Vorberatung and a Beschlussfassung, in the server's order
    consultations = list(paper.consultations.order_by("position"))
    assert [c.role for c in consultations] == [
        ConsultationRole.PRELIMINARY,
        ConsultationRole.DECISION,
    ]
    decision = consultations[1]
    assert decision.meeting == meeting
    assert decision.committee == kreistag
    assert decision.date == timezone.localtime(meeting.starts_at).date()
    assert decision.result == "beschlossen"
    assert Consultation.objects.filter(paper__organization=org).count() == PAPERS + len(
        range(0, PAPERS, 3)
    )

    files = list(paper.files.order_by("position"))
    assert [(f.name, f.position) for f in files] == [("Vorlage", 0), ("Anlage 1", 1)]
    assert files[0].access_url == "https://ris.example.org/datei/0-0.pdf"
    assert files[0].mime_type == "application/pdf" and files[0].size == 12345
    assert PaperFile.objects.filter(paper__organization=org).count() == PAPERS + PAPERS // 2

    # agenda items are linked to their papers through the consultation
    agenda = AgendaItem.objects.get(oparl_id=server.object_id("agendaitem", 0))
    assert agenda.meeting == meeting and agenda.paper == paper
    assert AgendaItem.objects.filter(paper__isnull=True).count() == 0

    assert run.counts["papers"]["created"] == PAPERS
    assert run.counts["papers"]["read"] == PAPERS
    # the whole system was read, without a filter
    assert all("modified_since" not in p for p in server.list_requests("paper"))
    assert source.body_url == server.body_url
    assert source.synced_until is not None


def test_second_sync_reads_only_changes_and_applies_them(source, server):
    first = sync(source)
    assert first.status == SyncStatus.DONE
    synced_until = source.synced_until
    assert synced_until <= first.started_at - SAFETY_MARGIN + timezone.timedelta(seconds=2)
    untouched_before = Paper.objects.get(reference="20/2024")
    server.requests.clear()

    server.touch("paper", 3, name="Neuer Betreff der Drucksache 4", paperType="Bericht")
    server.touch("meeting", 2, name="Verlegte Sitzung", cancelled=True)
    server.touch("organization", 1, name="Ausschuss für Integration")
    server.delete("paper", 7)
    server.delete("meeting", 5)
    new = server.add("paper", 2)

    second = sync(source)

    assert second.status == SyncStatus.DONE, second.error
    assert second.modified_since == synced_until
    for kind in ("organization", "meeting", "paper"):
        requests = server.list_requests(kind)
        assert requests and all(p.get("modified_since") for p in requests), kind
    assert second.counts["papers"] == {
        "read": 4,
        "created": 2,
        "updated": 1,
        "deleted": 1,
        "unchanged": 0,
        "skipped": 0,
        "matched": 0,
        "kept": 0,
    }
    assert second.counts["meetings"]["updated"] == 1
    assert second.counts["meetings"]["deleted"] == 1
    assert second.counts["committees"]["updated"] == 1

    changed = Paper.objects.get(reference="4/2024")
    assert changed.title == "Neuer Betreff der Drucksache 4"
    assert changed.paper_type == PaperType.REPORT
    assert changed.version == 2
    assert not Paper.objects.filter(reference="8/2024").exists()
    assert Paper.objects.filter(reference=f"{new[-1] + 1}/2024").exists()
    assert Meeting.objects.get(oparl_id=server.object_id("meeting", 2)).cancelled
    assert not Meeting.objects.filter(oparl_id=server.object_id("meeting", 5)).exists()
    assert Committee.objects.filter(name="Ausschuss für Integration").exists()
    # consultations in the deleted meeting keep their paper, without the meeting
    assert Consultation.objects.filter(
        oparl_id=server.object_id("consultation", "5-0"), meeting__isnull=True
    ).exists()
    untouched = Paper.objects.get(reference="20/2024")
    assert untouched.version == untouched_before.version
    assert untouched.oparl_modified == untouched_before.oparl_modified
    # the history knows who changed the paper: the sync
    assert changed.history.first().history_change_reason == "OParl"

    third = sync(source)
    assert third.status == SyncStatus.DONE
    # the third sync reads again what changed in the safety margin, and leaves it as it is
    assert third.counts["papers"]["created"] == 0
    assert third.counts["papers"]["updated"] == 0


def test_matching_by_reference_keeps_the_hand_entered_paper_and_its_links(source, server):
    org = source.organization
    plan = org.plans.first()
    measure = plan.fields.first().measures.first()
    paper = Paper.objects.create(
        organization=org,
        reference="5/2024",
        title="Von Hand erfasst",
        proposal="Der Kreistag beschließt …",
    )
    paper.plans.add(plan)
    paper.measures.add(measure)
    Consultation.objects.create(paper=paper, result="von Hand")

    run = sync(source)

    assert run.status == SyncStatus.DONE
    assert run.counts["papers"]["matched"] == 1
    assert run.counts["papers"]["created"] == PAPERS - 1
    assert Paper.objects.filter(organization=org, reference="5/2024").count() == 1
    paper.refresh_from_db()
    assert paper.oparl_id == server.object_id("paper", 4)
    assert paper.title == "Betreff der Drucksache 5: Integration vor Ort"
    assert paper.proposal == "Der Kreistag beschließt …"
    assert list(paper.plans.all()) == [plan]
    assert list(paper.measures.all()) == [measure]
    # the consultation entered by hand stays next to the synced one
    assert paper.consultations.filter(oparl_id__isnull=True, result="von Hand").exists()
    assert paper.consultations.filter(oparl_id__isnull=False).count() == 1


def test_a_deleted_paper_with_links_is_kept_marked_and_no_longer_public(source, server):
    sync(source)
    org = source.organization
    linked = Paper.objects.get(organization=org, reference="10/2024")
    linked.measures.add(org.plans.first().fields.first().measures.first())
    server.delete("paper", 9)
    server.delete("paper", 10)

    run = sync(source)

    assert run.status == SyncStatus.DONE
    assert run.counts["papers"]["kept"] == 1
    assert run.counts["papers"]["deleted"] == 1
    linked.refresh_from_db()
    assert linked.upstream_deleted and not linked.public
    assert linked.measures.count() == 1
    assert not Paper.objects.filter(reference="11/2024").exists()


def test_a_hand_entered_committee_is_matched_by_name(source, server):
    own = Committee.objects.create(organization=source.organization, name="Kreistag")
    sync(source)
    own.refresh_from_db()
    assert own.oparl_id == server.object_id("organization", 0)
    assert Committee.objects.filter(organization=source.organization).count() == 4


def test_papers_without_reference_are_skipped_with_a_note(source, server):
    server.touch("paper", 2, reference="")
    run = sync(source)
    assert run.status == SyncStatus.DONE
    assert run.counts["papers"]["skipped"] == 1
    assert "ohne Drucksachennummer" in run.counts["notes"][0]


# -- failures and resuming ------------------------------------------------------------------

FAILURES = [
    # (list, page, mode, papers written before the failure, words of the error)
    ("paper", 2, "error", 50, "HTTP 500"),
    ("paper", 3, "slow", 100, "nicht innerhalb von"),
    ("paper", 2, "invalid_json", 50, "kein gültiges JSON"),
    ("paper", 2, "broken_next", 100, "HTTP 404"),
    ("paper", 2, "loop_next", 50, "Seitenfolge"),
    ("meeting", 1, "error", 0, "HTTP 500"),
]


@pytest.mark.parametrize(("kind", "page", "mode", "written", "words"), FAILURES)
def test_failure_stops_the_run_keeps_data_and_the_next_run_resumes(
    source, server, kind, page, mode, written, words
):
    org = source.organization
    # the reference result: an uninterrupted sync of the same server
    assert sync(source).status == SyncStatus.DONE
    expected = snapshot(org)
    wipe(org)
    source.synced_until = None
    source.save()
    source.runs.all().delete()

    # one paper changed upstream: the sync that is interrupted must not lose it either
    server.fail(kind, page=page, mode=mode, delay=1.5)
    failed = sync(source)

    assert failed.status == SyncStatus.FAILED
    assert words in failed.error, failed.error
    assert failed.finished_at is not None
    assert Paper.objects.filter(organization=org).count() == written
    # the run reports what was committed, not what a rolled-back batch had counted
    assert failed.counts["papers"]["created"] == written
    assert failed.resume["lists"]
    source.refresh_from_db()
    assert source.synced_until is None  # only a complete run moves it

    # the server still broken: the next run fails the same way and writes nothing wrong
    again = sync(source)
    assert again.status == SyncStatus.FAILED
    assert Paper.objects.filter(organization=org).count() == written

    server.clear_failures()
    server.requests.clear()
    resumed = sync(source)

    assert resumed.status == SyncStatus.DONE, resumed.error
    assert resumed.resume == {}
    # resumed where it stopped: no new discovery, the interrupted list first
    assert not any(path == "/system" for path, _ in server.requests)
    assert server.requests[0][0].endswith(f"/{kind}s")
    assert snapshot(org) == expected
    # the incremental window starts at the interrupted run's start: nothing falls in a gap
    source.refresh_from_db()
    started = source.synced_until + SAFETY_MARGIN
    assert abs((started - failed.started_at).total_seconds()) < 1.5


def test_an_object_without_id_is_skipped_and_reported_the_run_goes_on(source, server):
    server.fail("paper", page=3, mode="missing_field")
    run = sync(source)
    assert run.status == SyncStatus.DONE, run.error
    assert Paper.objects.filter(organization=source.organization).count() == PAPERS - 1
    assert run.counts["papers"]["skipped"] == 1
    assert any("„id“ fehlt" in note and "Übersprungen" in note for note in run.counts["notes"])
    # no id, nothing to ask for again; and no sweep of a list with an object without id
    assert run.counts["failed"] == []


def test_batched_writes_resume_the_same_way(source, server):
    """By default a few pages are written together: a failure loses none of what was
    written, and the resumed run ends where an uninterrupted one does."""
    org = source.organization
    assert sync(source, write_every=100).status == SyncStatus.DONE
    expected = snapshot(org)
    wipe(org)
    source.synced_until = None
    source.save()
    source.runs.all().delete()

    server.fail("paper", page=3, mode="error")
    failed = sync(source, write_every=100)
    assert failed.status == SyncStatus.FAILED
    assert Paper.objects.filter(organization=org).count() == 100  # pages 1 and 2, together
    server.clear_failures()
    resumed = sync(source, write_every=100)
    assert resumed.status == SyncStatus.DONE
    assert snapshot(org) == expected


def test_a_failure_that_passes_is_retried_within_the_run(source, server):
    server.fail("paper", page=2, mode="error", times=1)
    run = sync(source)
    assert run.status == SyncStatus.DONE
    assert Paper.objects.count() == PAPERS


def test_full_sync_ignores_the_resume_point_and_the_filter(source, server):
    server.fail("paper", page=2, mode="error")
    assert sync(source).status == SyncStatus.FAILED
    server.clear_failures()
    server.requests.clear()
    run = sync(source, full=True)
    assert run.status == SyncStatus.DONE
    assert server.requests[0][0] == "/system"
    assert run.counts["papers"]["unchanged"] == 50
    assert run.counts["papers"]["created"] == PAPERS - 50


def test_a_second_run_while_one_runs_fails_without_touching_data(source, server):
    source.runs.create(status=SyncStatus.RUNNING, started_at=timezone.now())
    run = sync(source)
    assert run.status == SyncStatus.FAILED
    assert "läuft bereits" in run.error
    assert not Paper.objects.exists()


def test_a_run_left_running_by_a_dead_process_is_closed(source, server):
    stale = source.runs.create(
        status=SyncStatus.RUNNING, started_at=timezone.now() - timezone.timedelta(days=1)
    )
    run = sync(source)
    assert run.status == SyncStatus.DONE
    stale.refresh_from_db()
    assert stale.status == SyncStatus.FAILED and stale.error


def test_an_unreachable_server_fails_with_a_german_message(plan_setup):
    source = OParlSource.objects.create(
        organization=plan_setup["organization"], system_url="http://127.0.0.1:9/oparl/system"
    )
    run = sync(source)
    assert run.status == SyncStatus.FAILED
    assert "nicht erreichbar" in run.error
    assert run.resume == {}


def test_queries_per_page_do_not_grow_with_its_objects(source, server):
    """Lookups and writes are batched per page: a page of 50 papers costs a fixed number of
    queries, not a few per paper."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert sync(source).status == SyncStatus.DONE
    pages = 1 + 1 + PAPERS // 50 + 1  # organisations, meetings, papers
    assert len(queries) <= 40 * pages, len(queries)


def test_statistics_are_refreshed_once_after_the_first_objects(source, server, monkeypatch):
    """On PostgreSQL a first sync into empty tables runs ANALYZE once (the foreign-key checks
    would otherwise scan whole tables); on SQLite nothing happens. The result is the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teilhabe.council.oparl import sync as sync_module

    monkeypatch.setattr(sync_module, "ANALYZE_AFTER", 1)
    with CaptureQueriesContext(connection) as queries:
        run = sync(source, write_every=1)
    assert run.status == "done"
    analyzes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert len(analyzes) == 1
        for model in sync_module.SYNCED_MODELS:
            assert f'"{model._meta.db_table}"' in analyzes[0]
    else:
        assert analyzes == []
    assert Paper.objects.filter(organization=source.organization).count() == 120
