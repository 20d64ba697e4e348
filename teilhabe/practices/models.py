"""Good practice (seed 003's brochure "Good-Practice im Landkreis Böblingen – Beispiele für
gelingende Integration …", seed 002's "Beispiele aus dem Landkreis"): a catalogue of practices
with approach, cooperation with network partners, added value and what made them succeed; the
municipalities that took a practice up; and brochure editions for the council.

A practice comes from a Bilanz example (promoted), from a closed funded project (its Sachbericht
as the starting text) or is written from scratch. Only published practices are public; the
contact person only where the practice says the contact may be published, pictures only with a
recorded consent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from teilhabe.funding.models import Application
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Example, FieldOfAction


class Area(models.TextChoices):
    """The brochure's four areas (seed 003), and what does not fit them."""

    EDUCATION = "education", _("Bildung")
    HEALTH = "health", _("Gesundheit")
    SOCIETY = "society", _("Gesellschaft")
    LABOUR = "labour", _("Arbeitsmarkt")
    LANGUAGE = "language", _("Sprache")
    OTHER = "other", _("Sonstiges")


class TargetGroup(models.TextChoices):
    EVERYONE = "everyone", _("alle Menschen")  # not "alle": the filters offer that for "any"
    CHILDREN = "children", _("Kinder")
    YOUTH = "youth", _("Jugendliche")
    FAMILIES = "families", _("Familien und Eltern")
    WOMEN = "women", _("Frauen")
    SENIORS = "seniors", _("Ältere Menschen")
    REFUGEES = "refugees", _("Geflüchtete")
    NEWCOMERS = "newcomers", _("Neuzugewanderte")
    JOBSEEKERS = "jobseekers", _("Arbeit- und Ausbildungsuchende")
    VOLUNTEERS = "volunteers", _("Ehrenamtliche")
    PROFESSIONALS = "professionals", _("Fachkräfte")


class State(models.TextChoices):
    DRAFT = "draft", "Entwurf"
    PUBLISHED = "published", "veröffentlicht"


class PracticeQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(organization=organization)

    def published(self):
        return self.filter(state=State.PUBLISHED)

    def filtered(self, *, query="", field_id=None, target_group="", municipality="", area=""):
        practices = self
        if query:
            practices = practices.filter(
                models.Q(title__icontains=query)
                | models.Q(approach__icontains=query)
                | models.Q(provider__icontains=query)
            )
        if field_id:
            practices = practices.filter(
                pk__in=Practice.fields.through.objects.filter(fieldofaction_id=field_id).values(
                    "practice_id"
                )
            )
        if target_group:
            practices = practices.filter(
                pk__in=PracticeTargetGroup.objects.filter(group=target_group).values("practice_id")
            )
        if municipality:
            practices = practices.filter(municipality=municipality)
        if area:
            practices = practices.filter(area=area)
        return practices


class Practice(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="practices",
        verbose_name="Organisation",
    )
    title = models.CharField("Titel", max_length=200)
    area = models.CharField("Bereich", max_length=12, choices=Area.choices)
    fields = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="practices", verbose_name="Handlungsfelder"
    )
    municipality = models.CharField("Stadt oder Gemeinde", max_length=120, blank=True)
    provider = models.CharField("Träger", max_length=200, blank=True)
    summary = models.TextField("Kurzbeschreibung", blank=True)
    approach = models.TextField("Ansatz", blank=True)
    cooperation = models.TextField("Zusammenarbeit mit Netzwerkpartnern", blank=True)
    added_value = models.TextField("Mehrwert", blank=True)
    success_factors = models.TextField("Was zum Gelingen beigetragen hat", blank=True)
    transferability = models.TextField("Übertragbarkeit", blank=True)
    period = models.CharField("Zeitraum", max_length=100, blank=True)
    costs = models.CharField("Kosten", max_length=200, blank=True)
    funding = models.CharField("Finanzierung", max_length=300, blank=True)
    grant = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name="Geförderter Antrag",
    )
    source_example = models.ForeignKey(
        Example, on_delete=models.SET_NULL, null=True, blank=True, related_name="practices"
    )
    contact_name = models.CharField("Ansprechperson", max_length=200, blank=True)
    contact_email = models.EmailField("E-Mail-Adresse", blank=True)
    contact_phone = models.CharField("Telefon", max_length=40, blank=True)
    contact_public = models.BooleanField(
        "Kontakt darf veröffentlicht werden",
        default=False,
        help_text="Nur mit Einverständnis der Ansprechperson (im Portal und in der Broschüre).",
    )
    state = models.CharField("Stand", max_length=10, choices=State.choices, default=State.DRAFT)
    sample_data = models.BooleanField("Beispieldaten", default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[fields])

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = "Good-Practice-Beispiel"
        verbose_name_plural = "Good-Practice-Beispiele"
        ordering = ["organization", "title"]

    def __str__(self) -> str:
        return self.title


class PracticeTargetGroup(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(max_length=20, choices=TargetGroup.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "group"], name="practices_group_once")
        ]

    def __str__(self) -> str:
        return self.get_group_display()


class Partner(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField("Name", max_length=200)
    role = models.CharField("Rolle", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["practice", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class Picture(models.Model):
    """A picture of the practice: public only with the recorded consent of the people in it."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="pictures")
    file = models.FileField(upload_to="practices/%Y/")
    alt = models.CharField("Bildbeschreibung (Alternativtext)", max_length=300)
    content_type = models.CharField(max_length=50)
    consent = models.BooleanField(
        "Einverständnis der abgebildeten Personen liegt vor", default=False
    )
    consent_note = models.CharField("Einverständnis: wer, wann, wie", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice", "pk"]

    def __str__(self) -> str:
        return self.alt


class Adoption(models.Model):
    """A municipality took the practice up (recorded by its own coordination)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="adopted_practices"
    )
    year = models.PositiveSmallIntegerField("Jahr")
    note = models.CharField("Vermerk", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organization"], name="practices_adopt_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.year})"


class Edition(models.Model):
    """A brochure: title, foreword and chosen practices in a chosen order, grouped by area."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="brochure_editions"
    )
    title = models.CharField("Titel", max_length=300)
    foreword = models.TextField("Vorwort", blank=True)
    foreword_by = models.CharField("Vorwort von", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField("Jahr")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Broschüre"
        verbose_name_plural = "Broschüren"
        ordering = ["organization", "-year", "-pk"]

    def __str__(self) -> str:
        return self.title


class EditionEntry(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="entries")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "practice"], name="practices_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.practice_id}"
