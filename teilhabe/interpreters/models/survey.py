"""The voluntary survey of staff language skills (seed 001: "eine kreisweite Erhebung der
Sprachkompetenzen bei den Mitarbeiterinnen und Mitarbeitern (auf freiwilliger Basis) in den
Verwaltungen"; seed 002: "hausinterne Listen mit Angaben von Mitarbeitern mit
Fremdsprachenkenntnissen").

A Landkreis runs one survey across its own administration and the Gemeinden that take part. A
staff member answers with their own account: the visibility levels "own office" and "own
administration" are only meaningful when both the person entering and the person looking are
known members of an administration and an office, which an account proves and a personal link
sent to an e-mail address does not.

Language skills may reveal ethnic origin (Art. 9 DSGVO). Therefore: an entry exists only with a
recorded consent; withdrawing it deletes the entry at once; entries keep no change history
(a history row would keep what the person asked to delete); every look at an entry by somebody
else is logged (`SkillAccessLog`); entries not confirmed within the survey's retention period
are purged (`manage.py purge_language_skills`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from teilhabe.organizations.models import Organization, Unit

from ..querysets_survey import (
    LanguageSkillSurveyQuerySet,
    SkillAccessLogQuerySet,
    StaffLanguageSkillQuerySet,
)

__all__ = [
    "LANGUAGE_NAMES",
    "LanguageLevel",
    "LanguageSkillSurvey",
    "SkillAccessLog",
    "SkillVisibility",
    "StaffLanguage",
    "StaffLanguageSkill",
    "SurveyConsent",
]

# Languages that staff of German administrations are asked about most (ISO 639 codes; Dari,
# Kurmanji and Sorani apart because people asking for help need exactly one of them). "other"
# lets a person name a language the list lacks in the dialect field. The names are translated:
# the Bilanz shows them on the portal in the reader's language.
LANGUAGE_NAMES = {
    "sq": _("Albanisch"),
    "am": _("Amharisch"),
    "ar": _("Arabisch"),
    "bs": _("Bosnisch"),
    "bg": _("Bulgarisch"),
    "zh": _("Chinesisch"),
    "prs": _("Dari"),
    "da": _("Dänisch"),
    "en": _("Englisch"),
    "fa": _("Farsi (Persisch)"),
    "fr": _("Französisch"),
    "sgn": _("Gebärdensprache (DGS)"),
    "el": _("Griechisch"),
    "hi": _("Hindi"),
    "it": _("Italienisch"),
    "hr": _("Kroatisch"),
    "kmr": _("Kurdisch (Kurmandschi)"),
    "ckb": _("Kurdisch (Sorani)"),
    "mk": _("Mazedonisch"),
    "nl": _("Niederländisch"),
    "ps": _("Paschtu"),
    "pl": _("Polnisch"),
    "pt": _("Portugiesisch"),
    "ro": _("Rumänisch"),
    "ru": _("Russisch"),
    "sr": _("Serbisch"),
    "so": _("Somali"),
    "es": _("Spanisch"),
    "ta": _("Tamil"),
    "ti": _("Tigrinya"),
    "cs": _("Tschechisch"),
    "tr": _("Türkisch"),
    "uk": _("Ukrainisch"),
    "hu": _("Ungarisch"),
    "ur": _("Urdu"),
    "vi": _("Vietnamesisch"),
    "other": _("andere Sprache"),
}


class LanguageLevel(models.TextChoices):
    """The levels of the Common European Framework of Reference, and first language."""

    NONE = "", "keine Angabe"
    A1 = "a1", "A1 – Anfänger"
    A2 = "a2", "A2 – Grundkenntnisse"
    B1 = "b1", "B1 – fortgeschritten"
    B2 = "b2", "B2 – selbständig"
    C1 = "c1", "C1 – fachkundig"
    C2 = "c2", "C2 – annähernd muttersprachlich"
    NATIVE = "native", "Muttersprache"


class SkillVisibility(models.TextChoices):
    UNIT = "unit", "nur mein Amt"
    ORGANIZATION = "organization", "meine ganze Verwaltung"
    DISTRICT = "district", "alle teilnehmenden Verwaltungen im Kreis"


class LanguageSkillSurvey(models.Model):
    """One survey of a Landkreis across its administration and the Gemeinden taking part."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="durchführende Organisation",
        on_delete=models.CASCADE,
        related_name="language_surveys",
    )
    title = models.CharField("Titel", max_length=200)
    description = models.TextField("Beschreibung", blank=True)
    participants = models.ManyToManyField(
        Organization,
        verbose_name="teilnehmende Verwaltungen",
        related_name="language_surveys_joined",
        help_text="Die eigene Verwaltung und die Städte und Gemeinden des Kreises, die teilnehmen.",
    )
    is_open = models.BooleanField(
        "offen für Angaben",
        default=True,
        help_text="Nur während die Erhebung offen ist, können neue Angaben gemacht werden.",
    )
    consent_text = models.TextField("Text der Einwilligung")
    retention_months = models.PositiveSmallIntegerField(
        "Aufbewahrung der Angaben (Monate)",
        default=24,
        help_text="Angaben, die die Person so lange nicht bestätigt oder geändert hat, werden "
        "gelöscht.",
    )
    log_retention_days = models.PositiveSmallIntegerField(
        "Aufbewahrung des Zugriffsprotokolls (Tage)", default=365
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    # The survey's settings have a history (who changed the retention, closed it); the staff
    # entries deliberately have none.
    history = HistoricalRecords()

    objects = LanguageSkillSurveyQuerySet.as_manager()

    class Meta:
        verbose_name = "Erhebung der Sprachkompetenzen"
        verbose_name_plural = "Erhebungen der Sprachkompetenzen"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_months__gte=1), name="survey_retention_at_least_a_month"
            ),
            models.CheckConstraint(
                condition=Q(log_retention_days__gte=30), name="survey_log_retention_30_days"
            ),
        ]

    def __str__(self):
        return self.title


