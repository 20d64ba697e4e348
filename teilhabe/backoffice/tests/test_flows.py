"""Back-office flows through the web: import with preview, entry editing, conflicts, login."""

import datetime as dt
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teilhabe.core.tests.test_login_throttling import run_queued_tasks
from teilhabe.demo.load import SEEDS
from teilhabe.plans import services
from teilhabe.plans.models import Plan, ProgressEntry, ProgressReport, UpdateRequest
from teilhabe.plans.services.update_requests import update_requests_remind

pytestmark = pytest.mark.django_db
SEED = (SEEDS / "boeblingen_bilanz_2017.txt").read_bytes()


def upload(client, org, data, name="bilanz.txt", plan=""):
    return client.post(
        reverse("plans:bilanz_import", args=[org.slug]),
        {"step": "preview", "plan": plan, "file": SimpleUploadedFile(name, data)},
    )


def test_import_preview_writes_nothing_and_confirm_imports(client, plan_setup):
    org, coordinator = plan_setup["organization"], plan_setup["people"]["coordinator"]
    client.force_login(coordinator)
    plans_before = Plan.objects.count()
    response = upload(client, org, SEED)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vorschau" in content and "Hier bin ich" in content and "34 neue Maßnahmen" in content
    assert Plan.objects.count() == plans_before
    response = client.post(
        reverse("plans:bilanz_import", args=[org.slug]), {"step": "confirm", "plan": ""}
    )
    assert response.status_code == 302
    plan = Plan.objects.exclude(pk=plan_setup["plan"].pk).get(organization=org)
    assert plan.fields.count() == 8
    assert plan.reports.get().entries.count() == 34


def test_import_of_bad_file_shows_german_error_and_writes_nothing(client, plan_setup):
    org = plan_setup["organization"]
    client.force_login(plan_setup["people"]["coordinator"])
    before = (Plan.objects.count(), ProgressReport.objects.count())
    response = upload(client, org, b"\x00\x01\x02 kein Bericht", name="bilanz.pdf")
    assert response.status_code == 200
    assert "konnte nicht gelesen werden" in response.content.decode()
    response = upload(client, org, b"abc", name="bilanz.exe")
    assert "Dateityp wird nicht unterstützt" in response.content.decode()
    assert (Plan.objects.count(), ProgressReport.objects.count()) == before


def test_import_refuses_oversized_upload(client, plan_setup, settings):
    settings.TEILHABE_UPLOAD_MAX_BYTES = 1000
    client.force_login(plan_setup["people"]["coordinator"])
    response = upload(client, plan_setup["organization"], SEED)
    assert "zu groß" in response.content.decode()


def entry_url(entry):
    return reverse("plans:entry_edit", args=[entry.pk])


