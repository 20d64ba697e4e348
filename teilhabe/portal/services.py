"""Writes for the portal: feedback from readers, the organisation's portal details."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from teilhabe.organizations.models import Membership

from .models import Feedback


def feedback_recipients(organization) -> list[str]:
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
def feedback_submit(*, organization, message, page_url="", name="", email="") -> Feedback:
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
            lambda: send_mail(
                f"Rückmeldung zur Barrierefreiheit – {organization.name}",
                body,
                None,
                recipients,
                fail_silently=False,
            )
        )
    return feedback
