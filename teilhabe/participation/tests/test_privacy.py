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
from teilhabe.participation.services import privacy
from teilhabe.testing import make_plan

pytestmark = pytest.mark.django_db


def my_data_url(plan, token, name="my_data"):
    return reverse(
        f"portal:{name}",
        kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, "token": token},
    )


def test_export_of_a_registration(privacy_setup):
    data = privacy.participant_data_export(privacy_setup["registration"].token)
    assert data["kind"] == "registration"
    assert data["registration"]["email"] == "ayse@example.org"
    assert data["registration"]["accessibility_needs"] == "Rollstuhlplatz"
    assert data["registration"]["language_help"] == "Türkisch"
    assert data["registration"]["status"] == "confirmed"


def test_export_of_an_idea_with_its_published_comments(privacy_setup):
    data = privacy.participant_data_export(privacy_setup["idea"].token)
    assert data["idea"]["author_email"] == "idee@example.org"
    assert [c["text"] for c in data["idea"]["comments"]] == ["Gute Idee!"]
    assert data["idea"]["comments"][0]["author"] == ""  # the commenter chose not to show it


def test_export_of_a_membership(privacy_setup):
    data = privacy.participant_data_export(privacy_setup["member"].token)
    assert data["membership"]["name"] == "Herr Meier"
    assert data["membership"]["sector"] == "church"


def test_unknown_token(privacy_setup):
    assert privacy.participant_data_export("gibt-es-nicht") is None
    assert privacy.participant_data_delete("gibt-es-nicht") is None


def test_delete_registration_frees_the_place(privacy_setup):
    assert privacy.participant_data_delete(privacy_setup["registration"].token) == "registration"
    assert not Registration.objects.filter(pk=privacy_setup["registration"].pk).exists()
    privacy_setup["waiting"].refresh_from_db()
    assert privacy_setup["waiting"].status == "confirmed"


def test_delete_idea_keeps_it_anonymised(privacy_setup):
    idea = privacy_setup["idea"]
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


def test_delete_membership_anonymises(privacy_setup):
    member = privacy_setup["member"]
    privacy.participant_data_delete(member.token)
    member.refresh_from_db()
    assert (member.name, member.email, member.sector) == ("", "", "church")


def test_purge_after_retention(privacy_setup, settings):
    settings.TEILHABE_PARTICIPANT_RETENTION_DAYS = 30
    process = privacy_setup["process"]
    # ends 31.1.2024 + 30 days = 1.3.2024: not yet on that day, done the day after.
    assert privacy.participants_purge(today=dt.date(2024, 3, 1)) == []
    results = privacy.participants_purge(today=dt.date(2024, 3, 2))
    assert [r.process.pk for r in results] == [process.pk]
    assert results[0].counts["Anmeldungen"] == 2
    registration = Registration.objects.get(pk=privacy_setup["registration"].pk)
    assert registration.name == registration.accessibility_needs == ""
    assert registration.email.endswith("@geloescht.invalid")
    assert registration.status == "confirmed"  # the figures stay
    assert GroupMember.objects.get(pk=privacy_setup["member"].pk).name == ""
    idea = Idea.objects.get(pk=privacy_setup["idea"].pk)
    assert (idea.author_name, idea.author_email, idea.show_name) == ("", "", False)
    assert not IdeaComment.objects.exclude(author_name="").exists()
    process.refresh_from_db()
    assert process.personal_data_purged_on == dt.date(2024, 3, 2)
    # Once purged, the process is not purged again.
    assert privacy.participants_purge(today=dt.date(2025, 1, 1)) == []


def test_purge_uses_the_process_retention(privacy_setup, settings):
    settings.TEILHABE_PARTICIPANT_RETENTION_DAYS = 30
    process = privacy_setup["process"]
    process.retention_days = 365
    process.save()
    assert privacy.participants_purge(today=dt.date(2024, 3, 2)) == []
    assert len(privacy.participants_purge(today=dt.date(2025, 2, 1))) == 1


def test_purge_ignores_processes_without_end(privacy_setup):
    ParticipationProcess.objects.filter(pk=privacy_setup["process"].pk).update(ends_on=None)
    assert privacy.participants_purge(today=dt.date(2099, 1, 1)) == []


def test_purge_command_dry_run_changes_nothing(privacy_setup, capsys, settings):
    settings.TEILHABE_PARTICIPANT_RETENTION_DAYS = 1
    call_command("purge-participants", "--dry-run")
    out = capsys.readouterr().out
    assert "würden gelöscht" in out and "Anmeldungen: 2" in out
    assert Registration.objects.filter(name="Ayşe Yılmaz").exists()
    call_command("purge-participants")
    assert "gelöscht" in capsys.readouterr().out
    assert not Registration.objects.filter(name="Ayşe Yılmaz").exists()


# The self-service pages --------------------------------------------------------------------------


def test_my_data_page_shows_own_data(client, privacy_setup):
    response = client.get(my_data_url(privacy_setup["plan"], privacy_setup["registration"].token))
    assert response.status_code == 200
    text = response.content.decode()
    assert "ayse@example.org" in text and "Rollstuhlplatz" in text
    assert "no-store" in response["Cache-Control"]


def test_my_data_page_in_every_language(client, privacy_setup):
    path = my_data_url(privacy_setup["plan"], privacy_setup["idea"].token)
    for prefix in ("", "/en", "/tr", "/ar", "/uk", "/de-x-ls"):
        url = prefix + path
        assert client.get(url).status_code == 200, url


def test_my_data_download_is_json(client, privacy_setup):
    response = client.get(
        my_data_url(privacy_setup["plan"], privacy_setup["member"].token, "my_data_download")
    )
    assert response.status_code == 200
    assert json.loads(response.content)["membership"]["email"] == "meier@example.org"
    assert "attachment" in response["Content-Disposition"]


def test_my_data_delete_by_post(client, privacy_setup):
    url = my_data_url(privacy_setup["plan"], privacy_setup["registration"].token, "my_data_delete")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200
    assert not Registration.objects.filter(pk=privacy_setup["registration"].pk).exists()
    again = client.get(my_data_url(privacy_setup["plan"], privacy_setup["registration"].token))
    assert again.status_code == 404
    assert "Diesen persönlichen Link kennen wir nicht" in again.content.decode()


def test_token_of_another_plan_is_unknown(client, privacy_setup):
    other_plan, _r, _u = make_plan(fields=1, measures_per_field=1, units=1)
    url = my_data_url(other_plan, privacy_setup["registration"].token)
    assert client.get(url).status_code == 404


def test_cancel_by_link(client, privacy_setup):
    url = my_data_url(privacy_setup["plan"], privacy_setup["registration"].token, "event_cancel")
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    privacy_setup["registration"].refresh_from_db()
    assert privacy_setup["registration"].status == "cancelled"
    privacy_setup["waiting"].refresh_from_db()
    assert privacy_setup["waiting"].status == "confirmed"
    # An idea's token cannot cancel anything.
    assert (
        client.get(
            my_data_url(privacy_setup["plan"], privacy_setup["idea"].token, "event_cancel")
        ).status_code
        == 404
    )
