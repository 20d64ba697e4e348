"""What an organisation publishes about itself on the portal, and what readers send back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from teilhabe.organizations.models import Organization

from .querysets import FeedbackQuerySet


class Licence(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", "Creative Commons Namensnennung 4.0 International (CC BY 4.0)"
    CC0 = "CC0-1.0", "Creative Commons Zero 1.0 (CC0, gemeinfrei)"
    DL_DE_BY = "DL-DE-BY-2.0", "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    DL_DE_ZERO = "DL-DE-ZERO-2.0", "Datenlizenz Deutschland – Zero – Version 2.0"


LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.DL_DE_BY: "https://www.govdata.de/dl-de/by-2-0",
    Licence.DL_DE_ZERO: "https://www.govdata.de/dl-de/zero-2-0",
}


class Conformance(models.TextChoices):
    FULL = "full", _("vollständig vereinbar")
    PARTIAL = "partial", _("teilweise vereinbar")
    NONE = "none", _("nicht vereinbar")


class PortalProfile(models.Model):
    """The legally required pages and the open-data licence of one organisation."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="portal_profile"
    )
    imprint = models.TextField(_("Impressum"), blank=True)
    privacy = models.TextField(_("Datenschutzerklärung"), blank=True)
    accessibility_conformance = models.CharField(
        _("Stand der Vereinbarkeit mit BITV 2.0"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    accessibility_known_issues = models.TextField(
        _("Nicht barrierefreie Inhalte und Begründung"), blank=True
    )
    accessibility_reviewed_on = models.DateField(
        _("Erklärung erstellt oder zuletzt überprüft am"), null=True, blank=True
    )
    enforcement_body = models.TextField(
        _("Schlichtungs- bzw. Durchsetzungsstelle"),
        blank=True,
        help_text=_("Name, Anschrift und Internetadresse der zuständigen Stelle"),
    )
    feedback_email = models.EmailField(
        _("E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit"),
        blank=True,
        help_text=_("Rückmeldungen gehen außerdem an alle Koordinatorinnen und Koordinatoren."),
    )
    easy_language_text = models.TextField(
        _("Text in Leichter Sprache"),
        blank=True,
        help_text=_("Erscheint auf der Seite „Leichte Sprache“ nach der allgemeinen Erklärung."),
    )
    data_licence = models.CharField(
        _("Lizenz der offenen Daten"),
        max_length=20,
        choices=Licence.choices,
        default=settings.TEILHABE_DEFAULT_LICENCE,
    )
    data_attribution = models.CharField(
        _("Namensnennung"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Landratsamt Böblingen“; leer: der Name der Organisation"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Portalangaben")
        verbose_name_plural = _("Portalangaben")

    def __str__(self):
        return str(self.organization)

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS[self.data_licence]

    @property
    def attribution(self) -> str:
        return self.data_attribution or self.organization.name


class Feedback(models.Model):
    """A reader's report of a barrier (or other feedback) sent from the accessibility statement."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="portal_feedback"
    )
    message = models.TextField(_("Ihre Nachricht"))
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organization}: {self.message[:40]}"
