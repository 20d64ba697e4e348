"""Gremien, Sitzungen, Drucksachen and their Beratungsfolge, entered by hand or synced from a
council information system over OParl 1.1.

Objects that came from OParl keep their OParl id (a URL, unique) and the `modified` timestamp
the server gave them, so a later sync updates them in place and skips what has not changed.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from teilhabe.organizations.models import Organization
from teilhabe.participation.models import Recommendation
from teilhabe.plans.models import Measure, Milestone, Plan, ProgressReport

from .querysets import CommitteeQuerySet, ConsultationQuerySet, MeetingQuerySet, PaperQuerySet


class OParlFields(models.Model):
    oparl_id = models.URLField(_("OParl-ID"), max_length=500, null=True, blank=True, unique=True)
    oparl_modified = models.DateTimeField(null=True, blank=True, editable=False)
    web_url = models.URLField(_("Adresse im Ratsinformationssystem"), max_length=500, blank=True)

    class Meta:
        abstract = True


class CommitteeKind(models.TextChoices):
    COUNCIL = "council", _("Kreistag / Gemeinderat")
    COMMITTEE = "committee", _("Ausschuss")
    OTHER = "other", _("sonstiges Gremium")


class Committee(OParlFields):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="committees",
    )
    name = models.CharField(_("Name"), max_length=300)
    short_name = models.CharField(_("Kurzbezeichnung"), max_length=50, blank=True)
    kind = models.CharField(
        _("Art"), max_length=20, choices=CommitteeKind.choices, default=CommitteeKind.COMMITTEE
    )
    # From OParl (startDate/endDate): a committee with an end date is dissolved.
    start_date = models.DateField("gebildet am", null=True, blank=True)
    end_date = models.DateField("aufgelöst am", null=True, blank=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["organization", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="committee_name_unique"),
        ]

    def __str__(self):
        return self.name


class Meeting(OParlFields):
    committee = models.ForeignKey(
        Committee, verbose_name=_("Gremium"), on_delete=models.CASCADE, related_name="meetings"
    )
    name = models.CharField(_("Bezeichnung"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.CharField(_("Ort"), max_length=300, blank=True)
    cancelled = models.BooleanField(_("abgesagt"), default=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.name or f"{self.committee} {self.starts_at:%d.%m.%Y}"


class PaperType(models.TextChoices):
    DECISION = "decision", _("Beschlussvorlage")
    INFORMATION = "information", _("Mitteilungsvorlage")
    REPORT = "report", _("Bericht")
    MOTION = "motion", _("Antrag")
    QUESTION = "question", _("Anfrage")
    OTHER = "other", _("sonstige Drucksache")


class Paper(OParlFields):
    """A Drucksache, e.g. KT-Drucks. Nr. 234/2014."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="papers",
    )
    reference = models.CharField(
        _("Drucksachennummer"), max_length=50, help_text=_("z. B. 234/2014")
    )
    title = models.CharField(_("Betreff"), max_length=500)
    paper_type = models.CharField(
        _("Art"), max_length=20, choices=PaperType.choices, default=PaperType.DECISION
    )
    # The council system's own wording of the type, next to our category (paper_type).
    paper_type_text = models.CharField("Art im Ratsinformationssystem", max_length=200, blank=True)
    date = models.DateField(_("Datum"), null=True, blank=True)
    proposal = models.TextField(_("Beschlussantrag"), blank=True)
    reasoning = models.TextField(_("Begründung / Sachverhalt"), blank=True)
    financial_impact = models.TextField(_("Finanzielle Auswirkungen"), blank=True)
    public = models.BooleanField(_("öffentlich"), default=True)
    # OParl's links to other papers and to the bodies behind the paper, as the OParl ids the
    # council system gives: resolved when shown (selectors.paper_relations), so a paper synced
    # before the one it names links to it as soon as that one is here, and nothing dangles.
    related_oparl_ids = models.JSONField("verwandte Drucksachen (OParl)", default=list, blank=True)
    superordinated_oparl_ids = models.JSONField(
        "übergeordnete Drucksachen (OParl)", default=list, blank=True
    )
    subordinated_oparl_ids = models.JSONField(
        "untergeordnete Drucksachen (OParl)", default=list, blank=True
    )
    originator_oparl_ids = models.JSONField("Urheber (OParl)", default=list, blank=True)
    under_direction_of_oparl_ids = models.JSONField(
        "federführend (OParl)", default=list, blank=True
    )
    # Deleted (or depublished) in the council information system while plans, measures or
    # other records link to it: kept with its links, no longer public, marked for the office.
    upstream_deleted = models.BooleanField(
        _("im Ratsinformationssystem gelöscht"), default=False, editable=False
    )
    plans = models.ManyToManyField(Plan, verbose_name=_("Pläne"), blank=True, related_name="papers")
    reports = models.ManyToManyField(
        ProgressReport, verbose_name=_("Bilanzen"), blank=True, related_name="papers"
    )
    recommendations = models.ManyToManyField(
        Recommendation, verbose_name=_("Empfehlungen"), blank=True, related_name="papers"
    )
    measures = models.ManyToManyField(
        Measure, verbose_name=_("Maßnahmen"), blank=True, related_name="papers"
    )
    milestones = models.ManyToManyField(
        Milestone,
        verbose_name=_("Meilensteine"),
        blank=True,
        related_name="papers",
        help_text=_("Meilensteine, die diese Drucksache erfüllt"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[plans, reports, recommendations, measures, milestones])

    objects = PaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("Drucksache")
        verbose_name_plural = _("Drucksachen")
        ordering = ["organization", "-date", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"], name="paper_reference_unique"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"


class PaperFile(OParlFields):
    """An attachment (Anlage): stored here, or only linked at the council information system."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("Name"), max_length=300)
    file = models.FileField(_("Datei"), upload_to="council/papers/", blank=True)
    access_url = models.URLField(_("Adresse der Datei"), max_length=500, blank=True)
    download_url = models.URLField("Adresse zum Herunterladen", max_length=500, blank=True)
    file_name = models.CharField("Dateiname", max_length=300, blank=True)
    date = models.DateField(_("Datum"), null=True, blank=True)
    mime_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    # The file's text as the council system extracted it (OParl `text`): what the paper list's
    # search reads besides number and title.
    text = models.TextField("Text der Datei", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")
        ordering = ["paper", "position", "id"]

    def __str__(self):
        return self.name


class ConsultationRole(models.TextChoices):
    PRELIMINARY = "preliminary", _("Vorberatung")
    DECISION = "decision", _("Beschlussfassung")
    NOTICE = "notice", _("Kenntnisnahme")


class Consultation(OParlFields):
    """One step of the Beratungsfolge: which body deals with the paper, when, and how."""

    paper = models.ForeignKey(
        Paper, verbose_name=_("Drucksache"), on_delete=models.CASCADE, related_name="consultations"
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("Gremium"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("Sitzung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    # The agenda item the paper was dealt with under (OParl: agendaItem); its result is ours.
    agenda_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("Tagesordnungspunkt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    date = models.DateField(_("Datum"), null=True, blank=True)
    role = models.CharField(
        _("Rolle"),
        max_length=20,
        choices=ConsultationRole.choices,
        default=ConsultationRole.DECISION,
    )
    public = models.BooleanField(_("öffentlich"), default=True)
    result = models.CharField(_("Ergebnis"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    history = HistoricalRecords()

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beratung")
        verbose_name_plural = _("Beratungsfolge")
        ordering = ["paper", "position", "date", "id"]

    def __str__(self):
        return f"{self.paper.reference}: {self.committee} ({self.get_role_display()})"


class AgendaItem(OParlFields):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("Nummer"), max_length=20, blank=True)
    name = models.CharField(_("Gegenstand"), max_length=500)
    public = models.BooleanField(_("öffentlich"), default=True)
    result = models.CharField(_("Ergebnis"), max_length=300, blank=True)
    resolution_text = models.TextField("Beschlusstext", blank=True)
    # OParl `resolutionFile`: the decision as a file, linked at the council information system.
    resolution_file_name = models.CharField("Beschlussdatei", max_length=300, blank=True)
    resolution_file_url = models.URLField("Adresse der Beschlussdatei", max_length=500, blank=True)
    paper = models.ForeignKey(
        Paper, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return f"{self.number} {self.name}"


# The labels added with the OParl vendor fields are plain German: they appear only in the back
# office, and the shared message catalogues are left to `make messages` on main.
class MeetingFileRole(models.TextChoices):
    INVITATION = "invitation", "Einladung"
    RESULTS_PROTOCOL = "results_protocol", "Ergebnisprotokoll"
    VERBATIM_PROTOCOL = "verbatim_protocol", "Wortprotokoll"
    AUXILIARY = "auxiliary", "weitere Unterlage"


class MeetingFile(OParlFields):
    """A document of a meeting (invitation, protocols, other files), linked at the council
    information system."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(
        _("Art"),
        max_length=20,
        choices=MeetingFileRole.choices,
        default=MeetingFileRole.AUXILIARY,
    )
    name = models.CharField(_("Name"), max_length=300)
    file_name = models.CharField("Dateiname", max_length=300, blank=True)
    access_url = models.URLField(_("Adresse der Datei"), max_length=500, blank=True)
    download_url = models.URLField("Adresse zum Herunterladen", max_length=500, blank=True)
    date = models.DateField(_("Datum"), null=True, blank=True)
    mime_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    text = models.TextField("Text der Datei", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Sitzungsunterlage"
        verbose_name_plural = "Sitzungsunterlagen"
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return self.name


class OParlSource(models.Model):
    """A council information system an organisation syncs from, and where its sync stands."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="oparl_sources"
    )
    system_url = models.URLField(_("OParl-System-URL"), max_length=500)
    body_url = models.URLField(_("OParl-Körperschaft"), max_length=500, blank=True)
    # Names of the system's groupings that are no Gremium here (Fraktionen, Ämter): papers name
    # them as originator or under whose direction they stand (OParl id → name).
    body_names = models.JSONField("weitere Gruppierungen (OParl)", default=dict, blank=True)
    schedule_hours = models.PositiveIntegerField(
        _("automatisch abgleichen alle … Stunden"),
        null=True,
        blank=True,
        help_text=_("leer: nur von Hand"),
    )
    # Incremental sync: the server time the last complete sync started at.
    synced_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Ratsinformationssystem")
        verbose_name_plural = _("Ratsinformationssysteme")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "system_url"], name="oparl_source_unique"
            ),
        ]

    def __str__(self):
        return self.system_url


class SyncStatus(models.TextChoices):
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("läuft")
    DONE = "done", _("abgeschlossen")
    FAILED = "failed", _("abgebrochen")


class SyncRun(models.Model):
    """One sync: its progress while it runs, and where to resume if it stopped."""

    source = models.ForeignKey(OParlSource, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=SyncStatus.choices, default=SyncStatus.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    modified_since = models.DateTimeField(null=True, blank=True)
    # Which list is being read and the next page's URL: where a resumed run starts again.
    resume = models.JSONField(default=dict, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Abgleich")
        verbose_name_plural = _("Abgleiche")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="failed_sync_has_error"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.started_at}"
