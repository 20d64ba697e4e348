"""Writes for organisations, offices and memberships."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from teilhabe.core.errors import ServiceError

from .models import Membership, Organization, Role, Unit, User


@transaction.atomic
def organization_create(
    *, name: str, slug: str, kind: str, ags: str = "", parent: Organization | None = None
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
def unit_email_set(*, unit: Unit, email: str, by: User | None) -> Unit:
    """Set (or clear) the office's functional address, where requests go besides its people."""
    unit.email = email.strip()
    unit.full_clean()
    unit.save(update_fields=["email"])
    return unit


@transaction.atomic
def unit_person_add(
    *, unit: Unit, email: str, first_name: str = "", last_name: str = "", by: User | None
) -> tuple[User, bool]:
    """Make a person a member of the office with the role Fachamt (invited if new). A person who
    already holds another role in the organisation keeps it: changing roles is the
    administrators' business (organization_detail)."""
    existing = Membership.objects.filter(
        organization=unit.organization, user__email__iexact=email
    ).first()
    if existing is not None and existing.role != Role.EDITOR:
        raise ServiceError(
            f"{email} hat in {unit.organization.name} schon die Rolle "
            f"„{existing.get_role_display()}“. Rollen ändert die Administration."
        )
    return member_add(
        organization=unit.organization,
        email=email,
        role=Role.EDITOR,
        unit=unit,
        first_name=first_name,
        last_name=last_name,
    )


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
    _keep_an_admin(organization, user, role)
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organization=organization,
        defaults={"role": role, "unit": unit if role == Role.EDITOR else None},
    )
    return membership


@transaction.atomic
def unit_person_remove(*, unit: Unit, membership_id: int, by: User | None) -> Membership:
    """Stop writing to a person on behalf of an office: their role Fachamt in it ends. Only
    that role of that office — administrators and coordinators are managed elsewhere."""
    membership = (
        Membership.objects.select_related("user")
        .filter(pk=membership_id, unit=unit, role=Role.EDITOR)
        .first()
    )
    if membership is None:
        raise ServiceError(f"Diese Person erhält keine Anfragen an {unit.name} (mehr).")
    membership.delete()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    _keep_an_admin(membership.organization, membership.user, role=None)
    membership.delete()


def _keep_an_admin(organization: Organization, user: User, role: str | None) -> None:
    """An organisation never loses its last administrator: nobody could manage it any more."""
    admins = Membership.objects.select_for_update().filter(
        organization=organization, role=Role.ADMIN
    )
    if role != Role.ADMIN and list(admins.values_list("user_id", flat=True)) == [user.pk]:
        raise ServiceError(
            f"{user.email} ist die einzige Administration von {organization.name}. "
            "Ernennen Sie zuerst eine weitere Person zur Administration."
        )


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


@transaction.atomic
def member_add(
    *,
    organization: Organization,
    email: str,
    role: str,
    unit: Unit | None = None,
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, bool]:
    """Give a person a role in the organisation; somebody new gets an account and an invitation.
    Returns the person and whether they were invited."""
    user = User.objects.filter(email__iexact=email).first()
    invited = user is None
    if user is None:
        user = user_create(email=email, password=None, first_name=first_name, last_name=last_name)

    membership_set(user=user, organization=organization, role=role, unit=unit)
    if invited:
        transaction.on_commit(lambda: user_send_invitation(user=user, organization=organization))
    return user, invited