def test_htmx_entry_edit_returns_the_updated_card(client, plan_setup):
    report, editor = plan_setup["report"], plan_setup["people"]["editor_own"]
    entry = ProgressEntry.objects.filter(
        report=report, measure__lead_unit=plan_setup["units"][0]
    ).first()
    client.force_login(editor)
    response = client.post(
        entry_url(entry),
        {
            "status": "in_progress",
            "percent": "60",
            "description": "Kurs läuft",
            "original_wording": "",
            "version": entry.version,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="eintrag-{entry.pk}"' in html and "Gespeichert." in html and "(60 %)" in html
    entry.refresh_from_db()
    assert (entry.status, entry.percent, entry.updated_by) == ("in_progress", 60, editor)


def test_second_person_gets_conflict_message_and_keeps_input(client, plan_setup):
    report, people = plan_setup["report"], plan_setup["people"]
    entry = report.entries.first()
    stale = entry.version
    client.force_login(people["coordinator"])
    client.post(
        entry_url(entry),
        {"status": "done", "description": "Erste", "original_wording": "", "version": stale},
    )
    client.force_login(people["admin"])
    response = client.post(
        entry_url(entry),
        {
            "status": "in_progress",
            "percent": "20",
            "description": "Zweite Fassung",
            "original_wording": "",
            "version": stale,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in html
    assert "Zweite Fassung" in html
    entry.refresh_from_db()
    assert entry.description == "Erste"


def test_invalid_percent_keeps_the_text(client, plan_setup):
    entry = plan_setup["report"].entries.first()
    client.force_login(plan_setup["people"]["coordinator"])
    response = client.post(
        entry_url(entry),
        {
            "status": "in_progress",
            "percent": "150",
            "description": "Mein langer Text",
            "original_wording": "",
            "version": entry.version,
        },
    )
    html = response.content.decode()
    assert "Mein langer Text" in html
    assert 'aria-invalid="true"' in html


def test_publish_then_entry_edit_is_forbidden(client, plan_setup):
    report = plan_setup["report"]
    client.force_login(plan_setup["people"]["coordinator"])
    assert client.post(reverse("plans:report_publish", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == "published"
    entry = report.entries.first()
    response = client.post(
        entry_url(entry),
        {"status": "done", "description": "x", "original_wording": "", "version": entry.version},
    )
    assert response.status_code == 403
    assert client.get(reverse("plans:report_edit", args=[report.pk])).status_code == 403


def test_update_requests_mail_offices_and_overview_shows_who_is_missing(
    client, plan_setup, django_capture_on_commit_callbacks
):
    report, people = plan_setup["report"], plan_setup["people"]
    url = reverse("plans:requests_send", args=[report.pk])
    client.force_login(people["coordinator"])
    response = client.post(url, {"due_on": "2000-01-31", "message": ""}, follow=True)
    assert "muss in der Zukunft liegen" in response.content.decode()
    assert not UpdateRequest.objects.exists()

    due = dt.date.today() + dt.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"due_on": due.isoformat(), "message": "Danke!"})
    assert UpdateRequest.objects.filter(report=report).count() == 2
    assert len(mail.outbox) == 2
    assert "Umsetzungsstand" in mail.outbox[0].subject and "Danke!" in mail.outbox[0].body
    assert people["editor_own"].email in {address for m in mail.outbox for address in m.to}

    # Time passes: the due date is behind us.
    UpdateRequest.objects.update(due_on=dt.date(2000, 1, 31))
    html = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    assert "überfällig seit 31.01.2000" in html

    client.force_login(people["editor_own"])
    unit = plan_setup["units"][0]
    client.post(reverse("plans:request_answer", args=[report.pk, unit.pk]))
    assert UpdateRequest.objects.get(report=report, unit=unit).answered_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        reminded = update_requests_remind(today=dt.date(2000, 2, 1))
    assert [r.unit for r in reminded] == [plan_setup["units"][1]]
    assert "Erinnerung" in mail.outbox[-1].subject
    assert update_requests_remind(today=dt.date(2000, 2, 1)) == []

    # Asking again keeps the answer that was given and does not write to that office.
    client.force_login(people["coordinator"])
    sent_before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"due_on": due.isoformat(), "message": ""})
    assert UpdateRequest.objects.get(report=report, unit=unit).answered_at is not None
    assert len(mail.outbox) == sent_before + 1


def test_offices_nobody_can_be_written_to_are_named_not_asked(client, plan_setup):
    report, units = plan_setup["report"], plan_setup["units"]
    units[1].email = ""
    units[1].save()
    client.force_login(plan_setup["people"]["coordinator"])
    due = dt.date.today() + dt.timedelta(days=7)
    response = client.post(
        reverse("plans:requests_send", args=[report.pk]),
        {"due_on": due.isoformat()},
        follow=True,
    )
    html = response.content.decode()
    assert "1 Amt wurde per E-Mail um den Umsetzungsstand gebeten" in html
    assert "wurden nicht angefragt" in html or "wurde nicht angefragt" in html
    assert (
        f"Für {units[1].name} ist weder eine E-Mail-Adresse des Amts noch eine Person hinterlegt"
        in html
    )
    assert list(UpdateRequest.objects.values_list("unit", flat=True)) == [units[0].pk]


def test_login_by_email_and_password_reset_mail(client, plan_setup):
    coordinator = plan_setup["people"]["coordinator"]
    response = client.post(reverse("login"), {"username": coordinator.email, "password": "falsch"})
    assert "E-Mail-Adresse oder Passwort stimmen nicht" in response.content.decode()
    response = client.post(
        reverse("login"), {"username": coordinator.email, "password": "geheim-123"}
    )
    assert response.status_code == 302
    client.logout()
    client.post(reverse("password_reset"), {"email": coordinator.email})
    assert not mail.outbox  # sent by the worker, so the answer takes as long for every address
    run_queued_tasks()
    assert len(mail.outbox) == 1 and "/passwort-neu/" in mail.outbox[0].body


def test_admin_invites_an_office_editor(client, plan_setup, django_capture_on_commit_callbacks):
    org, admin = plan_setup["organization"], plan_setup["people"]["admin"]
    client.force_login(admin)
    url = reverse("backoffice:organization_detail", args=[org.slug])
    response = client.post(
        url, {"member-email": "neu@amt.example", "member-role": "editor", "member-unit": ""}
    )
    assert "bitte das Amt auswählen" in response.content.decode()
    assert "neu@amt.example" in response.content.decode()  # what was typed stays
    unit = plan_setup["units"][1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"member-email": "neu@amt.example", "member-role": "editor", "member-unit": unit.pk},
        )
    membership = org.memberships.get(user__email="neu@amt.example")
    assert (membership.role, membership.unit) == ("editor", unit)
    assert len(mail.outbox) == 1 and "Einladung" in mail.outbox[0].subject
    assert "/passwort-neu/" in mail.outbox[0].body


def test_coordinator_builds_a_plan_through_the_forms(client, plan_setup):
    org = plan_setup["organization"]
    client.force_login(plan_setup["people"]["coordinator"])
    response = client.post(
        reverse("plans:plan_create", args=[org.slug]),
        {
            "title": "Integrationsplan 2030",
            "slug": "ip-2030",
            "status": "adopted",
            "adopted_on": "",
        },
    )
    assert "braucht das Datum des Beschlusses" in response.content.decode()
    assert "Integrationsplan 2030" in response.content.decode()
    client.post(
        reverse("plans:plan_create", args=[org.slug]),
        {"title": "Integrationsplan 2030", "slug": "ip-2030", "status": "draft"},
    )
    plan = Plan.objects.get(slug="ip-2030")
    client.post(
        reverse("plans:field_create", args=[plan.slug]),
        {"number": 1, "title": "Sprache", "motto": "Vielsprachigkeit als Ressource"},
    )
    response = client.post(
        reverse("plans:field_create", args=[plan.slug]), {"number": 1, "title": "Doppelt"}
    )
    assert "gibt es in diesem Plan schon" in response.content.decode()
    client.post(
        reverse("plans:measure_create", args=[plan.slug, 1]),
        {
            "title": "Dolmetscher-Pool aufbauen",
            "responsibility": "own",
            "priority": "focus",
            "weight": "2",
        },
    )
    measure = plan.fields.get(number=1).measures.get()
    assert (measure.number, measure.priority, measure.weight) == ("1.1", "focus", 2)
    client.post(
        reverse("plans:report_create", args=[plan.slug]),
        {"title": "Bilanz 2030", "as_of": "2030-02-20"},
    )
    report = plan.reports.get()
    assert report.entries.get().measure == measure
    response = client.post(
        reverse("plans:report_create", args=[plan.slug]), {"title": "x", "as_of": "2030-02-20"}
    )
    assert "schon eine Bilanz mit Stand 20.02.2030" in response.content.decode()


def test_saving_into_a_report_published_meanwhile_keeps_the_text(client, plan_setup):
    report = plan_setup["report"]
    entry = report.entries.first()
    client.force_login(plan_setup["people"]["coordinator"])
    services.report_publish(report=report, by=None)
    data = {
        "status": "done",
        "description": "Mein Text",
        "original_wording": "",
        "version": entry.version,
    }
    response = client.post(entry_url(entry), data)
    assert response.status_code == 403
    assert (
        "inzwischen veröffentlicht" in response.content.decode()
        and "Mein Text" in response.content.decode()
    )
    response = client.post(entry_url(entry), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403 and "X-Teilhabe-Message" in response
    assert client.get(entry_url(entry)).status_code == 403


def test_htmx_request_after_logout_gets_401_not_the_login_page(client, plan_setup):
    entry = plan_setup["report"].entries.first()
    response = client.post(entry_url(entry), {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert "abgelaufen" in unquote(response["X-Teilhabe-Message"])


def test_the_last_administrator_cannot_step_down(client, plan_setup):
    org, admin = plan_setup["organization"], plan_setup["people"]["admin"]
    client.force_login(admin)
    url = reverse("backoffice:organization_detail", args=[org.slug])
    response = client.post(url, {"member-email": admin.email, "member-role": "reader"})
    assert "einzige Administration" in response.content.decode()
    assert org.memberships.get(user=admin).role == "admin"
