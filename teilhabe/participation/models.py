"""Beteiligungsprozess: formats, registrations, ideas, recommendations and prioritisation.

Personal data (names, email addresses, needs) lives only on Registration, GroupMember, Idea and
IdeaComment, in fields listed in PERSONAL_FIELDS; everything else is free of it, so published
pages and exports cannot leak it by accident. Self-service (export, delete, cancel, notices)
works through a secret token sent to the person, so nobody needs an account.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.plans.models import FieldOfAction, Measure, Plan

from .querysets import IdeaQuerySet, ProcessQuerySet, RecommendationQuerySet

TEXT_MAX = 4000
TITLE_MAX = 200


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ProcessStatus(models.TextChoices):
    PREPARATION = "preparation", _("in Vorbereitung")
    RUNNING = "running", _("läuft")
    FINISHED = "finished", _("abgeschlossen")


class ParticipationProcess(models.Model):
    """The whole Beteiligungsprozess of one plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("Plan"), on_delete=models.CASCADE, related_name="processes"
    )
    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname"), max_length=80)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=ProcessStatus.choices, default=ProcessStatus.PREPARATION
    )
    public = models.BooleanField(
        _("öffentlich sichtbar"),
        default=False,
        help_text=_("Erst dann erscheinen der Prozess und seine veröffentlichten Ideen im Portal."),
    )
    ends_on = models.DateField(
        _("Ende des Prozesses"),
        null=True,
        blank=True,
        help_text=_("Ab diesem Tag läuft die Löschfrist für personenbezogene Daten."),
    )
    retention_days = models.PositiveIntegerField(
        _("Löschfrist (Tage nach Prozessende)"),
        null=True,
        blank=True,
        help_text=_("Leer: die Voreinstellung der Plattform."),
    )
    personal_data_purged_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beteiligungsprozess")
        verbose_name_plural = _("Beteiligungsprozesse")
        ordering = ["plan", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="process_slug_unique"),
        ]

    def __str__(self):
        return self.title

    @property
    def organization_id(self):
        return self.plan.organization_id

    @property
    def retention(self) -> int:
        if self.retention_days is not None:
            return self.retention_days
        return settings.TEILHABE_PARTICIPANT_RETENTION_DAYS


class FormatKind(models.TextChoices):
    CONFERENCE = "conference", _("Fachtag")
    WORKSHOP = "workshop", _("Workshop")
    WORKING_GROUP = "working_group", _("Arbeitsgruppe")
    PROJECT_GROUP = "project_group", _("Projektgruppe")
    STEERING_GROUP = "steering_group", _("Steuerungsgruppe")
    ONLINE_PHASE = "online_phase", _("Online-Beteiligung")


EVENT_KINDS = (FormatKind.CONFERENCE, FormatKind.WORKSHOP)
GROUP_KINDS = (FormatKind.PROJECT_GROUP, FormatKind.STEERING_GROUP)


