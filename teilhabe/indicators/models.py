"""Indicators: figures a plan wants to move (Einbürgerungen, Ausländeranteil …), their values per
year and municipality, and the targets a plan sets for them.

An observation belongs to a municipality by its Amtlicher Gemeindeschlüssel (AGS), not to an
organisation of ours: the Statistisches Landesamt publishes figures for every Gemeinde, Kreis and
the Land, and a town compares itself with its Kreis and the Land although neither uses Teilhabe.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.organizations.models import Organization
from teilhabe.plans.models import FieldOfAction, Goal, Plan

AGS = RegexValidator(r"^[0-9]{8}$", "Der Gemeindeschlüssel (AGS) hat acht Ziffern.")


class Direction(models.TextChoices):
    HIGHER = "higher", _("höher ist besser")
    LOWER = "lower", _("niedriger ist besser")
    # A figure that describes the population (the share of foreigners): no value is better, so
    # it gets no target and no progress status.
    NONE = "none", _("keine – die Zahl beschreibt die Lage")


class IndicatorQuerySet(models.QuerySet):
    def catalogue(self):
        """Definitions every municipality may adopt (no organisation, no values of their own)."""
        return self.filter(organization__isnull=True).order_by("code")

    def of_organization(self, organization):
        return self.filter(organization=organization).order_by("code", "title")

    def public(self):
        return self.filter(organization__isnull=False, public=True)


class Indicator(models.Model):
    """A figure's definition. Without an organisation it is a catalogue entry (e.g. of the
    Integrationsmonitoring der Länder) that organisations adopt as their own copy."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    adopted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="adoptions"
    )
    code = models.CharField(_("Kennung"), max_length=40, blank=True)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    unit = models.CharField(_("Einheit"), max_length=60, blank=True)
    numerator = models.CharField(_("Zähler"), max_length=300, blank=True)
    denominator = models.CharField(_("Nenner"), max_length=300, blank=True)
    reference_date = models.CharField(_("Stichtag"), max_length=200, blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    licence = models.CharField(_("Lizenz"), max_length=200, blank=True)
    frequency = models.CharField(_("Erscheinungsweise"), max_length=100, blank=True)
    next_release = models.DateField(_("nächste Veröffentlichung"), null=True, blank=True)
    direction = models.CharField(
        _("gewünschte Richtung"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    comparison_group = models.CharField(_("Vergleichsgruppe"), max_length=300, blank=True)
    public = models.BooleanField(_("im Portal zeigen"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["organization", "code", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"],
                condition=~Q(code=""),
                name="indicator_code_unique",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class Flag(models.TextChoices):
    NONE = "", _("—")
    PROVISIONAL = "provisional", _("vorläufig")
    ESTIMATED = "estimated", _("geschätzt")
    # A value withheld because the group is small: stored without its number, never shown.
    SUPPRESSED = "suppressed", _("geheim gehalten (kleine Fallzahl)")


class ObservationQuerySet(models.QuerySet):
    def totals(self):
        """Values without a breakdown (the whole population)."""
        return self.filter(dimension="")

    def shown(self):
        """What a page or an export may show as a number."""
        return self.exclude(flag=Flag.SUPPRESSED)


class Observation(models.Model):
    """A value of an indicator for one year and one municipality (AGS), for everybody or for one
    group of a breakdown (dimension "Geschlecht", group "weiblich")."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    ags = models.CharField(_("Gemeindeschlüssel (AGS)"), max_length=8, validators=[AGS])
    year = models.PositiveSmallIntegerField(_("Jahr"))
    dimension = models.CharField(_("Merkmal"), max_length=60, blank=True)
    group = models.CharField(_("Ausprägung"), max_length=60, blank=True)
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=4, null=True, blank=True)
    flag = models.CharField(_("Kennzeichen"), max_length=12, choices=Flag.choices, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Wert")
        verbose_name_plural = _("Werte")
        ordering = ["indicator", "ags", "year", "dimension", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "ags", "year", "dimension", "group"],
                name="observation_key_unique",
            ),
            # A suppressed value has no number to leak; any other value has one.
            models.CheckConstraint(
                condition=(Q(flag=Flag.SUPPRESSED) & Q(value__isnull=True))
                | (~Q(flag=Flag.SUPPRESSED) & Q(value__isnull=False)),
                name="observation_suppressed_without_value",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "ags", "year"])]

    def __str__(self):
        return f"{self.indicator_id} {self.ags} {self.year}: {self.value}"


class Target(models.Model):
    """What a plan wants of an indicator: from a baseline to a target value by a year, attached
    to a field of action or a goal of the plan, for the plan's municipality."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicator_targets")
    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_targets",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("Ziel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicator_targets",
    )
    baseline_year = models.PositiveSmallIntegerField(_("Basisjahr"))
    baseline_value = models.DecimalField(_("Basiswert"), max_digits=14, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("Zieljahr"), null=True, blank=True)
    target_value = models.DecimalField(
        _("Zielwert"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Zielwert")
        verbose_name_plural = _("Zielwerte")
        ordering = ["plan", "field__number", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "plan"], name="target_once_per_plan"),
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(target_year__gt=models.F("baseline_year")),
                name="target_after_baseline",
            ),
        ]

    def __str__(self):
        return (
            f"{self.indicator}: {self.baseline_value} ({self.baseline_year}) → {self.target_value}"
        )


class AlignmentKind(models.TextChoices):
    ADOPTS = "adopts", _("übernimmt")
    CONTRIBUTES = "contributes", _("trägt bei")
    DEVIATES = "deviates", _("weicht ab")


class Alignment(models.Model):
    """A town's goal or measure pointing at a goal or measure of its Kreis's plan: it adopts it,
    contributes to it or deliberately deviates from it (with a note saying why)."""

    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="alignments"
    )
    measure = models.ForeignKey(
        "plans.Measure", null=True, blank=True, on_delete=models.CASCADE, related_name="alignments"
    )
    target_goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="aligned_from"
    )
    target_measure = models.ForeignKey(
        "plans.Measure",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="aligned_from",
    )
    kind = models.CharField(_("Art"), max_length=12, choices=AlignmentKind.choices)
    note = models.TextField(_("Anmerkung"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the town last looked at a change of the Kreis's item (the notice goes away).
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Abstimmung mit dem Kreis")
        verbose_name_plural = _("Abstimmungen mit dem Kreis")
        constraints = [
            models.CheckConstraint(
                condition=(Q(goal__isnull=True) ^ Q(measure__isnull=True))
                & (Q(target_goal__isnull=True) ^ Q(target_measure__isnull=True)),
                name="alignment_one_source_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def source(self):
        return self.goal or self.measure

    @property
    def target(self):
        return self.target_goal or self.target_measure