class StaffLanguageSkill(models.Model):
    """One staff member's answer: the administration and office they work in, who may see it,
    whether they may be asked for help, and their languages (`StaffLanguage`)."""

    survey = models.ForeignKey(
        LanguageSkillSurvey, on_delete=models.CASCADE, related_name="entries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_skills"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="Verwaltung",
        on_delete=models.CASCADE,
        related_name="staff_language_skills",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="Amt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_language_skills",
    )
    willing_to_help = models.BooleanField("Ich darf für Sprachhilfe angefragt werden", default=True)
    visibility = models.CharField(
        "Wer darf meinen Eintrag sehen?",
        max_length=20,
        choices=SkillVisibility.choices,
        default=SkillVisibility.ORGANIZATION,
    )
    phone = models.CharField("Telefon (dienstlich)", max_length=50, blank=True)
    note = models.CharField(
        "Hinweis für Anfragende",
        max_length=300,
        blank=True,
        help_text="z. B. erreichbar vormittags",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        "zuletzt bestätigt",
        help_text="Jedes Speichern bestätigt die Angaben; danach beginnt die Aufbewahrungsfrist.",
    )
    version = models.PositiveIntegerField(default=1)

    objects = StaffLanguageSkillQuerySet.as_manager()

    class Meta:
        verbose_name = "Angabe zu Sprachkompetenzen"
        verbose_name_plural = "Angaben zu Sprachkompetenzen"
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="staff_skill_one_per_person"),
            models.CheckConstraint(
                condition=~Q(visibility="unit") | Q(unit__isnull=False),
                name="staff_skill_unit_visibility_needs_unit",
            ),
        ]

    def __str__(self):
        return f"Sprachkompetenzen von {self.user}"


class StaffLanguage(models.Model):
    """One language of an entry with a level per skill."""

    entry = models.ForeignKey(
        StaffLanguageSkill, on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(
        "Sprache",
        max_length=10,
        choices=sorted(LANGUAGE_NAMES.items(), key=lambda item: str(item[1])),
    )
    dialect = models.CharField("Dialekt oder Variante", max_length=100, blank=True)
    understanding = models.CharField(
        "Verstehen", max_length=10, choices=LanguageLevel.choices, blank=True
    )
    speaking = models.CharField(
        "Sprechen", max_length=10, choices=LanguageLevel.choices, blank=True
    )
    reading = models.CharField("Lesen", max_length=10, choices=LanguageLevel.choices, blank=True)
    writing = models.CharField(
        "Schreiben", max_length=10, choices=LanguageLevel.choices, blank=True
    )

    class Meta:
        verbose_name = "Sprache"
        verbose_name_plural = "Sprachen"
        ordering = ["entry", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "language", "dialect"], name="staff_language_once"
            ),
            models.CheckConstraint(
                condition=~Q(understanding="", speaking="", reading="", writing=""),
                name="staff_language_some_level",
            ),
        ]

    def __str__(self):
        return self.language_name

    @property
    def headline(self) -> str:
        """The level a person asking for help cares about first: speaking, else understanding,
        else what there is ("Sprechen C1", "Muttersprache")."""
        for skill, label in (
            ("speaking", "Sprechen"),
            ("understanding", "Verstehen"),
            ("reading", "Lesen"),
            ("writing", "Schreiben"),
        ):
            level = getattr(self, skill)
            if level == LanguageLevel.NATIVE:
                return "Muttersprache"
            if level:
                return f"{label} {level.upper()}"
        return ""

    @property
    def language_name(self) -> str:
        name = str(LANGUAGE_NAMES.get(self.language, self.language))
        return f"{name} ({self.dialect})" if self.dialect else name


class SurveyConsent(models.Model):
    """The record of a consent: who agreed to which text when, and when they withdrew it. It
    outlives the entry (it proves the processing was lawful) but holds no language."""

    survey = models.ForeignKey(
        LanguageSkillSurvey, on_delete=models.CASCADE, related_name="consents"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_consents"
    )
    text = models.TextField("Text der Einwilligung")
    given_at = models.DateTimeField("erteilt am")
    withdrawn_at = models.DateTimeField("beendet am", null=True, blank=True)
    end_reason = models.CharField(
        "Grund des Endes",
        max_length=20,
        blank=True,
        choices=[
            ("withdrawn", "Widerruf"),
            ("retention", "Ablauf der Aufbewahrungsfrist"),
            ("left", "Wechsel aus der Verwaltung"),
        ],
    )

    class Meta:
        verbose_name = "Einwilligung"
        verbose_name_plural = "Einwilligungen"
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(withdrawn_at__isnull=True),
                name="survey_consent_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="survey_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"Einwilligung von {self.user} ({self.given_at:%d.%m.%Y})"


class SkillAccessLog(models.Model):
    """Somebody other than the staff member saw their entry (in the directory). The staff member
    sees this list on their own page; it is purged after the survey's log retention."""

    survey = models.ForeignKey(
        LanguageSkillSurvey, on_delete=models.CASCADE, related_name="access_logs"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    viewer_name = models.CharField(max_length=300)
    at = models.DateTimeField(db_index=True)
    what = models.CharField(max_length=200)

    objects = SkillAccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = "Zugriff auf Sprachkompetenzen"
        verbose_name_plural = "Zugriffe auf Sprachkompetenzen"
        ordering = ["-at"]
        indexes = [models.Index(fields=["survey", "subject", "-at"], name="skill_log_subject")]

    def __str__(self):
        return f"{self.viewer_name}, {self.at:%d.%m.%Y %H:%M}"
