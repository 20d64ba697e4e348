"""The pool's cycle through its services: rules refusing requests, matching, offers to several
with the first acceptance winning, cancellation, attendance and allowances, the monthly
statement, the mediator's export and deletion, retention."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from teilhabe.core.errors import ServiceError
from teilhabe.interpreters.models.pool import (
    AccessLog,
    Assignment,
    InterpretingRequest,
    Mediator,
    OfferAnswer,
    RequestStatus,
    StatementLine,
)
from teilhabe.interpreters.services import pool as services

from .pool_world import DAY, TODAY, request_fields

pytestmark = pytest.mark.django_db


def _submit(setup, **changes):
    return services.request_submit(
        requester=setup["requester"], today=TODAY, **request_fields(**changes)
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": TODAY + dt.timedelta(days=4)}, "mindestens 5 Arbeitstage"),
        ({"date": TODAY - dt.timedelta(days=1)}, "in der Vergangenheit"),
        ({"setting": "court"}, "„Gericht“ vermittelt der Pool keine"),
        ({"setting": "police"}, "rechtlichen Folgen"),
        ({"setting": "medical_diagnosis"}, "vereidigte"),
        ({"professional_present": False}, "Fachkraft Ihrer Einrichtung anwesend"),
    ],
)
def test_rules_refuse_requests_with_a_german_reason(pool_setup, changes, message):
    before = InterpretingRequest.objects.count()
    with pytest.raises(ServiceError, match=message):
        _submit(pool_setup, **changes)
    assert InterpretingRequest.objects.count() == before


def test_lead_time_counts_working_days_not_calendar_days(pool_setup):
    # Monday 4 March → Monday 11 March is five working days; the Sunday before is four.
    assert _submit(pool_setup, date=dt.date(2030, 3, 11)).pk
    with pytest.raises(ServiceError):
        _submit(pool_setup, date=dt.date(2030, 3, 10))


def test_only_the_kinds_of_institution_the_pool_allows_may_request(pool_setup):
    pool = pool_setup["pool"]
    pool.allowed_body_kinds = ["school"]
    pool.save()
    with pytest.raises(ServiceError, match="keine Sprachmittlung anfragen"):
        _submit(pool_setup)


def test_candidates_fit_language_dialect_area_and_leave_out_paused_and_unconsented(pool_setup):
    request = pool_setup["submitted"]
    names = [m.name for m in services.request_candidates(request, today=TODAY)]
    # Omar speaks Iraqi Arabic and works everywhere; Amal works in Böblingen; the paused and
    # the invited mediator (no consent yet) are never candidates.
    assert set(names) == {"Amal Test", "Omar Test"}
    syrian = _submit(pool_setup, dialect="Syrisch", start_time=dt.time(8, 0))
    assert [m.name for m in services.request_candidates(syrian, today=TODAY)] == ["Amal Test"]
    elsewhere = _submit(pool_setup, municipality="Sindelfingen", start_time=dt.time(8, 0))
    assert [m.name for m in services.request_candidates(elsewhere, today=TODAY)] == ["Omar Test"]
    by_phone = _submit(
        pool_setup, municipality="Sindelfingen", mode="phone", start_time=dt.time(8, 0)
    )
    assert len(services.request_candidates(by_phone, today=TODAY)) == 2


def test_first_acceptance_wins_and_the_others_are_told(
    pool_setup, django_capture_on_commit_callbacks
):
    amal_offer, omar_offer = pool_setup["offers"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.offer_accept(offer=omar_offer) is True
        assert services.offer_accept(offer=amal_offer) is False
    request = InterpretingRequest.objects.get(pk=pool_setup["offered"].pk)
    assert request.status == RequestStatus.ASSIGNED
    assert request.assignment.mediator.name == "Omar Test"
    amal_offer.refresh_from_db()
    assert amal_offer.answer == OfferAnswer.TAKEN
    subjects = {(m.to[0], m.subject.split(":")[0]) for m in mail.outbox}
    assert ("omar@example.org", "Bestätigt") in subjects
    assert ("beratung@example.org", "Sprachmittlung bestätigt") in subjects
    assert ("amal@example.org", "Schon vergeben") in subjects


def test_a_busy_mediator_is_no_candidate_for_an_overlapping_request(pool_setup):
    services.offer_accept(offer=pool_setup["offers"][1])  # Omar, 14:00–15:30
    overlapping = _submit(pool_setup, start_time=dt.time(15, 0))
    names = [m.name for m in services.request_candidates(overlapping, today=TODAY)]
    assert "Omar Test" not in names


def test_rotation_puts_who_worked_least_first(pool_setup):
    services.offer_accept(offer=pool_setup["offers"][1])  # Omar has 90 minutes now
    later = _submit(pool_setup, start_time=dt.time(8, 0))
    assert services.request_candidates(later, today=TODAY)[0].name == "Amal Test"


def test_offer_email_holds_the_link_and_no_internal_note(pool_setup):
    mail.outbox.clear()
    request = _submit(pool_setup, start_time=dt.time(8, 0))
    mail.outbox.clear()
    [(offer, token)] = services.request_offer(
        request=request, mediators=[pool_setup["mediators"]["amal"]], by=None
    )
    [message] = mail.outbox
    assert token in message.body
    assert "Familie Haddad" not in message.body
    assert offer.token_hash != token and len(offer.token_hash) == 64


def test_cancellation_tells_mediators_with_an_open_offer_and_the_institution(
    pool_setup, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_cancel(
            request=pool_setup["offered"],
            reason="Termin verschoben",
            requester=pool_setup["requester"],
        )
    recipients = {m.to[0] for m in mail.outbox if m.subject.startswith("Abgesagt")}
    assert recipients == {
        "amal@example.org",
        "omar@example.org",
        "beratung@example.org",
        "pool@example.org",
    }
    with pytest.raises(ServiceError):
        services.request_cancel(request=pool_setup["offered"], reason="noch mal")


def test_another_institution_cannot_cancel_or_confirm(pool_setup):
    with pytest.raises(ServiceError, match="nicht zu Ihrer Einrichtung"):
        services.request_cancel(
            request=pool_setup["offered"], reason="x", requester=pool_setup["other_requester"]
        )


def _done(setup, minutes=90, km=Decimal("12.5")):
    services.offer_accept(offer=setup["offers"][0])
    return services.attendance_confirm(
        request=setup["offered"],
        requester=setup["requester"],
        attended=True,
        minutes=minutes,
        travel_km=km,
        rating=5,
        feedback="Sehr hilfreich",
        today=DAY,
    )


def test_attendance_computes_the_allowance_in_decimal(pool_setup):
    services.offer_accept(offer=pool_setup["offers"][0])
    with pytest.raises(ServiceError, match="erst ab seinem Tag"):
        services.attendance_confirm(
            request=pool_setup["offered"],
            requester=pool_setup["requester"],
            attended=True,
            minutes=90,
            travel_km=Decimal("0"),
            today=TODAY,
        )
    assignment = Assignment.objects.get(request=pool_setup["offered"])
    assignment = services.attendance_confirm(
        request=pool_setup["offered"],
        requester=pool_setup["requester"],
        attended=True,
        minutes=100,
        travel_km=Decimal("12.5"),
        today=DAY,
    )
    # 100 min × 15 €/h = 25.00; 12.5 km × 0.30 = 3.75.
    assert assignment.allowance == Decimal("28.75")
    assert InterpretingRequest.objects.get(pk=pool_setup["offered"].pk).status == "done"


def test_monthly_statement_collects_confirmed_assignments_once(pool_setup):
    _done(pool_setup)
    statement = services.statement_create(pool=pool_setup["pool"], month=DAY, by=None)
    assert statement.total == Decimal("26.25")  # 22.50 + 3.75
    [line] = statement.lines.all()
    assert (line.mediator_name, line.minutes, line.amount) == ("Amal Test", 90, Decimal("26.25"))
    with pytest.raises(ServiceError, match="schon eine Abrechnung"):
        services.statement_create(pool=pool_setup["pool"], month=DAY, by=None)
    with pytest.raises(ServiceError, match="keine bestätigten Einsätze"):
        services.statement_create(pool=pool_setup["pool"], month=dt.date(2030, 4, 1), by=None)


def test_mediator_deletion_removes_the_person_and_keeps_what_was_paid(pool_setup):
    _done(pool_setup)
    services.statement_create(pool=pool_setup["pool"], month=DAY, by=None)
    amal = pool_setup["mediators"]["amal"]
    data = services.mediator_data(amal)
    assert data["languages"][0]["dialect"] == "Syrisch"
    assert data["assignments"][0]["allowance"] == "26.25"
    assert data["consents"]
    services.mediator_delete(mediator=amal)
    assert not Mediator.objects.filter(pk=amal.pk).exists()
    assert services.mediator_by_token(pool_setup["tokens"]["amal"]) is None
    assert Assignment.objects.get(request=pool_setup["offered"]).mediator is None
    assert StatementLine.objects.get().mediator_name == "Amal Test"


def test_deleting_a_mediator_reopens_their_future_assignment(pool_setup):
    services.offer_accept(offer=pool_setup["offers"][0])
    mail.outbox.clear()
    services.mediator_delete(mediator=pool_setup["mediators"]["amal"])
    request = InterpretingRequest.objects.get(pk=pool_setup["offered"].pk)
    assert request.status == RequestStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [["pool@example.org"]]


def test_links_are_stored_hashed_and_renewal_kills_the_old_one(pool_setup):
    amal = pool_setup["mediators"]["amal"]
    old = pool_setup["tokens"]["amal"]
    assert amal.link_hash == services.hash_token(old) and old not in amal.link_hash
    new = services.mediator_link_renew(mediator=amal, by=None)
    assert services.mediator_by_token(old) is None
    assert services.mediator_by_token(new).pk == amal.pk


def test_invite_from_the_staff_survey(pool_setup):
    mail.outbox.clear()
    mediator = services.mediator_invite(
        pool=pool_setup["pool"],
        name="Frau Amt",
        email="amt@example.org",
        languages=[{"language": "Türkisch", "level": 6}],
        by=None,
    )
    assert mediator.status == "invited" and mediator.background == "staff"
    assert "Einwilligung" in mail.outbox[0].body
    with pytest.raises(ServiceError, match="schon jemand"):
        services.mediator_invite(
            pool=pool_setup["pool"],
            name="Frau Amt",
            email="AMT@example.org",
            languages=[{"language": "Türkisch", "level": 6}],
            by=None,
        )


def test_consent_needs_the_guidelines(pool_setup):
    with pytest.raises(ServiceError, match="Leitlinien"):
        services.mediator_consent_give(
            mediator=pool_setup["mediators"]["invited"], guidelines=False
        )


def test_purge_deletes_old_closed_requests_but_keeps_unpaid_ones(pool_setup):
    _done(pool_setup)
    services.request_cancel(request=pool_setup["submitted"], reason="weg")
    services.log_access(mediator=pool_setup["mediators"]["omar"], user=None, action="view")
    later = dt.datetime(2040, 1, 1, tzinfo=dt.UTC)
    result = services.purge(pool=pool_setup["pool"], now=later)
    # The cancelled request goes; the done one waits for its statement.
    assert result == {"requests": 1, "access_log": 1}
    assert InterpretingRequest.objects.filter(pk=pool_setup["offered"].pk).exists()
    services.statement_create(pool=pool_setup["pool"], month=DAY, by=None)
    assert services.purge(pool=pool_setup["pool"], now=later)["requests"] == 1
    assert not AccessLog.objects.exists()


def test_purge_command(pool_setup):
    from io import StringIO

    from django.core.management import call_command

    services.request_cancel(request=pool_setup["submitted"], reason="weg")
    InterpretingRequest.objects.filter(pk=pool_setup["submitted"].pk).update(
        closed_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    )
    out = StringIO()
    call_command("purge_interpreter_pool", "--dry-run", stdout=out)
    assert "würde löschen: 1 Anfragen" in out.getvalue()
    assert InterpretingRequest.objects.filter(pk=pool_setup["submitted"].pk).exists()
    call_command("purge_interpreter_pool", stdout=out)
    assert not InterpretingRequest.objects.filter(pk=pool_setup["submitted"].pk).exists()


def test_an_acceptance_stays_saved_when_the_mail_server_is_down(
    pool_setup, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    _amal_offer, omar_offer = pool_setup["offers"]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.offer_accept(offer=omar_offer) is True
    request = InterpretingRequest.objects.get(pk=pool_setup["offered"].pk)
    assert request.status == RequestStatus.ASSIGNED
    assert request.assignment.mediator.name == "Omar Test"
