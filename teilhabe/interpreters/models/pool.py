"""The interpreter pool (Dolmetscher-/Sprachmittlerpool, seeds 001 and 002): the pool's rules,
its mediators with their languages, the institutions that request, the requests, the offers to
several mediators, the one assignment per request, and the monthly allowance statements.

Mediators and the people of requesting institutions have no accounts: they work through personal
links (see services.pool). Only the SHA-256 of a link's token is stored, so a copy of the
database does not open anybody's page.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AccessLog",
    "AllowanceStatement",
    "Assignment",
    "BodyKind",
    "Consent",
    "InterpreterPool",
    "InterpretingRequest",
    "LanguageSkill",
    "Level",
    "Mediator",
    "MediatorBackground",
    "MediatorStatus",
    "Mode",
    "Offer",
    "OfferAnswer",
    "RequestStatus",
    "Requester",
    "RequestingBody",
    "Setting",
    "StatementLine",
    "Training",
    "TrainingKind",
]

LEGAL_CONSEQUENCES = ["court", "police", "medical_diagnosis"]


class Setting(models.TextChoices):
    """Where the talk takes place. The last three have legal consequences: the Kreise's pools
    leave them to sworn professional interpreters."""

    HEALTH = "health", _("Gesundheitswesen (Beratung, Vorsorge)")
    SOCIAL = "social", _("Soziale Dienste")
    SCHOOL = "school", _("Schule")
    KITA = "kita", _("Kita")
    COUNSELLING = "counselling", _("Beratungsstelle")
    AUTHORITY = "authority", _("Behörde (Verwaltungsgespräch)")
    VISIT = "visit", _("Besuchsdienst")
    OTHER = "other", _("Sonstiges")
    COURT = "court", _("Gericht")
    POLICE = "police", _("Polizei")
    MEDICAL_DIAGNOSIS = "medical_diagnosis", _("Ärztliche Diagnose oder Aufklärung")


class BodyKind(models.TextChoices):
    OFFICE = "office", "Amt / Verwaltung"
    SCHOOL = "school", "Schule"
    KITA = "kita", "Kita"
    COUNSELLING = "counselling", "Beratungsstelle"
    HEALTH = "health", "Gesundheitsdienst"
    SOCIAL = "social", "Sozialer Dienst / Träger"
    OTHER = "other", "Sonstige Einrichtung"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("Vor Ort")
    PHONE = "phone", _("Telefon")
    VIDEO = "video", _("Video")


class InterpreterPool(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="interpreter_pools"
    )
    name = models.CharField("Name", max_length=200)
    measure = models.ForeignKey(
        "plans.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreter_pools",
        verbose_name="Maßnahme des Plans",
        help_text="Die Maßnahme, deren Seite die Statistik des Pools zeigt.",
    )
    min_lead_days = models.PositiveSmallIntegerField("Mindestvorlauf in Arbeitstagen", default=5)
    excluded_settings = models.JSONField(
        "Ausgeschlossene Einsatzbereiche",
        default=list,
        blank=True,
        help_text="Einsätze mit rechtlichen Folgen übernehmen vereidigte Fachkräfte.",
    )
    professional_required = models.BooleanField("Fachkraft muss anwesend sein", default=True)
    allowed_body_kinds = models.JSONField(
        "Wer anfragen darf",
        default=list,
        blank=True,
        help_text="Leer: alle eingetragenen Einrichtungen.",
    )
    municipalities = models.JSONField("Gemeinden im Einsatzgebiet", default=list, blank=True)
    hourly_rate = models.DecimalField(
        "Aufwandsentschädigung je Stunde (EUR)",
        max_digits=7,
        decimal_places=2,
        default=Decimal("15.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    km_rate = models.DecimalField(
        "Fahrtkosten je km (EUR)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.30"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    rotation_days = models.PositiveSmallIntegerField(
        "Zeitraum für die gerechte Verteilung (Tage)", default=90
    )
    retention_days = models.PositiveIntegerField(
        "Aufbewahrung erledigter Anfragen (Tage)",
        default=730,
        help_text="Danach werden Anfragen, Einsätze und Zugriffsprotokolle gelöscht.",
    )
    contact_email = models.EmailField("E-Mail der Koordination", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "Sprachmittlerpool"
        verbose_name_plural = "Sprachmittlerpools"
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0) & Q(km_rate__gte=0),
                name="interpreters_pool_rates_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MediatorBackground(models.TextChoices):
    STAFF = "staff", "Beschäftigte einer Verwaltung"
    VOLUNTEER = "volunteer", "Bürgerschaftlich engagiert"
    MIGRATION = "migration", "Mit Migrationsgeschichte"
    PROFESSIONAL = "professional", "Berufliche Dolmetscherin / beruflicher Dolmetscher"


class MediatorStatus(models.TextChoices):
    INVITED = "invited", "Eingeladen (Einwilligung fehlt)"
    ACTIVE = "active", "Aktiv"
    PAUSED = "paused", "Pausiert"


class Mediator(models.Model):
    pool = models.ForeignKey(InterpreterPool, on_delete=models.CASCADE, related_name="mediators")
    name = models.CharField("Name", max_length=200)
    email = models.EmailField("E-Mail-Adresse")
    phone = models.CharField("Telefon", max_length=40, blank=True)
    background = models.CharField("Hintergrund", max_length=20, choices=MediatorBackground.choices)
    areas = models.JSONField("Einsatzgebiet (Gemeinden)", default=list, blank=True)
    weekdays = models.JSONField(
        "Verfügbare Wochentage", default=list, blank=True, help_text="0 = Montag … 6 = Sonntag"
    )
    available_from = models.TimeField("Verfügbar ab", null=True, blank=True)
    available_until = models.TimeField("Verfügbar bis", null=True, blank=True)
    modes = models.JSONField("Einsatzarten", default=list, blank=True)
    preferred_hours_per_month = models.PositiveSmallIntegerField(
        "Gewünschter Umfang (Stunden im Monat)", default=4
    )
    status = models.CharField(
        "Status", max_length=10, choices=MediatorStatus.choices, default=MediatorStatus.INVITED
    )
    guidelines_acknowledged_at = models.DateTimeField(
        "Leitlinien anerkannt am", null=True, blank=True
    )
    confidentiality_signed_on = models.DateField(
        "Verschwiegenheitserklärung unterschrieben am", null=True, blank=True
    )
    link_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Sprachmittler/in"
        verbose_name_plural = "Sprachmittler/innen"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "email"], name="interpreters_mediator_email")
        ]

    def __str__(self) -> str:
        return self.name


class Level(models.IntegerChoices):
    """A CEFR-like scale, one value per skill."""

    A1 = 1, "A1 Anfänger"
    A2 = 2, "A2 Grundkenntnisse"
    B1 = 3, "B1 Mittelstufe"
    B2 = 4, "B2 Gute Kenntnisse"
    C1 = 5, "C1 Fließend"
    C2 = 6, "C2 Verhandlungssicher"
    NATIVE = 7, "Muttersprache"


class LanguageSkill(models.Model):
    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField("Sprache", max_length=60)
    dialect = models.CharField("Dialekt", max_length=60, blank=True)
    understanding = models.PositiveSmallIntegerField("Verstehen", choices=Level.choices)
    speaking = models.PositiveSmallIntegerField("Sprechen", choices=Level.choices)
    reading = models.PositiveSmallIntegerField("Lesen", choices=Level.choices)
    writing = models.PositiveSmallIntegerField("Schreiben", choices=Level.choices)

    class Meta:
        ordering = ["language", "dialect"]
        # Matching asks "who speaks Arabisch?" case-insensitively (language__iexact).
        indexes = [models.Index(Upper("language"), name="interpreters_skill_language")]
        constraints = [
            models.UniqueConstraint(
                fields=["mediator", "language", "dialect"], name="interpreters_skill_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.dialect})" if self.dialect else self.language


class TrainingKind(models.TextChoices):
    KULTURVERMITTLER = "kulturvermittler", "Schulung zum Kulturvermittler"
    NEUTRALITY = "neutrality", "Neutrale Rolle"
    DIFFICULT = "difficult", "Schwierige Situationen"
    OTHER = "other", "Andere Schulung"


class Training(models.Model):
    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField("Schulung", max_length=20, choices=TrainingKind.choices)
    completed_on = models.DateField("Abgeschlossen am")
    note = models.CharField("Bemerkung", max_length=200, blank=True)

    class Meta:
        ordering = ["completed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.completed_on:%d.%m.%Y})"


class Consent(models.Model):
    """The mediator's consent to the processing of their data (Art. 6 (1) a, Art. 9 (2) a
    DSGVO: language and origin may reveal ethnic origin). A mediator without a consent that is
    in force is never matched."""

    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="consents")
    text = models.TextField("Wortlaut")
    given_at = models.DateTimeField("Erteilt am")
    withdrawn_at = models.DateTimeField("Widerrufen am", null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-pk"]

    def __str__(self) -> str:
        return f"Einwilligung vom {self.given_at:%d.%m.%Y}"


class RequestingBody(models.Model):
    """An institution that requests mediators: an office, a school, a Kita, a counselling
    service."""

    pool = models.ForeignKey(InterpreterPool, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField("Name", max_length=200)
    kind = models.CharField("Art", max_length=20, choices=BodyKind.choices)
    municipality = models.CharField("Gemeinde", max_length=100, blank=True)
    address = models.CharField("Anschrift", max_length=300, blank=True)
    active = models.BooleanField("Darf anfragen", default=True)

    class Meta:
        verbose_name = "Anfragende Einrichtung"
        verbose_name_plural = "Anfragende Einrichtungen"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Requester(models.Model):
    """A person of a requesting institution, with their personal link."""

    body = models.ForeignKey(RequestingBody, on_delete=models.CASCADE, related_name="people")
    name = models.CharField("Name", max_length=200)
    email = models.EmailField("E-Mail-Adresse")
    phone = models.CharField("Telefon", max_length=40, blank=True)
    link_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Eingegangen")
    OFFERED = "offered", _("Angeboten")
    ASSIGNED = "assigned", _("Vergeben")
    DONE = "done", _("Durchgeführt")
    CANCELLED = "cancelled", _("Abgesagt")
    UNMET = "unmet", _("Nicht vermittelt")


OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.OFFERED)


class InterpretingRequest(models.Model):
    pool = models.ForeignKey(InterpreterPool, on_delete=models.CASCADE, related_name="requests")
    body = models.ForeignKey(RequestingBody, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        Requester, on_delete=models.SET_NULL, null=True, related_name="requests"
    )
    language = models.CharField("Sprache", max_length=60)
    dialect = models.CharField("Dialekt", max_length=60, blank=True)
    date = models.DateField("Datum")
    start_time = models.TimeField("Beginn")
    duration_minutes = models.PositiveSmallIntegerField(
        "Erwartete Dauer (Minuten)", validators=[MinValueValidator(15)]
    )
    mode = models.CharField("Art", max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(
        "Ort oder Einwahl", max_length=300, blank=True, help_text="Anschrift, Raum oder Link."
    )
    municipality = models.CharField("Gemeinde", max_length=100, blank=True)
    setting = models.CharField("Einsatzbereich", max_length=20, choices=Setting.choices)
    professional_present = models.BooleanField("Eine Fachkraft ist anwesend", default=True)
    topic = models.CharField(
        "Thema für die Sprachmittlung",
        max_length=200,
        help_text="Nur so viel, wie zur Vorbereitung nötig ist — keine Namen der Klientinnen "
        "und Klienten.",
    )
    internal_note = models.TextField(
        "Hinweis an die Koordination",
        blank=True,
        help_text="Sehen die Sprachmittlerinnen und Sprachmittler nicht.",
    )
    status = models.CharField(
        "Stand", max_length=10, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    cancel_reason = models.CharField("Grund der Absage", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Anfrage"
        verbose_name_plural = "Anfragen"
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["pool", "status", "date"])]

    def __str__(self) -> str:
        return f"{self.language}, {self.date:%d.%m.%Y}"


class OfferAnswer(models.TextChoices):
    OPEN = "open", _("Offen")
    ACCEPTED = "accepted", _("Angenommen")
    DECLINED = "declined", _("Abgelehnt")
    TAKEN = "taken", _("Anderweitig vergeben")
    WITHDRAWN = "withdrawn", _("Zurückgezogen")


class Offer(models.Model):
    """The request offered to one mediator; the first to accept gets it."""

    request = models.ForeignKey(
        InterpretingRequest, on_delete=models.CASCADE, related_name="offers"
    )
    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="offers")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(
        "Antwort", max_length=10, choices=OfferAnswer.choices, default=OfferAnswer.OPEN
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "mediator"], name="interpreters_offer_once")
        ]

    def __str__(self) -> str:
        return f"Angebot an {self.mediator_id} für Anfrage {self.request_id}"


class AllowanceStatement(models.Model):
    """A month's allowances for the finance office; lines are copies, so the statement stays
    what was paid when a mediator later deletes their data."""

    pool = models.ForeignKey(InterpreterPool, on_delete=models.CASCADE, related_name="statements")
    month = models.DateField("Monat")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    total = models.DecimalField("Summe (EUR)", max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "month"], name="interpreters_statement_month")
        ]

    def __str__(self) -> str:
        return f"Abrechnung {self.month:%m/%Y}"


class Assignment(models.Model):
    request = models.OneToOneField(
        InterpretingRequest, on_delete=models.CASCADE, related_name="assignment"
    )
    mediator = models.ForeignKey(
        Mediator, on_delete=models.SET_NULL, null=True, related_name="assignments"
    )
    accepted_at = models.DateTimeField()
    attended_confirmed_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True)
    minutes = models.PositiveSmallIntegerField("Dauer (Minuten)", null=True, blank=True)
    travel_km = models.DecimalField(
        "Fahrtstrecke (km)", max_digits=6, decimal_places=1, default=Decimal("0")
    )
    allowance = models.DecimalField(
        "Aufwandsentschädigung (EUR)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    rating = models.PositiveSmallIntegerField("Bewertung", null=True, blank=True)
    feedback = models.TextField("Rückmeldung der Einrichtung", blank=True)
    mediator_feedback = models.TextField("Rückmeldung der Sprachmittlung", blank=True)
    statement = models.ForeignKey(
        AllowanceStatement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="interpreters_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"Einsatz zu Anfrage {self.request_id}"


class StatementLine(models.Model):
    statement = models.ForeignKey(
        AllowanceStatement, on_delete=models.CASCADE, related_name="lines"
    )
    mediator_name = models.CharField(max_length=200)
    date = models.DateField()
    language = models.CharField(max_length=60)
    body_name = models.CharField(max_length=200)
    minutes = models.PositiveSmallIntegerField()
    travel_km = models.DecimalField(max_digits=6, decimal_places=1)
    hours_amount = models.DecimalField(max_digits=8, decimal_places=2)
    travel_amount = models.DecimalField(max_digits=8, decimal_places=2)
    amount = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["mediator_name", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.mediator_name}, {self.date:%d.%m.%Y}"


class AccessLog(models.Model):
    """Who opened a mediator's personal data, when, and what for. Kept as numbers and names
    so that the log outlives the mediator's own deletion until the retention ends."""

    pool = models.ForeignKey(InterpreterPool, on_delete=models.CASCADE, related_name="access_log")
    mediator_ref = models.PositiveIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} ({self.mediator_ref})"