class ParticipationFormat(models.Model):
    """One format of a process: an event people register for, a working group inside an event,
    a standing group with members, or an online phase in which anyone may submit ideas."""

    process = models.ForeignKey(
        ParticipationProcess,
        verbose_name=_("Beteiligungsprozess"),
        on_delete=models.CASCADE,
        related_name="formats",
    )
    kind = models.CharField(_("Art"), max_length=20, choices=FormatKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("gehört zu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text=_("z. B. die Arbeitsgruppe eines Fachtags"),
    )
    number = models.PositiveIntegerField(_("Nummer"), null=True, blank=True)
    title = models.CharField(_("Titel"), max_length=300)
    theme = models.TextField(_("Thema"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_formats",
    )
    starts_at = models.DateTimeField(_("Beginn"), null=True, blank=True)
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    moderation = models.CharField(_("Moderation"), max_length=300, blank=True)
    invited = models.TextField(
        _("Eingeladen"), blank=True, help_text=_("eingeladene Organisationen und Kommunen")
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer: ohne Begrenzung")
    )
    registration_open = models.BooleanField(_("Anmeldung offen"), default=False)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Beteiligungsformat")
        verbose_name_plural = _("Beteiligungsformate")
        ordering = ["process", "position", "starts_at", "number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="format_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(kind="online_phase")
                | (Q(starts_at__isnull=False) & Q(ends_at__isnull=False)),
                name="online_phase_has_period",
            ),
        ]

    def __str__(self):
        if self.kind == FormatKind.WORKING_GROUP and self.number:
            return f"AG {self.number}: {self.title}"
        return self.title

    @property
    def is_event(self) -> bool:
        return self.kind in EVENT_KINDS

    @property
    def is_group(self) -> bool:
        return self.kind in GROUP_KINDS


class MemberSector(models.TextChoices):
    MIGRANT_ORGANIZATION = "migrant_organization", _("Migrantenorganisation")
    REFUGEE_GROUP = "refugee_group", _("Flüchtlingskreis")
    COUNCIL = "council", _("Gemeinderat / Kreistag")
    EDUCATION = "education", _("Bildungseinrichtung / Schule")
    YOUTH_COUNCIL = "youth_council", _("Jugendrat / Stadtjugendring")
    SENIOR_COUNCIL = "senior_council", _("Seniorenrat")
    CHURCH = "church", _("Kirchengemeinde / Religionsgemeinschaft")
    CLUBS = "clubs", _("Vereine")
    OFFICE = "office", _("Fachamt der Verwaltung")
    OTHER = "other", _("Sonstige")


class GroupMember(models.Model):
    """A member of a project or steering group. Name and email are personal data."""

    group = models.ForeignKey(
        ParticipationFormat,
        verbose_name=_("Gruppe"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    affiliation = models.CharField(_("Organisation / Funktion"), max_length=300, blank=True)
    sector = models.CharField(
        _("Bereich"), max_length=30, choices=MemberSector.choices, default=MemberSector.OTHER
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_memberships",
    )
    may_vote = models.BooleanField(_("stimmberechtigt"), default=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("Gruppenmitglied")
        verbose_name_plural = _("Gruppenmitglieder")
        ordering = ["group", "sector", "name"]

    def __str__(self):
        return self.name


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("angemeldet")
    WAITING = "waiting", _("Warteliste")
    CANCELLED = "cancelled", _("abgemeldet")


class Registration(models.Model):
    """Somebody's registration for an event. Everything but status and attendance is personal."""

    event = models.ForeignKey(
        ParticipationFormat,
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"))
    affiliation = models.CharField(_("Organisation / Kommune"), max_length=300, blank=True)
    accessibility_needs = models.TextField(_("Barrierefreiheit: was brauchen Sie?"), blank=True)
    language_help = models.CharField(_("Sprachmittlung gewünscht für"), max_length=100, blank=True)
    # The portal language the person registered in: their emails (confirmation, moving up,
    # reminder) are written in it.
    language = models.CharField(_("Sprache"), max_length=10, default="de", editable=False)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    attended = models.BooleanField(_("teilgenommen"), null=True, blank=True)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Hash of address and day (participation.services.antispam.sender_key): counts one sender's
    # registrations against the flood limit without identifying them.
    sender_key = models.CharField(max_length=64, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="registration_once_per_email",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"]),
            models.Index(fields=["sender_key", "created_at"], name="registration_sender_idx"),
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"


class IdeaSource(models.TextChoices):
    ONLINE = "online", _("online eingereicht")
    CARD = "card", _("Moderationskarte / Protokoll")


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("wartet auf Prüfung")
    PUBLISHED = "published", _("veröffentlicht")
    REJECTED = "rejected", _("nicht veröffentlicht")


class Idea(models.Model):
    """Eine Idee: online from anybody during an online phase, or typed in from a workshop card."""

    process = models.ForeignKey(
        ParticipationProcess,
        verbose_name=_("Beteiligungsprozess"),
        on_delete=models.CASCADE,
        related_name="ideas",
    )
    phase = models.ForeignKey(
        ParticipationFormat,
        verbose_name=_("Format"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        help_text=_("Online-Phase oder Arbeitsgruppe, aus der die Idee stammt"),
    )
    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    title = models.CharField(_("Titel"), max_length=TITLE_MAX)
    text = models.TextField(_("Ihre Idee"), max_length=TEXT_MAX)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    source = models.CharField(
        _("Herkunft"), max_length=10, choices=IdeaSource.choices, default=IdeaSource.ONLINE
    )
    status = models.CharField(
        _("Prüfung"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    moderation_note = models.TextField(_("Begründung der Moderation"), blank=True)
    # For an idea written in another language: what it says, in German, by the moderation, so
    # that coordinators, offices and council can work with it; shown next to the original.
    summary_de = models.TextField(_("Zusammenfassung auf Deutsch"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Personal data: shown publicly only when show_name is set, purged after the retention time.
    author_name = models.CharField(_("Name"), max_length=200, blank=True)
    author_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    show_name = models.BooleanField(_("Namen öffentlich zeigen"), default=False)
    notify = models.BooleanField(_("Über den weiteren Weg der Idee informieren"), default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sender_key = models.CharField(
        max_length=64, blank=True, editable=False, help_text="Hash of address and day, for floods"
    )
    created_at = models.DateTimeField(_("eingereicht am"), auto_now_add=True, db_index=True)
    support_count = models.PositiveIntegerField(_("Zustimmungen"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("Kommentare"), default=0, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["process", "status", "-created_at"]),
            models.Index(fields=["sender_key", "created_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def public_author(self) -> str:
        return self.author_name if self.show_name else ""


class IdeaComment(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("Idee"), on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("Kommentar"), max_length=2000)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    author_name = models.CharField(_("Name"), max_length=200, blank=True)
    show_name = models.BooleanField(_("Namen öffentlich zeigen"), default=False)
    status = models.CharField(
        _("Prüfung"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    sender_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["idea", "created_at", "id"]
        indexes = [models.Index(fields=["idea", "status", "created_at"])]

    def __str__(self):
        return self.text[:60]


class IdeaSupport(models.Model):
    """One Zustimmung. supporter_key is a salted hash (session or account), never an address."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    supporter_key = models.CharField(max_length=64)
    # Hash of address and day (antispam.sender_key): limits how many Zustimmungen come from one
    # address (a new session per click would otherwise agree without end).
    sender_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Zustimmung")
        verbose_name_plural = _("Zustimmungen")
        constraints = [
            models.UniqueConstraint(fields=["idea", "supporter_key"], name="support_once"),
        ]
        indexes = [
            models.Index(fields=["sender_key", "created_at"], name="support_sender_idx"),
        ]

    def __str__(self):
        return f"Zustimmung zu {self.idea_id}"


class Recommendation(models.Model):
    """A numbered recommendation (Empfehlung) made from ideas; adopted ones lead to measures."""

    process = models.ForeignKey(
        ParticipationProcess,
        verbose_name=_("Beteiligungsprozess"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    number = models.PositiveIntegerField(_("Nummer"))
    text = models.TextField(_("Text"))
    adopted_on = models.DateField(
        _("beschlossen am"), null=True, blank=True, help_text=_("leer: noch nicht beschlossen")
    )
    ideas = models.ManyToManyField(
        Idea, verbose_name=_("Ideen"), blank=True, related_name="recommendations"
    )
    measures = models.ManyToManyField(
        Measure, verbose_name=_("Maßnahmen"), blank=True, related_name="recommendations"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Empfehlung")
        verbose_name_plural = _("Empfehlungen")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"], name="recommendation_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"


class RecommendationItem(models.Model):
    """A sub-item a, b, c of a recommendation."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="items"
    )
    label = models.CharField(_("Buchstabe"), max_length=5)
    text = models.TextField(_("Text"))
    ideas = models.ManyToManyField(Idea, blank=True, related_name="recommendation_items")

    class Meta:
        verbose_name = _("Unterpunkt")
        verbose_name_plural = _("Unterpunkte")
        ordering = ["recommendation", "label"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "label"], name="item_label_unique"),
        ]

    def __str__(self):
        return f"{self.label}. {self.text[:80]}"


class PrioritizationMethod(models.TextChoices):
    DOTS = "dots", _("Punktevergabe")
    RANKING = "ranking", _("Rangfolge")


class PrioritizationStatus(models.TextChoices):
    OPEN = "open", _("Abstimmung läuft")
    CLOSED = "closed", _("abgeschlossen")


class Prioritization(models.Model):
    """A group ranks recommendations or measures; the result is the Prioritätenliste."""

    group = models.ForeignKey(
        ParticipationFormat,
        verbose_name=_("Gruppe"),
        on_delete=models.CASCADE,
        related_name="prioritizations",
    )
    title = models.CharField(_("Titel"), max_length=300)
    method = models.CharField(_("Verfahren"), max_length=10, choices=PrioritizationMethod.choices)
    points_per_member = models.PositiveIntegerField(
        _("Punkte je Mitglied"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("nur bei Punktevergabe"),
    )
    max_points_per_option = models.PositiveIntegerField(
        _("höchstens Punkte je Eintrag"),
        null=True,
        blank=True,
        help_text=_("leer: beliebig viele Punkte auf einen Eintrag"),
    )
    all_points_required = models.BooleanField(
        _("alle Punkte müssen vergeben werden"),
        default=False,
        help_text=_("nur bei Punktevergabe; sonst dürfen Punkte übrig bleiben"),
    )
    ranks_per_member = models.PositiveIntegerField(
        _("Anzahl der Ränge"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("nur bei Rangfolge: so viele Einträge ordnet jedes Mitglied; leer: alle"),
    )
    status = models.CharField(
        _("Stand"),
        max_length=10,
        choices=PrioritizationStatus.choices,
        default=PrioritizationStatus.OPEN,
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Priorisierung")
        verbose_name_plural = _("Priorisierungen")
        ordering = ["group", "-id"]

    def __str__(self):
        return self.title


class PrioritizationOption(models.Model):
    """One entry to vote on: a recommendation or a measure."""

    prioritization = models.ForeignKey(
        Prioritization, on_delete=models.CASCADE, related_name="options"
    )
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["prioritization", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, measure__isnull=True)
                | Q(recommendation__isnull=True, measure__isnull=False),
                name="option_is_recommendation_or_measure",
            ),
        ]

    def __str__(self):
        return str(self.recommendation or self.measure)


class Vote(models.Model):
    """Points (dot voting) or a rank (1 = most important) a member gives to one option."""

    option = models.ForeignKey(PrioritizationOption, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="votes")
    points = models.PositiveIntegerField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "member"], name="vote_once_per_option"),
            models.CheckConstraint(
                condition=Q(points__isnull=False) | Q(rank__isnull=False), name="vote_has_value"
            ),
        ]

    def __str__(self):
        return f"{self.member_id}: {self.points or self.rank}"


# Personal fields per model: what export, deletion and the retention purge work on.
PERSONAL_FIELDS = {
    Registration: ("name", "email", "affiliation", "accessibility_needs", "language_help"),
    GroupMember: ("name", "email"),
    Idea: ("author_name", "author_email"),
    IdeaComment: ("author_name",),
}


class IdeaNotice(models.Model):
    """An email to an idea's author about what became of the idea. `key` names the event
    ("adopted:<recommendation>", "status:<measure>:<report>"), so no notice goes out twice."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="notices")
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        constraints = [
            models.UniqueConstraint(fields=["idea", "key"], name="idea_notice_once"),
        ]

    def __str__(self):
        return f"{self.idea_id}: {self.key}"
