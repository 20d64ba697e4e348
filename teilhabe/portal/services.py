"""Writes for the portal: feedback from readers, the organisation's portal details."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from teilhabe.core import generations
from teilhabe.core.errors import ConflictError
from teilhabe.core.mail import deliver
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import Membership, Organization, User

from .models import Feedback, PortalProfile


def feedback_recipients(organization: Organization) -> list[str]:
    """The coordinators of the organisation, plus the address its statement names."""
    coordinators = Membership.objects.filter(
        organization=organization, role="coordinator", user__is_active=True
    ).values_list("user__email", flat=True)
    recipients = set(coordinators)
    profile = getattr(organization, "portal_profile", None)
    if profile is not None and profile.feedback_email:
        recipients.add(profile.feedback_email)
    return sorted(recipients)


@transaction.atomic
def feedback_submit(
    *, organization: Organization, message: str, page_url: str = "", name: str = "", email: str = ""
) -> Feedback:
    """Store a reader's feedback and mail it to the coordinators once the row is saved."""
    feedback = Feedback.objects.create(
        organization=organization,
        message=message,
        page_url=page_url,
        name=name,
        email=email,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    recipients = feedback_recipients(organization)
    if recipients:
        body = (
            f"Über die Erklärung zur Barrierefreiheit von {organization.name} kam eine "
            f"Rückmeldung (Sprache: {feedback.language}).\n\n"
            f"Seite: {page_url or '–'}\nName: {name or '–'}\nE-Mail: {email or '–'}\n\n"
            f"{message}\n"
        )
        transaction.on_commit(
            lambda: deliver(
                f"Rückmeldung zur Barrierefreiheit – {organization.name}", body, recipients
            )
        )
    return feedback


PORTAL_PROFILE_FIELDS = {
    "imprint",
    "privacy",
    "accessibility_conformance",
    "accessibility_known_issues",
    "accessibility_reviewed_on",
    "enforcement_body",
    "feedback_email",
    "easy_language_text",
    "data_licence",
    "data_attribution",
}


@transaction.atomic
def portal_profile_update(
    *, organization: Organization, by: User | None, version: int | None, **fields: object
) -> PortalProfile:
    """Save the organisation's portal details, creating them on the first save.

    `version` is the one the person started from: 0 if there were no details yet, None to
    save without checking (commands). A save over somebody else's meanwhile raises ConflictError.
    """
    unknown = set(fields) - PORTAL_PROFILE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    # The licence and the legal pages appear on the organisation's cached public pages.
    scope = generations.organization_scope(organization.slug)
    transaction.on_commit(lambda: generations.bump(scope))
    existing = (
        PortalProfile.objects.select_for_update()
        .filter(organization=organization)
        .values_list("pk", flat=True)
        .first()
    )
    if existing is not None:
        return save_versioned(
            PortalProfile, existing, expected_version=version, changes=fields, by=by
        )
    profile = PortalProfile(organization=organization, **fields)
    profile.full_clean(exclude=["organization"], validate_unique=False, validate_constraints=False)
    record_as(profile, by)
    try:
        # A savepoint: the first save of two at the same moment loses only this insert.
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise ConflictError(PortalProfile.objects.get(organization=organization)) from None
    return profile


@transaction.atomic
def feedback_mark_handled(*, feedback: Feedback, by: User | None) -> Feedback:
    """Mark a reader's feedback as handled; marking it again keeps the first time and person."""
    current = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if current.handled_at is None:
        current.handled_at = timezone.now()
        current.handled_by = by
        current.save(update_fields=["handled_at", "handled_by"])
    return current


def feedback_retention_days() -> int:
    return int(getattr(settings, "TEILHABE_FEEDBACK_RETENTION_DAYS", 365))


@transaction.atomic
def feedback_purge(*, now: dt.datetime | None = None, retention_days: int | None = None) -> int:
    """Delete feedback handled more than the retention period ago; returns how many.

    Open feedback is kept however old: it still needs an answer."""
    days = feedback_retention_days() if retention_days is None else retention_days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _by_model = Feedback.objects.filter(handled_at__lt=cutoff).delete()
    return deleted
