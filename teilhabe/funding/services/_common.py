"""What the fund's services share: links, mail, cache generations."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from teilhabe.core import generations
from teilhabe.core.mail import deliver


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(24)
    return token, hash_token(token)


def absolute(path: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def mail(
    template: str, context: dict[str, Any], recipients: Iterable[str], language: str = "de"
) -> None:
    """A plain-text email from templates/funding/email/<template>.txt in `language`; its first
    line is the subject. Sent after the transaction commits, so a rolled-back write sends
    nothing."""
    addresses = [address for address in recipients if address]
    if not addresses:
        return
    with translation.override(language):
        text = render_to_string(f"funding/email/{template}.txt", context)
    subject, _, body = text.strip().partition("\n")

    transaction.on_commit(lambda: deliver(subject.strip(), body.strip() + "\n", addresses))


def public_changed(organization_slug: str) -> None:
    """Funded projects, calls and statistics appear on cached public pages: a change to them
    starts a new content generation of the organisation."""
    scope = generations.organization_scope(organization_slug)
    transaction.on_commit(lambda: generations.bump(scope))
