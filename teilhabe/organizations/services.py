"""Writes for organisations, offices and memberships."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Membership, Organization, Role, Unit, User


@transaction.atomic
def organization_create(
    *, name: str, slug: str, kind: str, ags: str = "", parent=None
) -> Organization:
    organization = Organization(name=name, slug=slug, kind=kind, ags=ags, parent=parent)
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def unit_create(*, organization: Organization, name: str, email: str = "") -> Unit:
    unit = Unit(organization=organization, name=name, email=email)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def user_create(
    *, email: str, password: str | None, first_name: str = "", last_name: str = ""
) -> User:
    return User.objects.create_user(
        email=email, password=password, first_name=first_name, last_name=last_name
    )


@transaction.atomic
def membership_set(
    *, user: User, organization: Organization, role: str, unit: Unit | None = None
) -> Membership:
    if role == Role.EDITOR and unit is None:
        raise ValueError("Die Rolle Fachamt braucht ein Amt.")
    if unit is not None and unit.organization_id != organization.pk:
        raise ValueError("Das Amt gehört nicht zu dieser Organisation.")
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organization=organization,
        defaults={"role": role, "unit": unit if role == Role.EDITOR else None},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    membership.delete()


def user_send_invitation(*, user: User, organization: Organization) -> None:
    """Mail a new person a link to set their password (valid as long as a reset link)."""
    context = {
        "email": user.email,
        "organization": organization,
        "url": settings.SITE_URL
        + reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        ),
    }
    subject = render_to_string("auth/invitation_subject.txt", context).strip()
    send_mail(subject, render_to_string("auth/invitation_email.txt", context), None, [user.email])
