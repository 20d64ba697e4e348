"""The client address behind proxies: X-Forwarded-For only from the configured proxies."""

import logging

import pytest
from django.test import RequestFactory

from teilhabe.core.clients import client_address
from teilhabe.core.request_log import client_network, loggable_path


def request(remote: str, forwarded: str | None = None):
    made = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        made.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return made


def test_without_proxies_the_peer_is_the_client_whatever_the_header_says(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_forwarded_client_counts(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_address(request("10.0.0.5", "198.51.100.1")) == "198.51.100.1"


def test_a_forged_entry_left_of_the_real_client_counts_for_nothing(settings):
    # The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    got = client_address(request("10.0.0.5", "1.2.3.4, 198.51.100.1"))
    assert got == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    got = client_address(request("10.0.0.5", "198.51.100.1, 192.0.2.10"))
    assert got == "198.51.100.1"


def test_garbage_in_the_chain_stops_at_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_address(request("10.0.0.5", "nonsense")) == "10.0.0.5"
    assert client_address(request("10.0.0.5", "")) == "10.0.0.5"


def test_ipv6_proxies_and_clients(settings):
    settings.TRUSTED_PROXIES = ["::1"]
    assert client_address(request("::1", "2001:db8::1")) == "2001:db8::1"


@pytest.mark.django_db
def test_participants_behind_one_proxy_get_separate_spam_buckets(settings):
    from teilhabe.participation.services.antispam import sender_key

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    first = sender_key(request("127.0.0.1", "198.51.100.1"))
    second = sender_key(request("127.0.0.1", "198.51.100.2"))
    assert first != second
    settings.TRUSTED_PROXIES = []
    assert sender_key(request("127.0.0.1", "198.51.100.1")) == sender_key(
        request("127.0.0.1", "198.51.100.2")
    )


def test_api_throttle_counts_the_same_client(settings):
    from teilhabe.api.throttling import AnonymousThrottle

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert AnonymousThrottle().get_ident(request("127.0.0.1", "198.51.100.9")) == "198.51.100.9"


def test_request_log_keeps_network_not_person_and_no_reset_tokens():
    assert client_network("198.51.100.77") == "198.51.100.0/24"
    assert client_network("2001:db8:1:2::77") == "2001:db8:1::/48"
    assert client_network("unknown") == "-"
    assert loggable_path("/passwort-neu/MQ/abc-123/") == "/passwort-neu/…/…/"
    assert loggable_path("/plan/x/") == "/plan/x/"


@pytest.mark.django_db
def test_one_log_line_per_request(client, caplog, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    with caplog.at_level(logging.INFO, logger="teilhabe.requests"):
        client.get(
            "/healthz?secret=1", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "teilhabe.requests"]
    assert len(lines) == 1
    assert lines[0].startswith("GET /healthz 200 ")
    assert lines[0].endswith("client=198.51.100.0/24")
    assert "secret" not in lines[0]
