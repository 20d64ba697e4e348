"""Mail to the people a write concerns (applicants, mediators, providers, offices).

`deliver` sends one mail per address and never raises over the mail server: a server that is
down or refuses an address is logged for the operator (subject and count, no addresses), and
what the person did stays saved and their page answers as usual. Callers send after their
transaction commits where a rolled-back write must send nothing.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

from django.core.mail import send_mail

logger = logging.getLogger("teilhabe.mail")


def deliver(
    subject: str, body: str, recipients: Iterable[str], *, sender: str | None = None
) -> int:
    """Send `body` to each address on its own; return how many were handed to the server."""
    sent = 0
    for address in recipients:
        if not address:
            continue
        try:
            sent += send_mail(subject, body, sender, [address])
        except (OSError, smtplib.SMTPException):
            logger.exception("Mail nicht zugestellt (Betreff: %s)", subject)
    return sent
