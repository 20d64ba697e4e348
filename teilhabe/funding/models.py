"""The integration fund (Integrationsfonds, seed 003): a fund of an organisation, its yearly calls,
the applications with their cost plans, the reviews, the decisions, the payments and the proof
of use (Verwendungsnachweis) — the German cycle

    Antrag → Prüfung → Zuwendungsbescheid → Auszahlung → Verwendungsnachweis → Prüfung → Rückforderung

Applicants (associations, migrant organisations, initiatives) have no accounts: an application
is opened by a personal link, of whose token only the SHA-256 is stored. Amounts are Decimals
with two places, never floats.

A funded project's public data — title, applicant organisation, municipality, year, fields,
approved amount, its short public description — is public once approved; the contact person,
the cost plan, the answers, the attachments and the reviews are for the fund's office and its
reviewers only, and are deleted after the retention period (services.retention).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from teilhabe.organizations.models import Organization, Unit
from teilhabe.plans.models import FieldOfAction, Measure

from .querysets import ApplicationQuerySet, CallQuerySet, FundQuerySet, ProofQuerySet

ZERO = Decimal("0.00")


def money(verbose_name: str, **options) -> models.DecimalField:
    """An amount in euros: twelve digits, two places, never negative."""
    options.setdefault("validators", [MinValueValidator(ZERO)])
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **options)


class Area(models.TextChoices):
    """Funding areas of seed 003's fund ("Bildung, Sprachförderung und Gesellschaft")."""

    EDUCATION = "education", _("Bildung")
    LANGUAGE = "language", _("Sprachförderung")
    SOCIETY = "society", _("Gesellschaft und Begegnung")
    PARTICIPATION = "participation", _("Demokratische Teilhabe")
    WORK = "work", _("Arbeit und Ausbildung")
    HEALTH = "health", _("Gesundheit")
    OTHER = "other", _("Sonstiges")


class ApplicantKind(models.TextChoices):
    ASSOCIATION = "association", _("eingetragener Verein")
    MIGRANT_ORGANIZATION = "migrant_organization", _("Migrantenorganisation")
    INITIATIVE = "initiative", _("Initiative oder Gruppe ohne Rechtsform")
    RELIGIOUS = "religious", _("Religionsgemeinschaft")
    SCHOOL = "school", _("Schule oder Kita")
    MUNICIPALITY = "municipality", _("Stadt oder Gemeinde")
    OTHER = "other", _("andere gemeinnützige Organisation")


class Fund(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="funds", verbose_name="Organisation"
    )
    name = models.CharField("Name", max_length=200)
    slug = models.SlugField("Kurzname in Adressen", max_length=80)
    purpose = models.TextField("Zweck", help_text="In einfachen Worten: was der Fonds fördert.")
    council_paper = models.CharField(
        "Beschluss (Drucksache)",
        max_length=80,
        blank=True,
        help_text="Die Drucksache, mit der der Fonds eingerichtet wurde, z. B. KT-Drucks. 083/2019.",
    )
    established_year = models.PositiveSmallIntegerField("Eingerichtet im Jahr")
    annual_budget = money("Jahresbudget (EUR)")
    deciding_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Entscheidet",
        help_text="Das Amt, das über die Anträge entscheidet und die Bescheide unterschreibt.",
    )
    proof_due_months = models.PositiveSmallIntegerField(
        "Verwendungsnachweis fällig (Monate nach Projektende)", default=3
    )
    retention_months = models.PositiveSmallIntegerField(
        "Aufbewahrung personenbezogener Daten (Monate nach Abschluss)", default=72
    )
    finance_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="finance_funds",
        verbose_name="Kasse / Finanzverwaltung",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FundQuerySet.as_manager()

    class Meta:
        verbose_name = "Fonds"
        verbose_name_plural = "Fonds"
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="funding_fund_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.TextChoices):
    """What reviewers score, 0 (not at all) to 5 (fully)."""

    PURPOSE = "purpose", "Passt zum Zweck des Fonds"
    PARTICIPATION = "participation", "Beteiligung von Menschen mit Zuwanderungsgeschichte"
    COOPERATION = "cooperation", "Zusammenarbeit mit Partnern im Netzwerk"
    SUSTAINABILITY = "sustainability", "Nachhaltigkeit und Übertragbarkeit"
    COSTS = "costs", "Angemessene Kosten"


