"""Registrations for Fachtage and workshops: places, waiting list, cancellation, attendance and
the emails that go with them.

Every change of who holds a place locks the event's row first, so two people registering for
the last place at the same moment cannot both get it, and a cancellation moves up exactly one
person from the waiting list. Emails go out once the transaction has committed, in the language
the person used on the portal; a failing mail server does not undo a registration (the person
sees the result on the page as well).
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.mail import deliver
from teilhabe.organizations.models import User

from ..models import EVENT_KINDS, ParticipationFormat, Registration, RegistrationStatus
from . import antispam

REMINDER_DAYS_BEFORE = 2
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _language(language: str | None) -> str:
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def registration_open(event: ParticipationFormat, now: dt.datetime | None = None) -> bool:
    """Whether people may register now: an event with registration open that has not begun."""
    now = now or timezone.now()
    return (
        event.kind in EVENT_KINDS
        and event.registration_open
        and (event.starts_at is None or event.starts_at > now)
    )


def confirmed_count(event: ParticipationFormat) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def has_free_place(event: ParticipationFormat, confirmed: int) -> bool:
    return event.capacity is None or confirmed < event.capacity


def _portal_url(name: str, registration: Registration, language: str) -> str:
    process = registration.event.process
    with translation.override(language):
        path = reverse(
            f"portal:{name}",
            kwargs={
                "org_slug": process.plan.organization.slug,
                "plan_slug": process.plan.slug,
                "token": registration.token,
            },
        )
    return settings.SITE_URL.rstrip("/") + path


def registration_mail(registration: Registration, kind: str) -> tuple[str, str, str]:
    """(subject, body, recipient) of the email `kind` (confirmed, waiting, moved_up, reminder,
    cancelled) in the person's language."""
    language = _language(registration.language)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "process": event.process,
        "organization": event.process.plan.organization,
        "cancel_url": _portal_url("event_cancel", registration, language),
        "my_data_url": _portal_url("my_data", registration, language),
    }
    with translation.override(language):
        subject = render_to_string(f"participation/email/registration_{kind}_subject.txt", context)
        body = render_to_string(f"participation/email/registration_{kind}.txt", context)
    return " ".join(subject.split()), body, registration.email


def _send(registration: Registration, kind: str) -> None:
    subject, body, recipient = registration_mail(registration, kind)

    # The registration stands whatever the mail server does; the log tells the operator.
    transaction.on_commit(lambda: deliver(subject, body, [recipient]))


def _locked_event(event_id: int) -> ParticipationFormat:
    # Only the event's row is locked (of=self), not the plan and organisation joined to it.
    return (
        ParticipationFormat.objects.select_for_update(of=("self",))
        .select_related("process__plan__organization")
        .get(pk=event_id)
    )


@transaction.atomic
def registration_create(
    *,
    event: ParticipationFormat,
    name: str,
    email: str,
    affiliation: str = "",
    accessibility_needs: str = "",
    language_help: str = "",
    language: str | None = None,
    sender_key: str = "",
    now: dt.datetime | None = None,
) -> Registration:
    """Register somebody: a place if one is free, the waiting list otherwise; email them.

    `sender_key` (antispam.sender_key of the request) counts a portal sender's registrations:
    too many from one sender, or from everybody in the process at once, are refused
    (antispam.Refused) like ideas. Messages are translatable: people see them on the portal in
    their language."""
    event = _locked_event(event.pk)
    if not registration_open(event, now):
        raise ServiceError(_("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich."))
    # Counted under the event's lock, so a burst of parallel requests cannot slip past the limit
    # for this event; across events of the process the count is close enough.
    antispam.check_flood(
        Registration.objects.all(),
        kind="registrations",
        sender=sender_key,
        process_filter={"event__process_id": event.process_id},
        now=now,
    )
    email = email.strip()
    active = event.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if active.filter(email__iexact=email).exists():
        raise ServiceError(
            _(
                "Mit dieser E-Mail-Adresse ist schon jemand angemeldet. Den Link zu Ihrer "
                "Anmeldung finden Sie in der Bestätigung, die wir Ihnen geschickt haben."
            )
        )
    confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
    registration = Registration(
        event=event,
        name=name.strip(),
        email=email,
        affiliation=affiliation.strip(),
        accessibility_needs=accessibility_needs.strip(),
        language_help=language_help.strip(),
        language=_language(language or translation.get_language()),
        sender_key=sender_key,
        status=(
            RegistrationStatus.CONFIRMED
            if has_free_place(event, confirmed)
            else RegistrationStatus.WAITING
        ),
    )
    registration.full_clean(exclude=["event"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # The unique constraint on (event, email) catches what the check above cannot see.
        raise ServiceError(_("Mit dieser E-Mail-Adresse ist schon jemand angemeldet.")) from None
    _send(registration, "confirmed" if registration.status == "confirmed" else "waiting")
    return registration


def _move_up(event: ParticipationFormat) -> Registration | None:
    """Give free places to the first people on the waiting list (event row locked)."""
    confirmed = confirmed_count(event)
    if not has_free_place(event, confirmed):
        return None
    if event.starts_at is not None and event.starts_at <= timezone.now():
        return None
    first = (
        event.registrations.select_for_update()
        .filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "id")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.CONFIRMED
    first.version += 1
    first.save(update_fields=["status", "version"])
    first.event = event
    _send(first, "moved_up")
    return first


def registration_by_token(token: str) -> Registration | None:
    return (
        Registration.objects.select_related("event__process__plan__organization")
        .filter(token=token)
        .first()
    )


@transaction.atomic
def registration_cancel(*, registration: Registration) -> tuple[Registration, Registration | None]:
    """Cancel a registration (by its token holder); moves up the first on the waiting list.

    Returns the cancelled registration and the person who moved up, if anyone did."""
    event = _locked_event(registration.event_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        return current, None
    current.status = RegistrationStatus.CANCELLED
    current.version += 1
    current.save(update_fields=["status", "version"])
    current.event = event
    _send(current, "cancelled")
    return current, _move_up(event)


@transaction.atomic
def registration_delete(*, registration: Registration) -> Registration | None:
    """Delete a registration with all its personal data (the person's wish); frees the place.

    Returns the person who moved up, if anyone did."""
    event = _locked_event(registration.event_id)
    Registration.objects.filter(pk=registration.pk).delete()
    return _move_up(event)


@transaction.atomic
def registration_set_attendance(
    *, registration: Registration, attended: bool | None, by: User | None
) -> Registration:
    """Record whether somebody came (None: not recorded yet)."""
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED and attended:
        raise ServiceError("Diese Person hat sich abgemeldet.")
    current.attended = attended
    current.version += 1
    current.save(update_fields=["attended", "version"])
    return current


def reminders_send(
    *, now: dt.datetime | None = None, days_before: int = REMINDER_DAYS_BEFORE
) -> list[Registration]:
    """Remind confirmed participants of events starting within `days_before` days.

    Idempotent: each registration is reminded once (reminder_sent_at); runs safely in parallel,
    since each row is locked and checked again before it is marked."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + dt.timedelta(days=days_before),
    ).values_list("pk", flat=True)
    reminded = []
    for pk in list(due):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("event__process__plan__organization")
                .filter(pk=pk, reminder_sent_at__isnull=True, status=RegistrationStatus.CONFIRMED)
                .first()
            )
            if registration is None:
                continue
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            _send(registration, "reminder")
            reminded.append(registration)
    return reminded
