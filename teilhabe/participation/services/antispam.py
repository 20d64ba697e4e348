"""Protection of the public forms (ideas, comments, support) against spam and floods.

Nobody needs an account to take part, so the forms defend themselves:

- a honeypot field that people do not see and bots fill in;
- a minimum time between loading the form and sending it, carried in a signed timestamp (so
  the server keeps no state and nobody can forge an older form);
- a flood limit per sender and per process, counted on `sender_key`: a salted hash of the
  address and the day, which identifies nobody and changes daily. Each kind of submission
  (ideas, comments, registrations, supports) has limits and messages of its own: an
  organisation registering ten colleagues from one office address is ordinary, ten ideas an
  hour from one address are not;
- refusal of oversized or malformed text (control characters, links only, too many links).

Every refusal is a `Refused` with a translatable German message for the person.
"""

import datetime as dt
import re
import secrets
import time
import unicodedata
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from teilhabe.core import locks
from teilhabe.core.clients import client_address
from teilhabe.core.errors import ServiceError

# TEILHABE_PARTICIPATION_LIMITS overrides these key by key. The flood limits
# (per_sender_hour, per_sender_day, per_process_minute) belong to one kind of submission:
# set them nested, e.g. {"registrations": {"per_sender_hour": 50}}; a flood key at the top level
# applies to every kind (a nested one still wins). Example:
#   TEILHABE_PARTICIPATION_LIMITS = {"min_fill_seconds": 3, "ideas": {"per_sender_day": 40}}
# Integers, and per kind of submission a dict of them, like the setting that overrides them.
DEFAULT_LIMITS: dict[str, Any] = {
    # Seconds a person needs at least between opening a form and sending it.
    "min_fill_seconds": 4,
    # A form older than this is refused (and offered again with a new timestamp).
    "max_form_age_seconds": 12 * 3600,
    "max_urls": 3,
    # Per kind: submissions per sender (address) per hour and per day, and of all senders
    # together in one process per minute.
    "ideas": {"per_sender_hour": 5, "per_sender_day": 20, "per_process_minute": 30},
    "comments": {"per_sender_hour": 5, "per_sender_day": 20, "per_process_minute": 30},
    # Somebody registers several colleagues from one office (one address for all of them);
    # registration opening for a Fachtag brings many at once.
    "registrations": {"per_sender_hour": 30, "per_sender_day": 100, "per_process_minute": 60},
    # One click each; a browser agrees once per idea, so more come from one address only when
    # somebody clears cookies to agree again (or a whole office or school shares an address).
    "supports": {"per_sender_hour": 60, "per_sender_day": 300, "per_process_minute": 120},
}
FLOOD_KINDS = ("ideas", "comments", "registrations", "supports")
FLOOD_KEYS = ("per_sender_hour", "per_sender_day", "per_process_minute")

# What a person is told, per kind and limit (lazy: rendered in the language of the request).
FLOOD_MESSAGES = {
    "ideas": {
        "per_sender_day": gettext_lazy(
            "Von Ihrem Anschluss kamen heute schon sehr viele Beiträge. Bitte versuchen Sie es "
            "morgen wieder."
        ),
        "per_sender_hour": gettext_lazy(
            "Von Ihrem Anschluss kamen in der letzten Stunde schon sehr viele Beiträge. Bitte "
            "versuchen Sie es in einer Stunde wieder."
        ),
        "per_process_minute": gettext_lazy(
            "Gerade kommen sehr viele Beiträge auf einmal an. Bitte versuchen Sie es in einer "
            "Minute noch einmal."
        ),
    },
    "registrations": {
        "per_sender_day": gettext_lazy(
            "Von Ihrem Anschluss kamen heute schon sehr viele Anmeldungen. Bitte versuchen Sie "
            "es morgen wieder oder schreiben Sie der Koordination, wenn Sie eine größere Gruppe "
            "anmelden möchten."
        ),
        "per_sender_hour": gettext_lazy(
            "Von Ihrem Anschluss kamen in der letzten Stunde schon sehr viele Anmeldungen. Bitte "
            "versuchen Sie es in einer Stunde wieder oder schreiben Sie der Koordination, wenn "
            "Sie eine größere Gruppe anmelden möchten."
        ),
        "per_process_minute": gettext_lazy(
            "Gerade kommen sehr viele Anmeldungen auf einmal an. Bitte versuchen Sie es in einer "
            "Minute noch einmal."
        ),
    },
    "supports": {
        "per_sender_day": gettext_lazy(
            "Von Ihrem Anschluss kamen heute schon sehr viele Zustimmungen. Bitte versuchen Sie "
            "es morgen wieder."
        ),
        "per_sender_hour": gettext_lazy(
            "Von Ihrem Anschluss kamen in der letzten Stunde schon sehr viele Zustimmungen. "
            "Bitte versuchen Sie es in einer Stunde wieder."
        ),
        "per_process_minute": gettext_lazy(
            "Gerade kommen sehr viele Zustimmungen auf einmal an. Bitte versuchen Sie es in "
            "einer Minute noch einmal."
        ),
    },
}
# Comments are contributions like ideas: the same words fit.
FLOOD_MESSAGES["comments"] = FLOOD_MESSAGES["ideas"]

