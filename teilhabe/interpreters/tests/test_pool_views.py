"""The pool's pages: the personal-link pages of institutions and mediators (what each sees and
does), the coordination's pages (offer, close, statements with their downloads), the access log,
and constant queries as the pool grows."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.interpreters.models.pool import AccessLog, InterpretingRequest, Mediator
from teilhabe.interpreters.services import pool as services

from .pool_world import DAY, TODAY, request_fields

pytestmark = pytest.mark.django_db


def _url(name, setup, token, **extra):
    return reverse(
        f"portal:{name}",
        kwargs={"org_slug": setup["world"].organization.slug, "token": token, **extra},
    )


def _coordinator(setup):
    client = Client()
    client.force_login(setup["world"].people["coordinator"])
    return client


def test_unknown_or_foreign_links_are_404_and_never_cached(pool_setup):
    client = Client()
    response = client.get(_url("interpreters_mediator", pool_setup, "falsch"))
    assert response.status_code == 404
    assert "Diesen persönlichen Link kennen wir nicht" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # The right token under another organisation's address opens nothing either.
    other = reverse(
        "portal:interpreters_mediator",
        kwargs={
            "org_slug": pool_setup["world"].stranger_organization.slug,
            "token": pool_setup["tokens"]["amal"],
        },
    )
    assert client.get(other).status_code == 404


def test_institution_submits_and_the_rules_answer_in_german(pool_setup):
    client = Client()
    url = _url("interpreters_requester", pool_setup, pool_setup["tokens"]["requester"])
    page = client.get(url)
    assert page.status_code == 200 and "Psychologische Beratungsstelle" in page.content.decode()
    form = {
        k: v for k, v in request_fields(setting="police").items() if k != "professional_present"
    }
    form |= {"professional_present": "on", "date": "2030-03-18", "start_time": "09:00"}
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "Gericht, Polizei, ärztliche" in refused.content.decode()
    before = InterpretingRequest.objects.count()
    accepted = client.post(url, form | {"setting": "school"})
    assert accepted.status_code == 302
    assert InterpretingRequest.objects.count() == before + 1


def test_mediator_sees_what_they_need_and_never_the_coordinators_note(pool_setup):
    client = Client()
    page = client.get(_url("interpreters_offer", pool_setup, pool_setup["tokens"]["offer_amal"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Erstberatung Kita-Anmeldung" in text and "Frau Beraterin" in text
    assert "Familie Haddad" not in text and "beratung@example.org" not in text
    overview = client.get(_url("interpreters_mediator", pool_setup, pool_setup["tokens"]["amal"]))
    assert "Familie Haddad" not in overview.content.decode()
    assert "Erstberatung Kita-Anmeldung" in overview.content.decode()


def test_the_whole_cycle_through_the_pages(pool_setup, django_capture_on_commit_callbacks):
    setup = pool_setup
    coordinator = _coordinator(setup)
    # The invited mediator consents through their link, then is a candidate.
    invited_url = _url("interpreters_mediator", setup, setup["tokens"]["invited"])
    assert "Ich willige ein" in Client().get(invited_url).content.decode()
    Client().post(invited_url, {"action": "consent", "guidelines": "on"})
    assert Mediator.objects.get(pk=setup["mediators"]["invited"].pk).status == "active"
    detail = reverse("interpreters:request_detail", args=[setup["submitted"].pk])
    page = coordinator.get(detail).content.decode()
    assert "Neu Test" in page and "Pause Test" not in page
    mail.outbox.clear()
    coordinator.post(
        reverse("interpreters:request_offer", args=[setup["submitted"].pk]),
        {"mediator": [setup["mediators"]["invited"].pk, setup["mediators"]["amal"].pk]},
    )
    assert len(mail.outbox) == 2
    offer = setup["submitted"].offers.get(mediator=setup["mediators"]["invited"])
    # The new mediator accepts on their own page.
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(invited_url, {"action": "accept", "offer": offer.pk})
    assert InterpretingRequest.objects.get(pk=setup["submitted"].pk).status == "assigned"
    assert setup["submitted"].offers.get(mediator=setup["mediators"]["amal"]).answer == "taken"
    # The institution confirms after the day; the allowance is computed.
    InterpretingRequest.objects.filter(pk=setup["submitted"].pk).update(date=dt.date(2020, 3, 2))
    confirm = _url(
        "interpreters_requester_request",
        setup,
        setup["tokens"]["requester"],
        pk=setup["submitted"].pk,
    )
    Client().post(
        confirm,
        {"action": "confirm", "attended": "1", "minutes": "90", "travel_km": "10", "rating": "5"},
    )
    item = InterpretingRequest.objects.get(pk=setup["submitted"].pk)
    assert item.status == "done" and str(item.assignment.allowance) == "25.50"
    # The coordination makes March 2020's statement and downloads it.
    response = coordinator.post(
        reverse("interpreters:statement_list", args=[setup["pool"].pk]), {"month": "2020-03"}
    )
    assert response.status_code == 302
    statement = setup["pool"].statements.get()
    assert str(statement.total) == "25.50"
    the_csv = coordinator.get(
        reverse("interpreters:statement_download", args=[statement.pk, "csv"])
    ).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(the_csv), delimiter=";"))
    assert rows[1][:2] == ["Neu Test", "02.03.2020"] and rows[-1][-1] == "25,50"
    xlsx = coordinator.get(reverse("interpreters:statement_download", args=[statement.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(2, 1).value == "Neu Test" and float(sheet.cell(3, 9).value) == 25.5
    pdf = coordinator.get(reverse("interpreters:statement_download", args=[statement.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_statement_exports_keep_formulas_as_text(pool_setup):
    setup = pool_setup
    Mediator.objects.filter(pk=setup["mediators"]["amal"].pk).update(name="=HYPERLINK(1)")
    services.offer_accept(offer=setup["offers"][0])
    services.attendance_confirm(
        request=setup["offered"],
        requester=setup["requester"],
        attended=True,
        minutes=60,
        travel_km=0,
        today=DAY,
    )
    statement = services.statement_create(pool=setup["pool"], month=DAY, by=None)
    coordinator = _coordinator(setup)
    the_csv = coordinator.get(
        reverse("interpreters:statement_download", args=[statement.pk, "csv"])
    ).content.decode("utf-8-sig")
    assert "\n'=HYPERLINK(1);" in the_csv
    xlsx = coordinator.get(reverse("interpreters:statement_download", args=[statement.pk, "xlsx"]))
    cell = load_workbook(io.BytesIO(xlsx.content)).active.cell(2, 1)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(1)"  # text, never a formula


def test_looking_at_a_mediator_is_logged(pool_setup):
    coordinator = _coordinator(pool_setup)
    amal = pool_setup["mediators"]["amal"]
    coordinator.get(reverse("interpreters:mediator_detail", args=[amal.pk]))
    entry = AccessLog.objects.get(mediator_ref=amal.pk)
    assert entry.user == pool_setup["world"].people["coordinator"]
    log = coordinator.get(reverse("interpreters:access_log", args=[pool_setup["pool"].pk]))
    assert "Amal Test" in log.content.decode()


def test_mediator_gives_feedback_on_their_own_assignment_only(pool_setup):
    setup = pool_setup
    services.offer_accept(offer=setup["offers"][0])
    services.attendance_confirm(
        request=setup["offered"],
        requester=setup["requester"],
        attended=True,
        minutes=60,
        travel_km=0,
        today=DAY,
    )
    assignment = setup["offered"].assignment
    amal_url = _url("interpreters_mediator", setup, setup["tokens"]["amal"])
    Client().post(amal_url, {"action": "feedback", "assignment": assignment.pk, "text": "Gut"})
    assignment.refresh_from_db()
    assert assignment.mediator_feedback == "Gut"
    omar_url = _url("interpreters_mediator", setup, setup["tokens"]["omar"])
    foreign = Client().post(
        omar_url, {"action": "feedback", "assignment": assignment.pk, "text": "Fremd"}
    )
    assert foreign.status_code == 404


def test_mediator_exports_and_deletes_by_link(pool_setup):
    client = Client()
    token = pool_setup["tokens"]["amal"]
    data = client.get(_url("interpreters_mediator_data", pool_setup, token)).json()
    assert data["email"] == "amal@example.org" and data["languages"][0]["language"] == "Arabisch"
    response = client.post(_url("interpreters_mediator_delete", pool_setup, token))
    assert "Ihre Daten sind gelöscht" in response.content.decode()
    assert not Mediator.objects.filter(email="amal@example.org").exists()
    assert client.get(_url("interpreters_mediator", pool_setup, token)).status_code == 404


def test_institution_cancels_and_mediators_are_told(pool_setup, django_capture_on_commit_callbacks):
    url = _url(
        "interpreters_requester_request",
        pool_setup,
        pool_setup["tokens"]["requester"],
        pk=pool_setup["offered"].pk,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(url, {"action": "cancel", "reason": "Familie verzogen"})
    assert InterpretingRequest.objects.get(pk=pool_setup["offered"].pk).status == "cancelled"
    assert {"amal@example.org", "omar@example.org"} <= {m.to[0] for m in mail.outbox}
    # Another institution's link does not reach the request.
    foreign = _url(
        "interpreters_requester_request",
        pool_setup,
        pool_setup["tokens"]["other_requester"],
        pk=pool_setup["offered"].pk,
    )
    assert Client().get(foreign).status_code == 404


def test_pages_keep_their_queries_as_the_pool_grows(pool_setup, django_assert_max_num_queries):
    setup = pool_setup
    coordinator = _coordinator(setup)
    urls = [
        reverse("interpreters:pool_detail", args=[setup["pool"].pk]),
        reverse("interpreters:mediator_list", args=[setup["pool"].pk]),
        reverse("interpreters:request_list", args=[setup["pool"].pk]),
        reverse("interpreters:body_list", args=[setup["pool"].pk]),
        reverse("interpreters:request_detail", args=[setup["submitted"].pk]),
        _url("interpreters_requester", setup, setup["tokens"]["requester"]),
        _url("interpreters_mediator", setup, setup["tokens"]["amal"]),
    ]
    counts = []
    for _round in range(2):
        counts.append([])
        for url in urls:
            with django_assert_max_num_queries(30) as captured:
                assert coordinator.get(url).status_code == 200, url
            counts[-1].append(len(captured))
        for i in range(10):
            mediator, _token = services.mediator_create(
                pool=setup["pool"],
                name=f"Mehr {i}",
                email=f"mehr{_round}-{i}@example.org",
                background="volunteer",
                languages=[{"language": "Arabisch", "level": 5}],
                by=None,
                notify=False,
            )
            services.mediator_consent_give(mediator=mediator, guidelines=True)
            request = services.request_submit(
                requester=setup["requester"],
                today=TODAY,
                **request_fields(start_time=dt.time(8 + i % 8, 0)),
            )
            services.request_offer(request=request, mediators=[mediator], by=None)
            services.offer_accept(offer=request.offers.get())
        body = services.body_create(
            pool=setup["pool"], name=f"Schule {_round}", kind="school", by=None
        )
        services.requester_create(body=body, name="X", email="x@example.org", by=None, notify=False)
    assert counts[0] == counts[1], list(zip(urls, counts[0], counts[1], strict=True))


def test_coordinator_edits_a_mediator_and_records_a_training(pool_setup):
    coordinator = _coordinator(pool_setup)
    amal = pool_setup["mediators"]["amal"]
    url = reverse("interpreters:mediator_edit", args=[amal.pk])
    form = coordinator.get(url).context["form"]
    assert "Arabisch; Syrisch; 7; 7; 7; 7" in form.initial["languages"]
    data = {
        "name": "Amal Test",
        "email": "amal@example.org",
        "background": "volunteer",
        "languages": "Arabisch; Syrisch; 7; 7; 6; 5\nFranzösisch; ; 5; 5; 5; 4",
        "areas": "Böblingen\nHerrenberg",
        "weekdays": ["0", "2"],
        "modes": ["in_person"],
        "preferred_hours_per_month": "6",
    }
    bad = coordinator.post(url, data | {"languages": "Arabisch; Syrisch; 9"})
    assert "Zeile 1 ist nicht lesbar" in bad.content.decode()
    assert coordinator.post(url, data).status_code == 302
    amal.refresh_from_db()
    assert amal.areas == ["Böblingen", "Herrenberg"] and amal.weekdays == [0, 2]
    assert sorted(amal.languages.values_list("language", flat=True)) == ["Arabisch", "Französisch"]
    coordinator.post(
        reverse("interpreters:training_add", args=[amal.pk]),
        {"kind": "neutrality", "completed_on": "2030-01-15"},
    )
    assert amal.trainings.get().get_kind_display() == "Neutrale Rolle"
    assert AccessLog.objects.filter(mediator_ref=amal.pk, action="Stammdaten bearbeitet").exists()
