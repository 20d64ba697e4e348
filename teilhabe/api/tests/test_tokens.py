"""API keys: stored as SHA-256 only, shown once, managed by their owner alone."""

import hashlib
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from teilhabe.api.models import ApiToken
from teilhabe.api.services import api_token_create, api_token_revoke
from teilhabe.core.errors import ServiceError
from teilhabe.testing import make_user

from .conftest import bearer

pytestmark = pytest.mark.django_db

LIST = "/verwaltung/api-schluessel/"


def test_only_the_hash_of_a_key_is_stored():
    user = make_user()
    token, key = api_token_create(user=user, name="Fachverfahren")
    assert key.startswith("th_") and len(key) > 40
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(stored)
    assert token.key_start == key[:10]
    assert ApiToken.objects.for_key(key).get() == token


def test_keys_need_a_name_and_an_active_person():
    with pytest.raises(ServiceError):
        api_token_create(user=make_user(), name="   ")
    inactive = make_user()
    inactive.is_active = False
    inactive.save()
    with pytest.raises(ServiceError):
        api_token_create(user=inactive, name="x")


def test_revoking_keeps_the_first_time():
    token, key = api_token_create(user=make_user(), name="x")
    first = api_token_revoke(token=token, by=None).revoked_at
    assert api_token_revoke(token=token, by=None).revoked_at == first
    assert not ApiToken.objects.for_key(key).exists()


class TestPage:
    def test_needs_a_login(self, client):
        response = client.get(LIST)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "anmelden" in response["Location"]

    def test_create_shows_the_key_once(self, client, api):
        user = make_user()
        client.force_login(user)
        response = client.post(LIST, {"name": "Fachverfahren Gesundheitsamt"})
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        token = ApiToken.objects.get(user=user)
        html = response.content.decode()
        key = re.search(r'id="api-schluessel"[^>]* value="([^"]+)"', html).group(1)
        assert key.startswith(token.key_start)
        assert api.get("/api/v1/plans/", **bearer(key)).status_code == 200
        listing = client.get(LIST).content.decode()
        assert "Fachverfahren Gesundheitsamt" in listing
        assert key not in listing
        assert token.key_start in listing

    def test_a_name_is_required(self, client):
        client.force_login(make_user())
        response = client.post(LIST, {"name": " "})
        assert response.status_code == 400
        assert "Bezeichnung" in response.content.decode()
        assert not ApiToken.objects.exists()

    def test_lists_only_own_keys(self, client):
        mine, theirs = make_user(), make_user()
        api_token_create(user=mine, name="Mein Schlüssel")
        api_token_create(user=theirs, name="Fremder Schlüssel")
        client.force_login(mine)
        html = client.get(LIST).content.decode()
        assert "Mein Schlüssel" in html and "Fremder Schlüssel" not in html

    def test_owner_revokes(self, client):
        user = make_user()
        token, _key = api_token_create(user=user, name="Alt")
        client.force_login(user)
        response = client.post(reverse("api_tokens:revoke", args=[token.pk]), follow=True)
        assert "ist widerrufen" in response.content.decode()
        token.refresh_from_db()
        assert token.revoked_at is not None

    def test_nobody_revokes_somebody_elses_key(self, client):
        token, _key = api_token_create(user=make_user(), name="Fremd")
        client.force_login(make_user())
        response = client.post(reverse("api_tokens:revoke", args=[token.pk]))
        assert response.status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_revoke_needs_post(self, client):
        user = make_user()
        token, _key = api_token_create(user=user, name="x")
        client.force_login(user)
        assert client.get(reverse("api_tokens:revoke", args=[token.pk])).status_code == 405


class TestCommand:
    def test_create_prints_the_key_alone(self):
        user = make_user(email="amt@example.org")
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "api-token",
            "create",
            "--email",
            "AMT@example.org",
            "--name",
            "Skript",
            stdout=out,
            stderr=err,
        )
        key = out.getvalue().strip()
        assert ApiToken.objects.for_key(key).get().user == user
        assert "nur jetzt" in err.getvalue()

    def test_list_and_revoke(self):
        user = make_user(email="amt@example.org")
        token, _key = api_token_create(user=user, name="Skript")
        out = io.StringIO()
        call_command("api-token", "list", "--email", "amt@example.org", stdout=out)
        assert "Skript" in out.getvalue() and "gültig" in out.getvalue()
        call_command("api-token", "revoke", "--id", str(token.pk), stdout=io.StringIO())
        token.refresh_from_db()
        assert token.revoked_at is not None

    def test_unknown_person_is_a_clear_error(self):
        with pytest.raises(CommandError, match="keine Person"):
            call_command("api-token", "create", "--email", "x@example.org", "--name", "n")