_SIGNING_SALT = "teilhabe.participation.form-started"
_SENDER_SALT = "teilhabe.participation.sender"
_SUPPORTER_SALT = "teilhabe.participation.supporter"
SUPPORTER_SESSION_KEY = "participation_supporter"

URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Tab, line feed and carriage return are text; other control characters are not.
ALLOWED_CONTROL = {"\t", "\n", "\r"}


class Refused(ServiceError):
    """A submission refused by the spam and flood protection; the message is for the person."""


def limits(kind: str | None = None) -> dict[str, int]:
    """The limits in force: the defaults, overridden key by key by TEILHABE_PARTICIPATION_LIMITS.

    With a `kind` (one of FLOOD_KINDS) the flood limits of that kind are included at the top
    level: its defaults, then top-level flood keys of the setting, then the setting's nested
    ones for the kind."""
    configured = getattr(settings, "TEILHABE_PARTICIPATION_LIMITS", {}) or {}
    merged = {key: value for key, value in DEFAULT_LIMITS.items() if key not in FLOOD_KINDS}
    merged.update({key: value for key, value in configured.items() if key not in FLOOD_KINDS})
    if kind is not None:
        if kind not in FLOOD_KINDS:
            raise ValueError(f"unknown kind of submission: {kind}")
        merged.update(DEFAULT_LIMITS[kind])
        merged.update({key: configured[key] for key in FLOOD_KEYS if key in configured})
        merged.update(configured.get(kind) or {})
    return merged


# Fill time -------------------------------------------------------------------------------------


def form_timestamp(now: float | None = None) -> str:
    """A signed value for the form's hidden field: the moment the form was handed out."""
    return signing.dumps(round(now if now is not None else time.time(), 3), salt=_SIGNING_SALT)


