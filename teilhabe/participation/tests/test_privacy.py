"""Participants' own data by token (see, download, delete) and the purge after the retention."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from teilhabe.participation.models import (
    GroupMember,
    Idea,
    IdeaComment,
    ParticipationProcess,
    Registration,
)
from teilhabe.participation.services import privacy, processes
from teilhabe.participation.services import registrations as reg_service
from teilhabe.testing import make_plan

from .test_processes_support import make_event, make_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(db):
    plan, _report, _units = make_plan(fields=1, measures_per_field=1, units=1)
    process = make_process(plan, ends_on=dt.date(2024, 1, 31))
    event = make_event(process, capacity=1)
    registration = reg_service.registration_create(
        event=event,
        name="Ayşe Yılmaz",
        email="ayse@example.org",
        accessibility_needs="Rollstuhlplatz",
        language_help="Türkisch",
    )
    waiting = reg_service.registration_create(event=event, name="Olena", email="olena@example.org")
    group = processes.format_create(process=process, kind="project_group", title="PG", by=None)
    member = processes.member_add(
        group=group, name="Herr Meier", email="meier@example.org", sector="church", by=None
    )
    idea = Idea.objects.create(
        process=process,
        title="Sprachcafé",
        text="Jede Woche",
        status="published",
        author_name="Frau Idee",
        author_email="idee@example.org",
        show_name=True,
        notify=True,
    )
    IdeaComment.objects.create(idea=idea, text="Gute Idee!", status="published", author_name="X")
    IdeaComment.objects.create(idea=idea, text="ungeprüft", status="pending")
    return {
        "plan": plan,
        "process": process,
        "event": event,
        "registration": registration,
        "waiting": waiting,
        "member": member,
        "idea": idea,
    }


def my_data_url(plan, token, name="my_data"):
    return reverse(
        f"portal:{name}",
        kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, "token": token},
    )


def test_export_of_a_registration(setup):
    data = privacy.participant_data_export(setup["registration"].token)
    assert data["kind"] == "registration"
    assert data["registration"]["email"] == "ayse@example.org"
    assert data["registration"]["accessibility_needs"] == "Rollstuhlplatz"
    assert data["registration"]["language_help"] == "Türkisch"
    assert data["registration"]["status"] == "confirmed"


def test_export_of_an_idea_with_its_published_comments(setup):
    data = privacy.participant_data_export(setup["idea"].token)
    assert data["idea"]["author_email"] == "idee@example.org"
    assert [c["text"] for c in data["idea"]["comments"]] == ["Gute Idee!"]
    assert data["idea"]["comments"][0]["author"] == ""  # the commenter chose not to show it


def test_export_of_a_membership(setup):
    data = privacy.participant_data_export(setup["member"].token)
    assert data["membership"]["name"] == "Herr Meier"
    assert data["membership"]["sector"] == "church"


def test_unknown_token(setup):
    assert privacy.participant_data_export("gibt-es-nicht") is None
    assert privacy.participant_data_delete("gibt-es-nicht") is None


def test_delete_registration_frees_the_place(setup):
    assert privacy.participant_data_delete(setup["registration"].token) == "registration"
    assert not Registration.objects.filter(pk=setup["registration"].pk).exists()
    setup["waiting"].refresh_from_db()
    assert setup["waiting"].status == "confirmed"


def test_delete_idea_keeps_it_anonymised(setup):
    idea = setup["idea"]
    old_token = idea.token
    assert privacy.participant_data_delete(old_token) == "idea"
    idea.refresh_from_db()
    assert (idea.author_name, idea.author_email, idea.show_name, idea.notify) == (
        "",
        "",
        False,
        False,
    )
    assert idea.text == "Jede Woche" and idea.status == "published"
    assert privacy.participant_by_token(old_token) is None  # the old link is dead


def test_delete_membership_anonymises(setup):
    member = setup["member"]
    privacy.participant_data_delete(member.token)
    member.refresh_from_db()
    assert (member.name, member.email, member.sector) == ("", "", "church")


def test_purge_after_retention(setup, settings):
    settings.TEILHABE_PARTICIPANT_RETENTION_DAYS = 30
    process = setup["process"]
    # ends 31.1.2024 + 30 days = 1.3.2024: not yet on that day, done the day after.
    assert privacy.participants_purge(today=dt.date(2024, 3, 1)) == []
    results = privacy.participants_purge(today=dt.date(2024, 3, 2))
    assert [r.process.pk for r in results] == [process.pk]
    assert results[0].counts["Anmeldungen"] == 2
    registration = Registration.objects.get(pk=setup["registration"].pk)
    assert registration.name == registration.accessibility_needs == ""
    assert registration.email.endswith("@geloescht.invalid")
    assert registration.status == "confirmed"  # the figures stay
    assert GroupMember.objects.get(pk=setup["member"].pk).name == ""
    idea = Idea.objects.get(pk=setup["idea"].pk)
    assert (idea.author_name, idea.author_email, idea.show_name) == ("", "", False)
    assert not IdeaComment.objects.exclude(author_name="").exists()
    process.refresh_from_db()
    assert process.personal_data_purged_on == dt.date(2024, 3, 2)
    # Once purged, the process is not purged again.
    assert privacy.participants_purge(today=dt.date(2025, 1, 1)) == []


def test_purge_uses_the_process_retention(setup, settings):
    settings.TEILHABE_PARTICIPANT_RETENTION_DAYS = 30
    process = setup["process"]
    process.retention_days = 365
    process.save()
    assert privacy.participants_purge(today=dt.date(2024, 3, 2)) == []
    assert len(privacy.participants_purge(today=dt.date(2025, 2, 1))) == 1


def test_purge_ignores_processes_without_end(setup):
    ParticipationProcess.objects.filter(pk=setup["process"].pk).update(ends_on=None)
    assert privacy.participants_purge(today=dt.date(2099, 1, 1)) == []


def test_purge_command_dry_run_changes_nothing(setup, capsys, settings):
    settings.TEILHABE_PARTICIPANT_RETENTION_DAYS = 1
    call_command("purge-participants", "--dry-run")
    out = capsys.readouterr().out
    assert "würden gelöscht" in out and "Anmeldungen: 2" in out
    assert Registration.objects.filter(name="Ayşe Yılmaz").exists()
    call_command("purge-participants")
    assert "gelöscht" in capsys.readouterr().out
    assert not Registration.objects.filter(name="Ayşe Yılmaz").exists()


# The self-service pages --------------------------------------------------------------------------


def test_my_data_page_shows_own_data(client, setup):
    response = client.get(my_data_url(setup["plan"], setup["registration"].token))
    assert response.status_code == 200
    text = response.content.decode()
    assert "ayse@example.org" in text and "Rollstuhlplatz" in text
    assert "no-store" in response["Cache-Control"]


def test_my_data_page_in_every_language(client, setup):
    path = my_data_url(setup["plan"], setup["idea"].token)
    for prefix in ("", "/en", "/tr", "/ar", "/uk", "/de-x-ls"):
        url = prefix + path
        assert client.get(url).status_code == 200, url


def test_my_data_download_is_json(client, setup):
    response = client.get(my_data_url(setup["plan"], setup["member"].token, "my_data_download"))
    assert response.status_code == 200
    assert json.loads(response.content)["membership"]["email"] == "meier@example.org"
    assert "attachment" in response["Content-Disposition"]


def test_my_data_delete_by_post(client, setup):
    url = my_data_url(setup["plan"], setup["registration"].token, "my_data_delete")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200
    assert not Registration.objects.filter(pk=setup["registration"].pk).exists()
    again = client.get(my_data_url(setup["plan"], setup["registration"].token))
    assert again.status_code == 404
    assert "Diesen persönlichen Link kennen wir nicht" in again.content.decode()


def test_token_of_another_plan_is_unknown(client, setup):
    other_plan, _r, _u = make_plan(fields=1, measures_per_field=1, units=1)
    url = my_data_url(other_plan, setup["registration"].token)
    assert client.get(url).status_code == 404


def test_cancel_by_link(client, setup):
    url = my_data_url(setup["plan"], setup["registration"].token, "event_cancel")
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    setup["registration"].refresh_from_db()
    assert setup["registration"].status == "cancelled"
    setup["waiting"].refresh_from_db()
    assert setup["waiting"].status == "confirmed"
    # An idea's token cannot cancel anything.
    assert (
        client.get(my_data_url(setup["plan"], setup["idea"].token, "event_cancel")).status_code
        == 404
    )
