"""A mail server that is down neither fails nor undoes what a person did: the failure is logged
for the operator (interpreters' test_pool_services shows the write staying saved)."""

import logging

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from teilhabe.core.mail import deliver


@pytest.fixture
def server_down(monkeypatch):
    def refuse(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def test_deliver_sends_one_mail_per_address_and_skips_empty_ones():
    assert deliver("Betreff", "Text\n", ["a@example.org", "", "b@example.org"]) == 2
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]


def test_a_server_that_is_down_is_logged_not_raised(server_down, caplog):
    with caplog.at_level(logging.ERROR, logger="teilhabe.mail"):
        assert deliver("Einsatz bestätigt", "Text\n", ["a@example.org"]) == 0
    assert "Mail nicht zugestellt (Betreff: Einsatz bestätigt)" in caplog.text
    assert "a@example.org" not in caplog.text
