"""The IST-Stand: providers, their offers and the networks of a municipality.

The shape follows the Open Referral Human Services Data Specification (HSDS 3.0): a provider is
an HSDS organization, an offer a service with its languages, schedule, cost (fees description),
eligibility, service area (here: municipalities) and locations with accessibility. Offers and
networks belong to the organisation whose inventory they are part of (`organization`); the
provider may be a club, an office or a company from anywhere.

A provider keeps its offers current through a personal link: only a hash of the link's token is
stored, and what it sends waits as a `PendingChange` until a coordinator accepts it.

Names of fields and most choices are German only: the back office shows them. Target groups and
network kinds appear in the portal and are translated.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from teilhabe.funding.models import Application
from teilhabe.organizations.models import Organization, User
from teilhabe.participation.models import Recommendation
from teilhabe.plans.models import FieldOfAction, Measure

# One vocabulary of target groups for offers and good practice (it lives with practices, below).
from teilhabe.practices.models import Practice, TargetGroup

from .querysets import NetworkQuerySet, OfferQuerySet, PendingChangeQuerySet, ProviderQuerySet


class ProviderKind(models.TextChoices):
    OFFICE = "office", "Amt / Verwaltung"
    ASSOCIATION = "association", "Verein"
    MIGRANT_ORGANIZATION = "migrant_organization", "Migrantenorganisation"
    INITIATIVE = "initiative", "Initiative / Ehrenamt"
    WELFARE = "welfare", "Wohlfahrtsverband"
    RELIGIOUS = "religious", "Religionsgemeinschaft"
    EDUCATION = "education", "Bildungsträger / Schule"
    COMPANY = "company", "Unternehmen"
    OTHER = "other", "sonstige"


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Entwurf"
    PUBLISHED = "published", "veröffentlicht"
    ARCHIVED = "archived", "eingestellt"


class Provider(models.Model):
    """Träger: who runs offers (an HSDS organization)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="Bestandsaufnahme von",
        on_delete=models.CASCADE,
        related_name="offer_providers",
    )
    name = models.CharField("Name", max_length=200)
    kind = models.CharField(
        "Art", max_length=30, choices=ProviderKind.choices, default=ProviderKind.ASSOCIATION
    )
    description = models.TextField("Beschreibung", blank=True)
    website = models.URLField("Internetseite", blank=True)
    # The provider's public address for enquiries (an office or club address).
    email = models.EmailField("E-Mail (öffentlich)", blank=True)
    phone = models.CharField("Telefon (öffentlich)", max_length=50, blank=True)
    # The person who keeps the entries current: personal data, for the coordinators only.
    contact_name = models.CharField("Ansprechperson (intern)", max_length=200, blank=True)
    contact_email = models.EmailField(
        "E-Mail der Ansprechperson (intern)",
        blank=True,
        help_text="An diese Adresse geht der persönliche Link zur Pflege der Angebote.",
    )
    link_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    link_sent_at = models.DateTimeField("Link gesendet am", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProviderQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["link_token_hash"])

    class Meta:
        verbose_name = "Träger"
        verbose_name_plural = "Träger"
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="offers_provider_name_unique"
            ),
        ]

    def __str__(self):
        return self.name


