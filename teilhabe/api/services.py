"""Writes for API keys: create, revoke, and note when a key was used."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from teilhabe.core.errors import ServiceError
from teilhabe.organizations.models import User

from .models import KEY_PREFIX, ApiToken, key_hash

# A key's last use is written at most this often: not one UPDATE per API request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new key for `user`: returns the token and the key, which exists only in this return
    value (the database keeps its SHA-256)."""
    name = name.strip()
    if not name:
        raise ServiceError("Bitte geben Sie dem Schlüssel eine Bezeichnung.")
    if not user.is_active:
        raise ServiceError(f"{user.email} ist deaktiviert und kann keinen Schlüssel erhalten.")
    key = new_key()
    token = ApiToken(user=user, name=name, key_hash=key_hash(key), key_start=key[:10])
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User | None) -> ApiToken:
    """Revoke a key for good; revoking twice keeps the first time."""
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
    return current


def api_token_touch(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Note that the key was just used (to the minute)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
