"""Login throttling and lockout (django-axes) and the password reset that tells nobody which
addresses have accounts (issue 10: 200 wrong passwords were all answered; the reset took
54-128 ms for known and 11-35 ms for unknown addresses)."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from teilhabe.testing import factories

pytestmark = pytest.mark.django_db


def run_queued_tasks():
    """What `teilhabe db_worker` does, inside the test's transaction (the worker command closes
    the connection at its end, which PostgreSQL tests cannot have)."""
    from django.utils.module_loading import import_string
    from django_tasks_db.models import DBTaskResult

    for result in DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"):
        task = import_string(result.task_path)
        task.func(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])


@pytest.fixture
def person():
    return factories.UserFactory(email="anna@amt.example")


def attempt(client, email, password, address="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_wrong_passwords_lock_the_account_out_with_a_german_page(client, person, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        response = attempt(client, "anna@amt.example", "falsch")
        assert response.status_code == 200
        assert "E-Mail-Adresse oder Passwort stimmen nicht" in response.content.decode()
    # The third wrong password is the last one answered: it locks the account.
    assert attempt(client, "anna@amt.example", "falsch").status_code == 429
    # Even the right password is refused now, from another address and written otherwise.
    response = attempt(client, "Anna@Amt.example", factories.PASSWORD, address="198.51.100.1")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in page
    assert "für 15 Minuten gesperrt" in page
    assert "_auth_user_id" not in client.session


def test_guessing_many_accounts_from_one_address_is_locked_out(client, person, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        attempt(client, f"nobody{n}@amt.example", "falsch")
    assert attempt(client, "anna@amt.example", factories.PASSWORD).status_code == 429
    # Colleagues elsewhere are not affected.
    response = attempt(client, "anna@amt.example", factories.PASSWORD, address="198.51.100.1")
    assert response.status_code == 302


def test_a_successful_login_clears_the_failures(client, person, settings):
    settings.AXES_FAILURE_LIMIT = 3
    attempt(client, "anna@amt.example", "falsch")
    attempt(client, "anna@amt.example", "falsch")
    assert attempt(client, "anna@amt.example", factories.PASSWORD).status_code == 302
    client.logout()
    attempt(client, "anna@amt.example", "falsch")
    attempt(client, "anna@amt.example", "falsch")
    assert attempt(client, "anna@amt.example", factories.PASSWORD).status_code == 302


def reset(client, email, address="203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, person):
    known = reset(client, "anna@amt.example")
    unknown = reset(client, "niemand@amt.example")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert not mail.outbox  # the worker sends, not the request
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["anna@amt.example"]]
    assert "/passwort-neu/" in mail.outbox[0].body


def test_password_reset_takes_as_long_for_known_as_for_unknown_addresses(client, person):
    def duration(email):
        started = time.perf_counter()
        reset(client, email)
        return time.perf_counter() - started

    reset(client, "warm@amt.example")
    known, unknown = [], []
    for _ in range(9):  # interleaved, and the fastest of each: noise from other work only adds
        known.append(duration("anna@amt.example"))
        unknown.append(duration("niemand@amt.example"))
    # Before, a known address rendered and sent its mail in the request; now both only queue.
    assert min(known) < min(unknown) * 1.5 + 0.002
    assert min(unknown) < min(known) * 1.5 + 0.002


def test_password_reset_is_rate_limited(client, person, settings, real_cache):
    settings.TEILHABE_PASSWORD_RESET_LIMITS = {"per_address_hour": 4, "per_email_hour": 2}
    for _ in range(4):
        assert reset(client, "anna@amt.example").status_code == 302
    refused = reset(client, "anna@amt.example")
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()
    run_queued_tasks()
    # Only two mails for the address, although four requests were answered as usual.
    assert len(mail.outbox) == 2
    # Another client address may still ask.
    assert reset(client, "niemand@amt.example", address="198.51.100.1").status_code == 302
