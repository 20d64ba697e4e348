"""Back office of the OParl sources: role matrix, adding and editing a source, "Jetzt
abgleichen", the run history polled with htmx while a run is under way, the paper status."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from teilhabe.council.models import OParlSource, Paper, SyncRun, SyncStatus
from teilhabe.council.oparl.sync import empty_counts
from teilhabe.testing.state import shared_fixture
from teilhabe.testing.worlds import build_world

pytestmark = pytest.mark.django_db

SYSTEM = "https://ris.example.org/oparl/v1/system"


def build_oparl_setup(get):
    """The role world's organisation (root conftest) with an OParl source."""
    world = get(build_world)
    source = OParlSource.objects.create(organization=world.organization, system_url=SYSTEM)
    return {"organization": world.organization, "source": source, "people": world.people}


oparl_setup = shared_fixture(build_oparl_setup, name="oparl_setup")


def _login(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])


# role → expected status for reading the pages and for changing anything
MATRIX = {
    "anonymous": 302,  # to the login
    "stranger": 404,
    "reader": 403,
    "editor_own": 403,
    "coordinator": 200,
    "admin": 200,
}


@pytest.mark.parametrize(("role", "expected"), MATRIX.items())
def test_role_matrix(client, oparl_setup, role, expected, django_capture_on_commit_callbacks):
    _login(client, oparl_setup["people"], role)
    org, source = oparl_setup["organization"], oparl_setup["source"]
    pages = [
        reverse("council:oparl_sources", kwargs={"org_slug": org.slug}),
        reverse("council:oparl_source_edit", kwargs={"org_slug": org.slug, "source_id": source.pk}),
        reverse("council:oparl_runs", kwargs={"org_slug": org.slug, "source_id": source.pk}),
    ]
    for url in pages:
        assert client.get(url).status_code == expected, url
    writes = [
        reverse("council:oparl_sync_now", kwargs={"org_slug": org.slug, "source_id": source.pk}),
        reverse("council:oparl_sources", kwargs={"org_slug": org.slug}),
        reverse(
            "council:oparl_source_delete", kwargs={"org_slug": org.slug, "source_id": source.pk}
        ),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post(writes[0]),
            client.post(writes[1], {"system_url": "https://zwei.example.org/oparl"}),
        ]
    allowed = expected == 200
    for response in responses:
        assert response.status_code == (302 if allowed else expected)
    assert SyncRun.objects.filter(source=source).exists() == allowed
    assert DBTaskResult.objects.exists() == allowed
    assert OParlSource.objects.filter(system_url="https://zwei.example.org/oparl").exists() == (
        allowed
    )
    response = client.post(writes[2])
    assert response.status_code == (302 if allowed else expected)
    assert OParlSource.objects.filter(pk=source.pk).exists() != allowed


def test_add_edit_and_bad_input_keeps_what_was_typed(client, oparl_setup):
    org = oparl_setup["organization"]
    client.force_login(oparl_setup["people"]["coordinator"])
    url = reverse("council:oparl_sources", kwargs={"org_slug": org.slug})

    response = client.post(url, {"system_url": SYSTEM, "schedule_hours": "12"})
    assert response.status_code == 200
    assert "schon eingetragen" in response.content.decode()
    assert 'value="12"' in response.content.decode()

    response = client.post(url, {"system_url": "kein Link", "schedule_hours": "0"})
    assert response.status_code == 200
    assert "kein Link" in response.content.decode()
    assert OParlSource.objects.count() == 1

    source = oparl_setup["source"]
    source.synced_until = timezone.now()
    source.save()
    edit = reverse(
        "council:oparl_source_edit", kwargs={"org_slug": org.slug, "source_id": source.pk}
    )
    response = client.post(
        edit, {"system_url": "https://neu.example.org/oparl", "schedule_hours": "24"}
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.system_url == "https://neu.example.org/oparl"
    assert source.schedule_hours == 24
    assert source.synced_until is None  # another server: read everything again


def test_sync_now_queues_once_and_the_history_polls_while_running(client, oparl_setup):
    org, source = oparl_setup["organization"], oparl_setup["source"]
    client.force_login(oparl_setup["people"]["coordinator"])
    now_url = reverse(
        "council:oparl_sync_now", kwargs={"org_slug": org.slug, "source_id": source.pk}
    )
    client.post(now_url)
    client.post(now_url)
    assert source.runs.count() == 1

    page = client.get(reverse("council:oparl_sources", kwargs={"org_slug": org.slug}))
    html = page.content.decode()
    assert "wartet" in html
    assert 'hx-trigger="every 3s"' in html
    assert "<script" not in html.split("</header>")[-1]

    run = source.runs.get()
    counts = empty_counts()
    counts["papers"].update(read=400, created=380, unchanged=20)
    run.status, run.started_at, run.counts = SyncStatus.RUNNING, timezone.now(), counts
    run.save()
    partial = client.get(
        reverse("council:oparl_runs", kwargs={"org_slug": org.slug, "source_id": source.pk}),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Drucksachen: 400 gelesen (380 neu" in partial
    assert 'hx-trigger="every 3s"' in partial

    run.status, run.error, run.resume = SyncStatus.FAILED, "HTTP 500 auf Seite 9.", {"lists": 1}
    run.save()
    partial = client.get(
        reverse("council:oparl_runs", kwargs={"org_slug": org.slug, "source_id": source.pk})
    ).content.decode()
    assert "hx-trigger" not in partial
    assert "HTTP 500 auf Seite 9." in partial
    assert "setzt an dieser Stelle fort" in partial


def test_queries_do_not_grow_with_the_runs(client, oparl_setup, django_assert_max_num_queries):
    org, source = oparl_setup["organization"], oparl_setup["source"]
    client.force_login(oparl_setup["people"]["admin"])
    url = reverse("council:oparl_sources", kwargs={"org_slug": org.slug})
    for _ in range(3):
        SyncRun.objects.create(source=source, status=SyncStatus.DONE, counts=empty_counts())
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url)
    for _ in range(30):
        SyncRun.objects.create(source=source, status=SyncStatus.DONE, counts=empty_counts())
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_paper_status_include(oparl_setup):
    org = oparl_setup["organization"]
    paper = Paper(
        organization=org,
        reference="1/2024",
        title="T",
        oparl_id="https://ris.example.org/paper/1",
        web_url="https://ris.example.org/vorlage/1",
        upstream_deleted=True,
        public=False,
    )
    html = render_to_string("council/backoffice/oparl_status.html", {"paper": paper})
    assert "gelöscht oder depubliziert" in html
    assert "https://ris.example.org/vorlage/1" in html
    assert (
        render_to_string(
            "council/backoffice/oparl_status.html", {"paper": Paper(reference="2")}
        ).strip()
        == ""
    )
