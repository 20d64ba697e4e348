from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("E-Mail-Adresse fehlt.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with their email address."""

    username = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self):
        return self.get_full_name() or self.email


class OrganizationKind(models.TextChoices):
    # A Land (its integration ministry) or a regional body: its members read the overview of
    # the Kreise and Gemeinden below it, their internal state included (indicators.view_land).
    STATE = "state", _("Land")
    DISTRICT = "district", _("Landkreis")
    CITY = "city", _("Stadt")
    MUNICIPALITY = "municipality", _("Gemeinde")


class OrganizationQuerySet(models.QuerySet):
    def of_member(self, user):
        """The organisations in which the user holds a role, by name."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct().order_by("name")


class Organization(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=OrganizationKind.choices)
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"), max_length=8, blank=True, help_text=_("8 Ziffern")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("gehört zu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ags"], condition=~Q(ags=""), name="organization_ags_unique"
            ),
            models.CheckConstraint(
                condition=Q(ags="") | Q(ags__regex=r"^[0-9]{8}$"), name="organization_ags_8_digits"
            ),
        ]

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def of_organization(self, organization_id):
        return self.filter(organization_id=organization_id).order_by("name")


class Unit(models.Model):
    """An office (Amt, Fachamt, Sachgebiet, Stabsstelle) inside an organisation."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse für Anfragen"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("Amt")
        verbose_name_plural = _("Ämter")
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unit_name_unique"),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administration")
    COORDINATOR = "coordinator", _("Koordination")
    EDITOR = "editor", _("Fachamt (Bearbeitung)")
    READER = "reader", _("Lesezugriff intern")


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def of_organization(self, organization_id):
        return (
            self.filter(organization_id=organization_id)
            .select_related("user", "unit")
            .order_by("user__email")
        )


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Amt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("Nur für die Rolle Fachamt: das Amt, dessen Maßnahmen bearbeitet werden."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique"),
            models.CheckConstraint(
                condition=~Q(role="editor") | Q(unit__isnull=False),
                name="membership_editor_has_unit",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"