class Offer(models.Model):
    """Angebot: a course, counselling, group or service (an HSDS service)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="Bestandsaufnahme von",
        on_delete=models.CASCADE,
        related_name="offers",
    )
    provider = models.ForeignKey(
        Provider, verbose_name="Träger", on_delete=models.PROTECT, related_name="offers"
    )
    title = models.CharField("Titel", max_length=300)
    description = models.TextField("Beschreibung", blank=True)
    fields = models.ManyToManyField(
        FieldOfAction, verbose_name="Handlungsfelder", blank=True, related_name="offers"
    )
    schedule = models.CharField(
        "Zeiten", max_length=500, blank=True, help_text="z. B. dienstags 9–11 Uhr"
    )
    free_of_charge = models.BooleanField("kostenlos", default=True)
    cost = models.CharField(
        "Kosten", max_length=300, blank=True, help_text="z. B. 5 EUR je Treffen"
    )
    eligibility = models.CharField(
        "Voraussetzungen", max_length=500, blank=True, help_text="wer teilnehmen kann"
    )
    service_area = models.ManyToManyField(
        Organization,
        verbose_name="Einzugsgebiet (Kommunen)",
        blank=True,
        related_name="offers_serving",
    )
    contact_email = models.EmailField("Kontakt-E-Mail", blank=True)
    contact_phone = models.CharField("Kontakt-Telefon", max_length=50, blank=True)
    website = models.URLField("Internetseite", blank=True)
    measures = models.ManyToManyField(
        Measure, verbose_name="Maßnahmen", blank=True, related_name="offers"
    )
    recommendations = models.ManyToManyField(
        Recommendation, verbose_name="Empfehlungen", blank=True, related_name="offers"
    )
    practices = models.ManyToManyField(
        Practice, verbose_name="Good-Practice-Beispiele", blank=True, related_name="offers"
    )
    grants = models.ManyToManyField(
        Application, verbose_name="Geförderte Projekte", blank=True, related_name="offers"
    )
    state = models.CharField(
        "Stand", max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    sample_data = models.BooleanField(
        "Beispieldaten",
        default=False,
        help_text="Angaben sind ausgedacht (Demo): die Seiten sagen es dazu.",
    )
    last_verified = models.DateField("zuletzt geprüft am", null=True, blank=True)
    # Title, provider and description in one case-folded column, kept by the services: the
    # directory's search scans one column instead of three with a join.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = OfferQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[fields, service_area], excluded_fields=["search_text"])

    class Meta:
        verbose_name = "Angebot"
        verbose_name_plural = "Angebote"
        ordering = ["organization", "title"]
        indexes = [models.Index(fields=["organization", "state", "title"])]

    def __str__(self):
        return self.title

    def searchable(self, provider_name: str) -> str:
        return " ".join((self.title, provider_name, self.description)).casefold()


class OfferTargetGroup(models.Model):
    """One target group of an offer: a row each, so the gap view counts them in SQL."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField("Zielgruppe", max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = "Zielgruppe"
        verbose_name_plural = "Zielgruppen"
        constraints = [
            models.UniqueConstraint(fields=["offer", "group"], name="offers_target_group_unique")
        ]
        indexes = [models.Index(fields=["group", "offer"])]

    def __str__(self):
        return self.get_group_display()


class OfferLanguage(models.Model):
    """A language the offer is given in (ISO 639 code, see offers/languages.py)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField("Sprache", max_length=10)

    class Meta:
        verbose_name = "Sprache"
        verbose_name_plural = "Sprachen"
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="offers_language_unique")
        ]
        indexes = [models.Index(fields=["code", "offer"])]

    def __str__(self):
        return self.code


class Place(models.Model):
    """Where an offer takes place (an HSDS location with its address and accessibility)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="places")
    name = models.CharField("Ort", max_length=200)
    street = models.CharField("Straße und Hausnummer", max_length=200, blank=True)
    postal_code = models.CharField("Postleitzahl", max_length=5, blank=True)
    city = models.CharField("Ort (Stadt/Gemeinde)", max_length=100, blank=True)
    wheelchair_accessible = models.BooleanField("rollstuhlgerecht", null=True, blank=True)
    accessibility = models.CharField(
        "Barrierefreiheit",
        max_length=300,
        blank=True,
        help_text="z. B. Aufzug, induktive Höranlage, Leichte Sprache",
    )

    class Meta:
        verbose_name = "Ort"
        verbose_name_plural = "Orte"
        ordering = ["offer", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{5}$"),
                name="offers_place_postal_code_5_digits",
            ),
        ]

    def __str__(self):
        return self.name


class NetworkKind(models.TextChoices):
    ROUND_TABLE = "round_table", _("Runder Tisch")
    WORKING_GROUP = "working_group", _("Arbeitskreis")
    COMMITTEE = "committee", _("Gremium")
    ALLIANCE = "alliance", _("Bündnis")
    PLATFORM = "platform", _("Netzwerk / Plattform")