def check_fill_time(value: str, now: float | None = None) -> None:
    """Refuse a form sent too soon after it was handed out, too late, or with a forged time."""
    now = now if now is not None else time.time()
    config = limits()
    try:
        started = float(signing.loads(value or "", salt=_SIGNING_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        raise Refused(
            _(
                "Das Formular war unvollständig. Bitte prüfen Sie Ihre Eingaben und senden Sie "
                "es noch einmal ab."
            )
        ) from None
    elapsed = now - started
    if elapsed > config["max_form_age_seconds"]:
        raise Refused(
            _(
                "Das Formular war zu lange geöffnet. Ihre Eingaben sind erhalten: bitte senden "
                "Sie es noch einmal ab."
            )
        )
    if elapsed < config["min_fill_seconds"]:
        raise Refused(
            _(
                "Das ging sehr schnell – so schnell füllen sonst nur Programme Formulare aus. "
                "Ihre Eingaben sind erhalten: bitte prüfen Sie sie und senden Sie das Formular "
                "in ein paar Sekunden noch einmal ab."
            )
        )


def fill_time_is_renewable(value: str) -> bool:
    """True if the form's timestamp cannot succeed any more (forged or expired): it needs a new
    one when the form is shown again. A timestamp that was only too fresh keeps its time."""
    try:
        started = float(signing.loads(value or "", salt=_SIGNING_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    return time.time() - started > limits()["max_form_age_seconds"]


def check_honeypot(value: str) -> None:
    if value:
        raise Refused(
            _(
                "Das Feld „Bitte leer lassen“ muss leer bleiben. Es dient dem Schutz vor "
                "automatisch versandten Beiträgen."
            )
        )


# Text ------------------------------------------------------------------------------------------


def check_text(text: str, *, label: str) -> None:
    """Refuse control characters, text that is nothing but links, and too many links."""
    for char in text:
        if char not in ALLOWED_CONTROL and unicodedata.category(char) == "Cc":
            raise Refused(
                _("„%(label)s“ enthält unzulässige Steuerzeichen. Bitte entfernen Sie sie.")
                % {"label": label}
            )
    urls = URL_PATTERN.findall(text)
    if urls and not any(ch.isalpha() for ch in URL_PATTERN.sub(" ", text)):
        raise Refused(
            _(
                "Bitte beschreiben Sie in „%(label)s“ in eigenen Worten, worum es geht – nicht nur mit Links."
            )
            % {"label": label}
        )
    maximum = limits()["max_urls"]
    if len(urls) > maximum:
        raise Refused(
            ngettext(
                "Bitte verwenden Sie höchstens %(max)d Link.",
                "Bitte verwenden Sie höchstens %(max)d Links.",
                maximum,
            )
            % {"max": maximum}
        )


# Senders and supporters ------------------------------------------------------------------------


def sender_key(request: HttpRequest, *, today: dt.date | None = None) -> str:
    """A salted hash of the address and the day: enough to count one sender's submissions,
    not enough to find out who they are (it changes every day and needs the secret key)."""
    day = (today or timezone.localdate()).isoformat()
    return salted_hmac(
        _SENDER_SALT, f"{client_address(request)}|{day}", algorithm="sha256"
    ).hexdigest()


def supporter_key(request: HttpRequest) -> str:
    """A salted hash for one browser (its session) or one account: a Zustimmung counts once.

    The session gets a random value of its own rather than using the session key, which changes
    on login; the hash keeps even that value out of the database."""
    if request.user.is_authenticated:
        value = f"user:{request.user.pk}"
    else:
        stored = request.session.get(SUPPORTER_SESSION_KEY)
        if not stored:
            # A browser without a session that sends many clicks at once would get a new
            # session, and so a new supporter, with each of them. They all carry the same CSRF
            # cookie (a POST needs it), so the first value is derived from it: parallel first
            # clicks of one browser are one supporter. Without the cookie (tests, API) random.
            csrf_secret = request.META.get("CSRF_COOKIE") or ""
            if csrf_secret:
                stored = salted_hmac(_SUPPORTER_SALT + ".csrf", csrf_secret).hexdigest()[:32]
            else:
                stored = secrets.token_hex(16)
            request.session[SUPPORTER_SESSION_KEY] = stored
        value = f"session:{stored}"

    return salted_hmac(_SUPPORTER_SALT, value, algorithm="sha256").hexdigest()


def known_supporter_key(request: HttpRequest) -> str | None:
    """The supporter key if this browser or account has one already (no session is started)."""
    if request.user.is_authenticated:
        return supporter_key(request)
    if request.session.get(SUPPORTER_SESSION_KEY):
        return supporter_key(request)
    return None


# Floods ----------------------------------------------------------------------------------------


def check_flood(
    queryset: models.QuerySet[models.Model],
    *,
    kind: str,
    sender: str,
    process_filter: dict[str, object],
    now: dt.datetime | None = None,
) -> None:
    """Refuse a submission when the sender, or everybody in the process together, sent too many.

    `kind` (ideas, comments, registrations, supports) picks the limits and the message;
    `queryset` holds that kind's rows (with `sender_key` and `created_at`), `process_filter`
    narrows it to the process (e.g. {"process": process} or {"idea__process_id": id})."""
    # Counting and the caller's insert must not interleave with a parallel request of the same
    # kind, or twenty parallel submissions all count four and all pass a limit of five. The lock
    # lasts until the caller's transaction commits, i.e. until the new row is visible.
    locks.hold(f"participation.flood:{kind}")
    now = now or timezone.now()
    config = limits(kind)
    messages = FLOOD_MESSAGES[kind]
    recent = queryset.filter(created_at__gte=now - dt.timedelta(hours=1))
    if sender:
        # The key changes daily, so every row with it is from today.
        if queryset.filter(sender_key=sender).count() >= config["per_sender_day"]:
            raise Refused(str(messages["per_sender_day"]))
        if recent.filter(sender_key=sender).count() >= config["per_sender_hour"]:
            raise Refused(str(messages["per_sender_hour"]))
    last_minute = queryset.filter(created_at__gte=now - dt.timedelta(minutes=1), **process_filter)
    if last_minute.count() >= config["per_process_minute"]:
        raise Refused(str(messages["per_process_minute"]))
