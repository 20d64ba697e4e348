"""API keys with which offices write progress through the REST API."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# "th_" marks a Teilhabe key, so that secret scanners and people recognise it.
KEY_PREFIX = "th_"


def key_hash(key: str) -> str:
    """The SHA-256 of a key: the only form in which a key is stored."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def of_user(self, user):
        return self.filter(user=user)

    def for_key(self, key: str):
        """The active token with this key (at most one: the hash is unique)."""
        return self.active().filter(key_hash=key_hash(key))


class ApiToken(models.Model):
    """A person's API key. The key itself is shown once at creation and never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür der Schlüssel dient, z. B. „Fachverfahren Gesundheitsamt“."),
    )
    key_hash = models.CharField(_("SHA-256 des Schlüssels"), max_length=64, unique=True)
    # The first characters of the key, to tell keys apart in lists; too short to guess the rest.
    key_start = models.CharField(_("Anfang des Schlüssels"), max_length=12)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("zuletzt benutzt am"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(key_hash__regex=r"^[0-9a-f]{64}$"), name="api_token_hash_is_sha256"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