class Call(models.Model):
    """A year's call for project ideas (Förderaufruf)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="calls")
    year = models.PositiveSmallIntegerField("Jahr")
    title = models.CharField("Titel", max_length=200)
    text = models.TextField("Aufruf in einfachen Worten", blank=True)
    easy_text = models.TextField(
        "Hilfe in Leichter Sprache",
        blank=True,
        help_text="Erscheint auf dem Antrag neben den Fragen, für alle, die sie brauchen.",
    )
    opens_on = models.DateField("Anträge ab")
    deadline = models.DateField("Einsendeschluss")
    budget = money("Budget dieses Aufrufs (EUR)")
    areas = models.JSONField("Förderbereiche", default=list, blank=True)
    eligible_kinds = models.JSONField(
        "Wer kann beantragen", default=list, blank=True, help_text="Leer: alle."
    )
    min_amount = money("Mindestbetrag (EUR)", default=ZERO)
    max_amount = money("Höchstbetrag (EUR)")
    own_contribution_percent = models.PositiveSmallIntegerField(
        "Eigenanteil mindestens (% der Kosten)", default=0
    )
    questions = models.JSONField(
        "Weitere Fragen des Antrags", default=list, blank=True, help_text="Eine Frage je Zeile."
    )
    criteria = models.JSONField("Bewertungskriterien", default=list, blank=True)
    languages = models.JSONField("Sprachen des Aufrufs", default=list, blank=True)
    published = models.BooleanField("Im Portal veröffentlicht", default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = "Förderaufruf"
        verbose_name_plural = "Förderaufrufe"
        ordering = ["fund", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="funding_call_year"),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")), name="funding_call_period"
            ),
            models.CheckConstraint(
                condition=Q(max_amount__gte=models.F("min_amount")), name="funding_call_amounts"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CallReviewer(models.Model):
    """Who scores the call's applications: staff of the office, members of the Integrationsrat."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", "intern"
        COUNCIL = "council", "Integrationsrat"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_reviews"
    )
    kind = models.CharField("Art", max_length=10, choices=Kind.choices, default=Kind.INTERNAL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="funding_reviewer_once"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Status(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")
    ELIGIBLE = "eligible", _("förderfähig, in Bewertung")
    INELIGIBLE = "ineligible", _("nicht förderfähig")
    APPROVED = "approved", _("bewilligt")
    PARTIAL = "partial", _("teilweise bewilligt")
    REJECTED = "rejected", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


FUNDED = (Status.APPROVED, Status.PARTIAL)
DECIDED = (Status.APPROVED, Status.PARTIAL, Status.REJECTED, Status.INELIGIBLE)


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    number = models.CharField("Antragsnummer", max_length=20, editable=False)
    link_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField("Sprache des Antrags", max_length=10, default="de")
    status = models.CharField("Status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    # The applicant: the organisation's name is public once funded, the contact person never.
    applicant_name = models.CharField(_("Antragstellende Organisation"), max_length=200)
    applicant_kind = models.CharField(
        _("Art der Organisation"), max_length=24, choices=ApplicantKind.choices
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    address = models.TextField(_("Anschrift"), blank=True)
    # The project
    title = models.CharField(_("Titel des Projekts"), max_length=200)
    summary = models.TextField(
        _("Kurzbeschreibung für die Öffentlichkeit"),
        blank=True,
        help_text=_(
            "Zwei oder drei Sätze. Sie erscheinen im Portal, wenn das Projekt gefördert wird."
        ),
    )
    description = models.TextField(_("Projektbeschreibung"), blank=True)
    target_groups = models.CharField(_("Zielgruppen"), max_length=300, blank=True)
    area = models.CharField(_("Förderbereich"), max_length=20, choices=Area.choices, blank=True)
    municipality = models.CharField(_("Stadt oder Gemeinde"), max_length=120, blank=True)
    starts_on = models.DateField(_("Projektbeginn"), null=True, blank=True)
    ends_on = models.DateField(_("Projektende"), null=True, blank=True)
    requested_amount = money(_("Beantragter Betrag (EUR)"), default=ZERO)
    answers = models.JSONField(default=dict, blank=True)
    fields = models.ManyToManyField(
        FieldOfAction,
        blank=True,
        related_name="funding_applications",
        verbose_name="Handlungsfelder",
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="funding_applications", verbose_name="Maßnahmen"
    )
    submitted_at = models.DateTimeField("Eingereicht am", null=True, blank=True)
    late_admitted_note = models.CharField("Nachfrist gewährt", max_length=300, blank=True)
    eligibility_note = models.TextField("Prüfvermerk", blank=True)
    # The decision
    approved_amount = money("Bewilligter Betrag (EUR)", null=True, blank=True)
    conditions = models.TextField("Auflagen", blank=True)
    reasons = models.TextField("Begründung", blank=True)
    decided_at = models.DateTimeField("Entschieden am", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True)
    sample_data = models.BooleanField(
        "Beispieldaten",
        default=False,
        help_text="Erfundene Angaben der Demo, als solche gekennzeichnet.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["link_hash"], m2m_fields=[fields, measures])

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "Antrag"
        verbose_name_plural = "Anträge"
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="funding_application_number"),
            models.CheckConstraint(
                condition=~Q(status__in=FUNDED) | Q(approved_amount__gt=0),
                name="funding_funded_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"], name="funding_app_call_status")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def funded(self) -> bool:
        return self.status in FUNDED


class CostLine(models.Model):
    """One line of the cost plan. Expenses add up to the project's costs; income lines are the
    own contribution and other funding; what remains is the amount requested."""

    class Kind(models.TextChoices):
        EXPENSE = "expense", _("Ausgabe")
        OWN = "own", _("Eigenanteil")
        OTHER_FUNDING = "other_funding", _("andere Förderung")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cost_lines"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=14, choices=Kind.choices)
    label = models.CharField(_("Posten"), max_length=200)
    amount = money(_("Betrag geplant (EUR)"))
    actual = money(_("Betrag tatsächlich (EUR)"), null=True, blank=True)

    class Meta:
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="funding_costline_position"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="funding/%Y/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    for_proof = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Query(models.Model):
    """A question of the office to the applicant (Rückfrage), answered through the link."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="queries")
    about_proof = models.BooleanField(default=False)
    text = models.TextField("Rückfrage")
    asked_at = models.DateTimeField(auto_now_add=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answer = models.TextField(_("Antwort"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "asked_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Recommendation(models.TextChoices):
    APPROVE = "approve", "bewilligen"
    PARTIAL = "partial", "teilweise bewilligen"
    REJECT = "reject", "ablehnen"


class Review(models.Model):
    """A reviewer's scores for one application, or their declaration of a conflict of interest
    (then nothing else: they neither score nor see the others' scores)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    conflict = models.BooleanField("Befangen", default=False)
    conflict_note = models.CharField("Grund der Befangenheit", max_length=300, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    recommendation = models.CharField(
        "Empfehlung", max_length=10, choices=Recommendation.choices, blank=True
    )
    recommended_amount = money("Empfohlener Betrag (EUR)", null=True, blank=True)
    comment = models.TextField("Kommentar", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="funding_review_once"),
            models.CheckConstraint(
                condition=Q(conflict=False) | Q(scores={}, recommendation=""),
                name="funding_conflict_scores_nothing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.reviewer_id}"


class Payment(models.Model):
    """Money leaving the fund (an instalment) or coming back (a repayment)."""

    class Kind(models.TextChoices):
        PAYOUT = "payout", "Auszahlung"
        RETURN = "return", "Rückzahlung"

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PAYOUT)
    amount = money("Betrag (EUR)", validators=[MinValueValidator(Decimal("0.01"))])
    booked_on = models.DateField("Datum")
    note = models.CharField("Vermerk", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "booked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class ProofStatus(models.TextChoices):
    OPEN = "open", _("offen")
    SUBMITTED = "submitted", _("eingereicht")
    QUERIED = "queried", _("Rückfrage")
    ACCEPTED = "accepted", _("geprüft und abgeschlossen")


class ProofOfUse(models.Model):
    """The Verwendungsnachweis: Sachbericht, figures per cost line (CostLine.actual) and the list
    of receipts. Created with the approval, due a configurable time after the project's end."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="proof")
    due_on = models.DateField("Fällig am")
    status = models.CharField(max_length=10, choices=ProofStatus.choices, default=ProofStatus.OPEN)
    report = models.TextField(_("Sachbericht"), blank=True)
    participants = models.PositiveIntegerField(_("Teilnehmende (ungefähr)"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    checked_note = models.TextField("Prüfvermerk", blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    repayment_claim = money("Rückforderung (EUR)", default=ZERO)
    repayment_reason = models.TextField("Grund der Rückforderung", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = ProofQuerySet.as_manager()

    class Meta:
        verbose_name = "Verwendungsnachweis"
        verbose_name_plural = "Verwendungsnachweise"

    def __str__(self) -> str:
        return f"Verwendungsnachweis {self.application_id}"


class Receipt(models.Model):
    """A line of the list of receipts (Belegliste)."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="receipts")
    position = models.PositiveSmallIntegerField()
    date = models.DateField(_("Datum"))
    payee = models.CharField(_("Empfänger"), max_length=200)
    purpose = models.CharField(_("Zweck"), max_length=200)
    amount = money(_("Betrag (EUR)"))

    class Meta:
        ordering = ["proof", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.purpose}"


class LetterKind(models.TextChoices):
    APPROVAL = "approval", "Zuwendungsbescheid"
    REJECTION = "rejection", "Ablehnung"


class LetterTemplate(models.Model):
    """The wording of a fund's letters, editable by its office. Placeholders in braces are
    filled from the application (letters.PLACEHOLDERS lists them)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(max_length=10, choices=LetterKind.choices)
    subject = models.CharField("Betreff", max_length=200)
    body = models.TextField("Text")
    signature = models.CharField("Unterschrift", max_length=200)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fund", "kind"], name="funding_letter_kind_once"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
