"""`teilhabe oparl-sync` and the task that runs a sync from the database queue and schedules
the next one."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from teilhabe.council.models import OParlSource, Paper, SyncRun, SyncStatus
from teilhabe.council.oparl.tasks import enqueue_sync, oparl_sync_task, schedule_next
from teilhabe.testing import make_organization

from .oparl_server import OParlTestServer


@pytest.fixture
def server():
    with OParlTestServer(papers=60, page_size=50) as running:
        yield running


def run_command(*args):
    from io import StringIO

    out = StringIO()
    call_command("oparl-sync", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_syncs_prints_progress_and_a_summary(server):
    org = make_organization()
    output = run_command(server.system_url, "--organization", org.slug)

    assert "Gremien: 5 gelesen (4 neu" in output
    assert "Drucksachen: 60 gelesen (60 neu" in output
    assert "Abgleich abgeschlossen:" in output
    assert Paper.objects.filter(organization=org).count() == 60
    source = OParlSource.objects.get(organization=org)
    assert source.system_url == server.system_url and source.synced_until

    # the second time the URL alone finds the source; only changes are read
    server.touch("paper", 1, name="Geändert")
    output = run_command(server.system_url)
    assert "Drucksachen: 1 gelesen (0 neu, 1 geändert" in output
    assert "modified_since" in server.list_requests("paper")[-1]


@pytest.mark.django_db
def test_command_json_output(server):
    org = make_organization()
    data = json.loads(run_command(server.system_url, "--organization", org.slug, "--json"))
    assert data["status"] == "done"
    assert data["counts"]["papers"]["created"] == 60
    assert data["counts"]["consultations"]["created"] == 80
    assert data["error"] == ""


@pytest.mark.django_db
def test_command_fails_with_the_german_error_and_resumes(server):
    org = make_organization()
    server.fail("paper", page=2, mode="invalid_json")
    with pytest.raises(CommandError) as failure:
        run_command(server.system_url, "--organization", org.slug, "--timeout", "2")
    assert "kein gültiges JSON" in str(failure.value)
    assert "setzt an dieser Stelle fort" in str(failure.value)
    # the papers are written a few pages at a time: the first page waited for the second
    assert Paper.objects.count() == 0
    assert OParlSource.objects.get().runs.get().resume["list"] == "paper"

    server.clear_failures()
    data = json.loads(run_command(server.system_url, "--json"))
    assert data["status"] == "done"
    assert Paper.objects.count() == 60


@pytest.mark.django_db
def test_command_refuses_unknown_urls_and_organisations(server):
    with pytest.raises(CommandError, match="--organization"):
        run_command(server.system_url)
    with pytest.raises(CommandError, match="gibt es nicht"):
        run_command(server.system_url, "--organization", "keine-solche")
    org = make_organization()
    with pytest.raises(CommandError, match="keine gültige Adresse"):
        run_command("kein-url", "--organization", org.slug)


@pytest.mark.django_db(transaction=True)
def test_task_runs_in_the_database_worker_and_schedules_the_next_run(server):
    org = make_organization()
    source = OParlSource.objects.create(
        organization=org, system_url=server.system_url, schedule_hours=6
    )
    run = enqueue_sync(source)  # outside a transaction on_commit runs at once
    assert run.status == SyncStatus.QUEUED
    task = DBTaskResult.objects.get()
    assert task.task_path == oparl_sync_task.module_path
    assert task.args_kwargs["args"] == [source.pk, run.pk]

    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    run.refresh_from_db()
    assert run.status == SyncStatus.DONE, run.error
    assert Paper.objects.filter(organization=org).count() == 60
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 1
    next_run = waiting.get()
    assert next_run.args_kwargs["args"] == [source.pk]
    expected = timezone.now() + timedelta(hours=6)
    assert abs((next_run.run_after - expected).total_seconds()) < 60
    # not due yet: the worker leaves it alone
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert SyncRun.objects.count() == 1

    # a second chain is never started
    assert schedule_next(source) is False
    enqueue_sync(source)
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert SyncRun.objects.filter(status=SyncStatus.DONE).count() == 2


@pytest.mark.django_db
def test_task_without_schedule_enqueues_nothing_more(server):
    org = make_organization()
    source = OParlSource.objects.create(organization=org, system_url=server.system_url)
    result = oparl_sync_task.call(source.pk)
    assert result["status"] == "done"
    assert not DBTaskResult.objects.exists()
    assert oparl_sync_task.call(source.pk + 1000) == {"status": "gone"}
