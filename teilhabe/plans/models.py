from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.organizations.models import Organization, Unit

from .querysets import (
    FieldOfActionQuerySet,
    GoalQuerySet,
    MeasureQuerySet,
    PlanQuerySet,
    ProgressEntryQuerySet,
    ProgressReportQuerySet,
    UpdateRequestQuerySet,
)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    ADOPTED = "adopted", _("beschlossen")
    ARCHIVED = "archived", _("archiviert")


class DraftVisibility(models.TextChoices):
    """What the portal shows of a plan before it is adopted (a town starting its plan)."""

    INTERNAL = "internal", _("nichts – der Entwurf bleibt intern")
    PARTICIPATION = (
        "participation",
        _(
            "die Beteiligung: Organisationsseite, öffentliche Beteiligungsprozesse, Veranstaltungen "
            "und Ideen"
        ),
    )
    DRAFT = "draft", _("die Beteiligung und den Entwurf selbst, als „Entwurf“ gekennzeichnet")


class Plan(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("Organisation"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    introduction = models.TextField(_("Einleitung"), blank=True)
    adopted_on = models.DateField(_("beschlossen am"), null=True, blank=True)
    council_reference = models.CharField(
        _("Drucksache des Beschlusses"), max_length=100, blank=True, help_text=_("z. B. 234/2014")
    )
    period_start = models.DateField(_("Laufzeit ab"), null=True, blank=True)
    period_end = models.DateField(_("Laufzeit bis"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("Vorgängerplan (Fortschreibung von)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    draft_visibility = models.CharField(
        _("Öffentlich vor dem Beschluss"),
        max_length=20,
        choices=DraftVisibility.choices,
        default=DraftVisibility.INTERNAL,
        help_text=_(
            "Gilt nur, solange der Plan ein Entwurf ist. Bilanzen, offene Daten, Suche und "
            "Schnittstelle zeigen erst den beschlossenen Plan."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # Counts every change to the plan's content (fields, measures, reports, entries): the key
    # under which its pages are cached. Deliberately not part of the history.
    revision = models.PositiveIntegerField(default=0, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("Integrationsplan")
        verbose_name_plural = _("Integrationspläne")
        ordering = ["organization__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(adopted_on__isnull=False),
                name="plan_adopted_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status != PlanStatus.DRAFT

    @property
    def is_public_draft(self) -> bool:
        """A draft whose pages the portal shows, marked "Entwurf"."""
        return self.status == PlanStatus.DRAFT and self.draft_visibility == DraftVisibility.DRAFT

    @property
    def shown_on_portal(self) -> bool:
        """The plan's own pages are on the portal (published, or a draft shown as a draft)."""
        return self.is_public or self.is_public_draft

    @property
    def participation_is_public(self) -> bool:
        """Its public participation processes are on the portal (adopted, or opened early)."""
        return self.is_public or self.draft_visibility != DraftVisibility.INTERNAL


class FieldOfAction(models.Model):
    """Handlungsfeld."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("Integrationsplan"), on_delete=models.CASCADE, related_name="fields"
    )
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Titel"), max_length=200)
    motto = models.CharField(_("Leitmotiv"), max_length=200, blank=True)
    introduction = models.TextField(_("Einführung"), blank=True)
    page_range = models.CharField(
        _("Seiten im Integrationsplan"), max_length=30, blank=True, help_text=_("z. B. 13-15")
    )
    recommendation_count = models.PositiveSmallIntegerField(
        _("Zahl der Empfehlungen"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FieldOfActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="field_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Goal(models.Model):
    """Ziel or Leitziel inside a field of action."""

    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    title = models.CharField(_("Ziel"), max_length=500)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["field", "position", "id"]

    def __str__(self):
        return self.title


class Responsibility(models.TextChoices):
    OWN = "own", _("eigene Zuständigkeit")
    THIRD_PARTY = "third_party", _("Empfehlung an Dritte")


class Priority(models.TextChoices):
    FOCUS = "focus", _("Schwerpunktmaßnahme")
    QUICK_WIN = "quick_win", _("Quick-Win")
    NORMAL = "normal", _("normal")


class Measure(models.Model):
    """Maßnahme or Handlungsempfehlung: the unit that is implemented and reported on."""

    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("Ziel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    number = models.CharField(_("Nummer"), max_length=20, help_text=_("z. B. 2a oder 4.12"))
    title = models.CharField(_("Titel"), max_length=500)
    description = models.TextField(_("Beschreibung"), blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("federführendes Amt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_measures",
    )
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("federführende Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_measures",
        help_text=_("Wenn nicht ein eigenes Amt, sondern eine andere Stelle federführend ist."),
    )
    partners = models.TextField(_("Kooperationspartner"), blank=True)
    responsibility = models.CharField(
        _("Zuständigkeit"),
        max_length=20,
        choices=Responsibility.choices,
        default=Responsibility.OWN,
    )
    priority = models.CharField(
        _("Priorität"), max_length=20, choices=Priority.choices, default=Priority.NORMAL
    )
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    ongoing = models.BooleanField(_("Daueraufgabe"), default=False)
    planned_cost = models.DecimalField(
        _("geplante Kosten (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    weight = models.DecimalField(
        _("Gewicht"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Gewicht im Fortschrittswert: 1 = normal, 2 = doppelt, 0 = zählt nicht mit."),
    )
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["field__number", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["field", "number"], name="measure_number_unique"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="measure_weight_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="measure_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["lead_unit"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def lead_name(self) -> str:
        if self.lead_unit_id:
            return self.lead_unit.name
        if self.lead_organization_id:
            return self.lead_organization.name
        return ""


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")


class ProgressReport(models.Model):
    """Bilanz, Sachstandsbericht: the dated state of every measure of a plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("Integrationsplan"), on_delete=models.PROTECT, related_name="reports"
    )
    title = models.CharField(_("Titel"), max_length=300)
    as_of = models.DateField(_("Stand"))
    introduction = models.TextField(_("Einleitung"), blank=True)
    outlook = models.TextField(_("Ausblick"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A corrected edition: same Stand, published later, with what changed and why. The report it
    # corrects stays as it was published (its page and documents never change) and gives way to
    # its correction in every list and figure.
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("berichtigt die Fassung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    correction_note = models.TextField(_("Was wurde berichtigt und warum?"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    # What the published report's pages, open data, API and feeds show of the plan, its fields
    # and goals, as it was at publication (plans/snapshot.py); empty while a draft.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bilanz")
        verbose_name_plural = _("Bilanzen")
        ordering = ["plan", "-as_of", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "as_of"],
                condition=Q(corrects__isnull=True),
                name="report_as_of_unique",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="report_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_note=""),
                name="report_correction_has_note",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


class ProgressStatus(models.TextChoices):
    DONE = "done", _("umgesetzt")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    IN_COORDINATION = "in_coordination", _("im Abstimmungsprozess")
    NOT_STARTED = "not_started", _("nicht umgesetzt")
    NOT_POSSIBLE = "not_possible", _("Umsetzung nicht möglich")
    UNKNOWN = "unknown", _("keine Angabe")


class ProgressEntry(models.Model):
    """Umsetzungsstand: one measure's status in one report."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("Bilanz"), on_delete=models.CASCADE, related_name="entries"
    )
    measure = models.ForeignKey(
        Measure, verbose_name=_("Maßnahme"), on_delete=models.CASCADE, related_name="entries"
    )
    status = models.CharField(
        _("Umsetzungsstand"),
        max_length=20,
        choices=ProgressStatus.choices,
        default=ProgressStatus.UNKNOWN,
    )
    percent = models.PositiveSmallIntegerField(
        _("Prozent umgesetzt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    description = models.TextField(_("Was wurde getan?"), blank=True)
    original_wording = models.TextField(
        _("Wortlaut im Bericht"),
        blank=True,
        help_text=_("Der Umsetzungsstand so, wie ihn das Amt formuliert hat."),
    )
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    # The measure as it was at publication (number, titles and descriptions in every language,
    # field, goal, lead, order); empty while the report is a draft (plans/snapshot.py).
    frozen = models.JSONField(default=dict, blank=True, editable=False)
    frozen_position = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Umsetzungsstand")
        verbose_name_plural = _("Umsetzungsstände")
        ordering = ["report", "measure__field__number", "measure__position", "measure_id"]
        # Lists across the Land filter a report's entries by status (portal, API).
        indexes = [models.Index(fields=["report", "status", "measure"], name="entry_report_status")]
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="entry_unique"),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="entry_percent_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(percent__isnull=True) | Q(percent=100),
                name="entry_done_is_100",
            ),
            models.CheckConstraint(
                condition=~Q(status="not_started") | Q(percent__isnull=True) | Q(percent=0),
                name="entry_not_started_is_0",
            ),
        ]

    def __str__(self):
        return f"{self.measure} – {self.get_status_display()}"


class Example(models.Model):
    """Beispiele aus dem Landkreis: good practice reported with a field in a report."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("Bilanz"), on_delete=models.CASCADE, related_name="examples"
    )
    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.CASCADE,
        related_name="examples",
    )
    text = models.TextField(_("Beispiel"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    provider = models.CharField(_("Träger"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Beispiel aus dem Landkreis")
        verbose_name_plural = _("Beispiele aus dem Landkreis")
        ordering = ["report", "field__number", "position", "id"]

    def __str__(self):
        return self.text[:80]


class UpdateRequest(models.Model):
    """A request to an office to report the progress of its measures for a draft report."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="update_requests"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Amt"), on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("Rückmeldung bis"))
    sent_at = models.DateTimeField(_("angefragt am"))
    reminded_at = models.DateTimeField(_("zuletzt erinnert am"), null=True, blank=True)
    answered_at = models.DateTimeField(_("Rückmeldung am"), null=True, blank=True)

    objects = UpdateRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anfrage an ein Amt")
        verbose_name_plural = _("Anfragen an Ämter")
        ordering = ["due_on", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "unit"], name="update_request_unique"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.report}"


class MilestoneKind(models.TextChoices):
    DECISION = "decision", _("Beschluss")
    # Before drafting: what exists already (offers, networks, providers) — seed 004's IST-Stand.
    INVENTORY = "inventory", _("Bestandsaufnahme (IST-Stand)")
    INTERIM_REPORT = "interim_report", _("Zwischenbericht")
    COUNCIL = "council", _("Einbringung in Gemeinderat oder Kreistag")
    PRIORITY_LIST = "priority_list", _("Prioritätenliste")
    IMPLEMENTATION = "implementation", _("Umsetzung")
    OTHER = "other", _("sonstiger Meilenstein")


class Milestone(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("Art"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    due_on = models.DateField(_("geplant bis"), null=True, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    # Optimistic locking (core.versioning): two people editing the timeline lose nothing silently.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["plan", "position", "due_on", "id"]

    def __str__(self):
        return self.title


class PublishedDocument(models.Model):
    """A published Bilanz as it was rendered at publication: later edits to the plan's fields
    or measures (texts, order, titles) must not rewrite what the council received."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="published_documents"
    )
    format = models.CharField(_("Format"), max_length=10)
    content = models.BinaryField()
    created_at = models.DateTimeField(_("erzeugt am"), auto_now_add=True)

    class Meta:
        # The table was made by the reports app, where the model lived before.
        db_table = "reports_publisheddocument"
        verbose_name = _("veröffentlichte Fassung")
        verbose_name_plural = _("veröffentlichte Fassungen")
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="published_document_unique"),
        ]

    def __str__(self):
        return f"{self.report} ({self.format})"


class ImportMapping(models.Model):
    """How an organisation's progress tables of one shape are read: the role of each column and
    the status each status word stands for, as a coordinator confirmed them at an import. The
    next document whose header has the same ``signature`` is read with it. Back office only, so
    its labels are plain German, not offered for translation."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="import_mappings"
    )
    signature = models.CharField("Form der Tabelle", max_length=64)
    mapping = models.JSONField("Zuordnung", default=dict)
    updated_at = models.DateTimeField("zuletzt geändert", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Zuordnung für den Bilanz-Import"
        verbose_name_plural = "Zuordnungen für den Bilanz-Import"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "signature"], name="import_mapping_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.signature[:8]}"