class Network(models.Model):
    """Netzwerk, Runder Tisch, Arbeitskreis: a standing body of actors."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="Bestandsaufnahme von",
        on_delete=models.CASCADE,
        related_name="offer_networks",
    )
    name = models.CharField("Name", max_length=300)
    kind = models.CharField(
        "Art", max_length=20, choices=NetworkKind.choices, default=NetworkKind.ROUND_TABLE
    )
    purpose = models.TextField("Zweck", blank=True)
    coordinated_by = models.ForeignKey(
        Provider,
        verbose_name="koordiniert von",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_networks",
    )
    meeting_rhythm = models.CharField(
        "Treffen", max_length=200, blank=True, help_text="z. B. viermal im Jahr"
    )
    fields = models.ManyToManyField(
        FieldOfAction, verbose_name="Handlungsfelder", blank=True, related_name="networks"
    )
    measures = models.ManyToManyField(
        Measure, verbose_name="Maßnahmen", blank=True, related_name="networks"
    )
    recommendations = models.ManyToManyField(
        Recommendation, verbose_name="Empfehlungen", blank=True, related_name="networks"
    )
    practices = models.ManyToManyField(
        Practice, verbose_name="Good-Practice-Beispiele", blank=True, related_name="networks"
    )
    grants = models.ManyToManyField(
        Application, verbose_name="Geförderte Projekte", blank=True, related_name="networks"
    )
    state = models.CharField(
        "Stand", max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    sample_data = models.BooleanField("Beispieldaten", default=False)
    last_verified = models.DateField("zuletzt geprüft am", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = NetworkQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[fields])

    class Meta:
        verbose_name = "Netzwerk"
        verbose_name_plural = "Netzwerke"
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="offers_network_name_unique"
            ),
        ]

    def __str__(self):
        return self.name


class NetworkMember(models.Model):
    """A member of a network: a provider, or a person or body named in words. Persons' names are
    internal; the portal shows members that are providers and counts the rest."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    provider = models.ForeignKey(
        Provider,
        verbose_name="Träger",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    name = models.CharField(
        "Name", max_length=200, blank=True, help_text="wenn kein Träger: Person oder Stelle"
    )
    role = models.CharField("Rolle", max_length=100, blank=True, help_text="z. B. Vorsitz")
    member_from = models.DateField("Mitglied seit", null=True, blank=True)
    member_to = models.DateField("Mitglied bis", null=True, blank=True)

    class Meta:
        verbose_name = "Mitglied"
        verbose_name_plural = "Mitglieder"
        ordering = ["network", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=False) | ~Q(name=""),
                name="offers_member_provider_or_name",
            ),
            models.CheckConstraint(
                condition=Q(member_from__isnull=True)
                | Q(member_to__isnull=True)
                | Q(member_to__gte=models.F("member_from")),
                name="offers_member_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.provider.name if self.provider_id else self.name


class NetworkMeeting(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("Datum")
    topic = models.CharField("Thema", max_length=300, blank=True)
    participants = models.PositiveIntegerField(
        "Teilnehmende", null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "Treffen"
        verbose_name_plural = "Treffen"
        ordering = ["network", "-date"]

    def __str__(self):
        return f"{self.network} {self.date:%d.%m.%Y}"


class ChangeState(models.TextChoices):
    PENDING = "pending", "wartet auf Prüfung"
    ACCEPTED = "accepted", "übernommen"
    REJECTED = "rejected", "abgelehnt"


class PendingChange(models.Model):
    """What a provider sent through its personal link for one offer: the proposed values of the
    editable fields, kept apart from the offer until a coordinator accepts them."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="pending_changes")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField("vorgeschlagene Angaben")
    # The offer's version the provider started from: a change on an offer edited since is
    # shown against what is saved now, never applied blindly.
    base_version = models.PositiveIntegerField()
    confirmed_unchanged = models.BooleanField("unverändert bestätigt", default=False)
    note = models.TextField("Hinweis des Trägers", blank=True)
    state = models.CharField(
        "Stand", max_length=20, choices=ChangeState.choices, default=ChangeState.PENDING
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField("Begründung", blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "Änderungsvorschlag"
        verbose_name_plural = "Änderungsvorschläge"
        ordering = ["-submitted_at"]
        constraints = [
            # One open proposal per offer: a second submission replaces the first.
            models.UniqueConstraint(
                fields=["offer"],
                condition=Q(state="pending"),
                name="offers_one_pending_change_per_offer",
            ),
        ]

    def __str__(self):
        return f"Vorschlag zu {self.offer}"
