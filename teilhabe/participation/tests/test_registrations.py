"""Registrations: places, waiting list, cancellation moving up, emails, reminders."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from teilhabe.core.errors import ServiceError
from teilhabe.participation.models import Registration
from teilhabe.participation.services import registrations as service
from teilhabe.testing import make_plan

from .test_processes_support import make_event, make_process

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def event(db):
    plan, _report, _units = make_plan(fields=1, measures_per_field=1, units=1)
    return make_event(make_process(plan), capacity=2)


def register(event, n, **extra):
    return service.registration_create(
        event=event, name=f"Person {n}", email=f"p{n}@example.org", **extra
    )


def test_capacity_then_waiting_list(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = (register(event, n) for n in range(3))
    assert [r.status for r in (first, second, third)] == ["confirmed", "confirmed", "waiting"]
    assert len(mail.outbox) == 3
    assert "Warteliste" in mail.outbox[2].subject
    assert mail.outbox[0].to == ["p0@example.org"]
    assert "/beteiligung/abmeldung/" + first.token in mail.outbox[0].body
    assert "/beteiligung/meine-daten/" + first.token in mail.outbox[0].body


def test_unlimited_capacity(event):
    event.capacity = None
    event.save()
    assert all(register(event, n).status == "confirmed" for n in range(5))


def test_same_email_twice_is_refused(event):
    register(event, 1)
    with pytest.raises(ServiceError, match="schon jemand angemeldet"):
        service.registration_create(event=event, name="Noch mal", email="P1@example.org")


def test_closed_or_past_events_refuse(event):
    event.registration_open = False
    event.save()
    with pytest.raises(ServiceError, match="keine Anmeldung"):
        register(event, 1)
    event.registration_open = True
    event.starts_at = timezone.now() - dt.timedelta(hours=1)
    event.save()
    with pytest.raises(ServiceError):
        register(event, 1)


def test_cancellation_moves_up_the_first_waiting(event, django_capture_on_commit_callbacks):
    first, _second, third, fourth = (register(event, n) for n in range(4))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled, moved = service.registration_cancel(registration=first)
    assert cancelled.status == "cancelled"
    assert moved.pk == third.pk
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("confirmed", "waiting")
    assert {m.to[0] for m in mail.outbox} == {"p0@example.org", "p2@example.org"}
    assert any("Platz ist frei" in m.subject for m in mail.outbox)
    # Cancelling twice changes nothing and moves nobody else up.
    _again, moved_again = service.registration_cancel(registration=first)
    assert moved_again is None


def test_cancelled_person_may_register_again(event):
    first = register(event, 1)
    service.registration_cancel(registration=first)
    assert register(event, 1).status == "confirmed"


def test_delete_frees_the_place(event):
    first, _second, third = (register(event, n) for n in range(3))
    moved = service.registration_delete(registration=first)
    assert moved.pk == third.pk
    assert not Registration.objects.filter(pk=first.pk).exists()


def test_confirmation_in_the_portal_language(event, django_capture_on_commit_callbacks):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        registration = register(event, 1)
    assert registration.language == "en"
    assert "/en/" in mail.outbox[0].body
    # The German source appears when the catalogue has no English yet; the address is English.
    with translation.override("ar"), django_capture_on_commit_callbacks(execute=True):
        arabic = register(event, 2)
    assert arabic.language == "ar"
    assert f"/ar/{event.process.plan.organization.slug}/" in mail.outbox[1].body


def test_email_text_is_not_html_escaped(event, django_capture_on_commit_callbacks):
    event.title = "Fachtag Bildung & Arbeit"
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 1)
    assert "Bildung & Arbeit" in mail.outbox[0].subject
    assert "&amp;" not in mail.outbox[0].body


def test_reminders_are_sent_once(event, django_capture_on_commit_callbacks):
    event.starts_at = timezone.now() + dt.timedelta(days=1)
    event.save()
    confirmed, _second, waiting = (register(event, n) for n in range(3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminded = service.reminders_send()
    assert {r.pk for r in reminded} == {confirmed.pk, _second.pk}
    assert len(mail.outbox) == 2
    assert all("Erinnerung" in m.subject for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert service.reminders_send() == []
    assert len(mail.outbox) == 2
    waiting.refresh_from_db()
    assert waiting.reminder_sent_at is None


def test_reminders_wait_until_close_to_the_event(event):
    register(event, 1)  # the event starts in 10 days
    assert service.reminders_send() == []


def test_reminder_command(event, capsys):
    event.starts_at = timezone.now() + dt.timedelta(days=1)
    event.save()
    register(event, 1)
    call_command("send-event-reminders")
    assert "1 Erinnerung" in capsys.readouterr().out


def test_attendance(event):
    registration = register(event, 1)
    updated = service.registration_set_attendance(registration=registration, attended=True, by=None)
    assert updated.attended is True
    service.registration_cancel(registration=registration)
    with pytest.raises(ServiceError):
        service.registration_set_attendance(registration=registration, attended=True, by=None)
