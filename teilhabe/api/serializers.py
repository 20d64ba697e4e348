"""What the API shows of each object. Field names are the code names of the glossary (as in the
JSON export); texts come in the requested language, falling back to German per field."""

import functools

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from teilhabe.indicators.models import Direction, Flag, Indicator, Observation
from teilhabe.organizations.models import Organization, OrganizationKind
from teilhabe.plans.models import (
    FieldOfAction,
    Goal,
    Measure,
    Milestone,
    MilestoneKind,
    Plan,
    PlanStatus,
    Priority,
    ProgressEntry,
    ProgressReport,
    ProgressStatus,
    Responsibility,
)
from teilhabe.portal.models import LICENCE_URLS, Licence

from .pagination import MAX_PAGE_SIZE

MAX_UPDATES = MAX_PAGE_SIZE * 2


@extend_schema_field({"type": "string"})
class LabelField(serializers.ReadOnlyField):
    """The label of a choice in the response's language (a dictionary lookup: DRF's calling of
    get_FOO_display() costs an inspect.signature() per object)."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        self._resolved: dict[str, dict] = {}
        kwargs.setdefault(
            "help_text", "Die Bezeichnung zum Schlüssel daneben, in der Sprache der Antwort."
        )
        super().__init__(**kwargs)

    def to_representation(self, value):
        # Each label is translated once per field and language, not once per row.
        language = translation.get_language()
        cache = self._resolved.get(language)
        if cache is None:
            cache = self._resolved[language] = {}
        label = cache.get(value)
        if label is None:
            label = cache[value] = str(self.labels.get(value, value))
        return label


class DataLicenceSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Kennung der Lizenz, z. B. `CC-BY-4.0`.")
    name = serializers.CharField()
    url = serializers.URLField()
    attribution = serializers.CharField(help_text="So ist die Quelle zu nennen.")


class OrganizationSerializer(serializers.ModelSerializer):
    kind_label = LabelField(OrganizationKind.choices, source="kind")
    parent = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Kurzname der übergeordneten Organisation."
    )
    data_licence = serializers.SerializerMethodField(
        help_text="Unter dieser Lizenz veröffentlicht die Organisation ihre Daten."
    )

    class Meta:
        model = Organization
        fields = ["id", "slug", "name", "kind", "kind_label", "ags", "parent", "data_licence"]

    @extend_schema_field(DataLicenceSerializer)
    def get_data_licence(self, organization) -> dict:
        profile = getattr(organization, "portal_profile", None)
        code = profile.data_licence if profile else settings.TEILHABE_DEFAULT_LICENCE
        return {
            "id": code,
            "name": Licence(code).label,
            "url": LICENCE_URLS[code],
            "attribution": profile.attribution if profile else organization.name,
        }


class PlanSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status_label = LabelField(PlanStatus.choices, source="status")
    predecessor = serializers.SerializerMethodField(
        help_text="Kurzname des Vorgängerplans (null: keiner, oder er ist nicht veröffentlicht)."
    )
    latest_report = serializers.IntegerField(
        source="latest_report_id",
        read_only=True,
        allow_null=True,
        help_text="id der neuesten veröffentlichten Bilanz (null: noch keine).",
    )

    class Meta:
        model = Plan
        fields = [
            "id",
            "slug",
            "title",
            "status",
            "status_label",
            "organization",
            "introduction",
            "adopted_on",
            "council_reference",
            "period_start",
            "period_end",
            "predecessor",
            "latest_report",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_predecessor(self, plan) -> str | None:
        predecessor = plan.predecessor
        return predecessor.slug if predecessor is not None and predecessor.is_public else None


class FieldSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = FieldOfAction
        fields = [
            "id",
            "plan",
            "number",
            "title",
            "motto",
            "introduction",
            "page_range",
            "recommendation_count",
        ]


class GoalSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="field.plan.slug", read_only=True)
    field_number = serializers.IntegerField(source="field.number", read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "plan", "field", "field_number", "title", "description", "position"]


class ProgressSerializer(serializers.ModelSerializer):
    """A measure's state in the latest published report of its plan."""

    report_as_of = serializers.DateField(source="report.as_of", read_only=True)
    status_label = LabelField(ProgressStatus.choices, source="status")

    class Meta:
        model = ProgressEntry
        fields = ["report", "report_as_of", "status", "status_label", "percent", "description"]


class MeasureSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="field.plan.slug", read_only=True)
    field_number = serializers.IntegerField(source="field.number", read_only=True)
    lead = serializers.CharField(
        source="lead_name", read_only=True, help_text="Federführendes Amt oder Organisation."
    )
    responsibility_label = LabelField(Responsibility.choices, source="responsibility")
    priority_label = LabelField(Priority.choices, source="priority")
    planned_cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, read_only=True, allow_null=True
    )
    weight = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True
    )
    progress = ProgressSerializer(
        source="published_entry",
        read_only=True,
        allow_null=True,
        help_text=(
            "Umsetzungsstand in der neuesten veröffentlichten Bilanz des Plans; null, wenn es "
            "keine gibt oder die Maßnahme darin fehlt. Entwürfe erscheinen nie."
        ),
    )

    class Meta:
        model = Measure
        fields = [
            "id",
            "plan",
            "field",
            "field_number",
            "goal",
            "number",
            "title",
            "description",
            "lead",
            "partners",
            "responsibility",
            "responsibility_label",
            "priority",
            "priority_label",
            "starts_on",
            "ends_on",
            "ongoing",
            "planned_cost",
            "weight",
            "position",
            "progress",
        ]

    def to_representation(self, row):
        # `row` is one of selectors.measure_rows(): the same dictionary as DRF's field-by-field
        # path writes for the model instance (a test compares both), without the ~300 model
        # instances and ~0.3 ms per measure of that path.
        fields = self.fields
        if row["lead_unit"] is not None:
            lead = row["lead_unit__name"]
        elif row["lead_organization"] is not None:
            lead = row["lead_organization__name"]
        else:
            lead = ""
        return {
            "id": row["id"],
            "plan": row["field__plan__slug"],
            "field": row["field"],
            "field_number": row["field__number"],
            "goal": row["goal"],
            "number": row["number"],
            "title": row["title"],
            "description": row["description"],
            "lead": lead,
            "partners": row["partners"],
            "responsibility": row["responsibility"],
            "responsibility_label": fields["responsibility_label"].to_representation(
                row["responsibility"]
            ),
            "priority": row["priority"],
            "priority_label": fields["priority_label"].to_representation(row["priority"]),
            "starts_on": _iso(row["starts_on"]),
            "ends_on": _iso(row["ends_on"]),
            "ongoing": row["ongoing"],
            "planned_cost": None
            if row["planned_cost"] is None
            else fields["planned_cost"].to_representation(row["planned_cost"]),
            "weight": fields["weight"].to_representation(row["weight"]),
            "position": row["position"],
            "progress": None if row["progress"] is None else self._progress(row["progress"]),
        }

    def _progress(self, entry):
        """As ProgressSerializer writes it."""
        return {
            "report": entry["report_id"],
            "report_as_of": _iso(entry["report__as_of"]),
            "status": entry["status"],
            "status_label": self._status_label.to_representation(entry["status"]),
            "percent": entry["percent"],
            "description": entry["description"],
        }

    @functools.cached_property
    def _status_label(self):
        return self.fields["progress"].fields["status_label"]


def _iso(day):
    return None if day is None else day.isoformat()


class ReportSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "plan", "title", "as_of", "introduction", "outlook", "published_at"]


class SummarySerializer(serializers.Serializer):
    progress = serializers.FloatField(
        allow_null=True,
        help_text=(
            "Gewichteter Fortschritt in Prozent: umgesetzt 100, nicht umgesetzt 0, im "
            "Abstimmungsprozess der Prozentwert oder 0, in Umsetzung der Prozentwert oder 50; "
            "„Umsetzung nicht möglich“ und „keine Angabe“ zählen nicht mit."
        ),
    )
    basis = serializers.IntegerField(
        help_text="Zahl der Einträge, auf denen der Fortschritt beruht (alle außer „keine "
        "Angabe“ und „Umsetzung nicht möglich“)."
    )
    too_few = serializers.BooleanField(
        help_text="Weniger als die Hälfte der Einträge hat einen Stand: dann kein Prozentwert "
        "(progress ist null), wie in Portal und Bilanz („zu wenige Angaben“)."
    )
    total = serializers.IntegerField(help_text="Zahl der Einträge.")
    by_status = serializers.DictField(
        child=serializers.IntegerField(), help_text="Zahl der Einträge je Umsetzungsstand."
    )


class ReportDetailSerializer(ReportSerializer):
    summary = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "summary"]

    @extend_schema_field(SummarySerializer)
    def get_summary(self, report) -> dict:
        row = ProgressEntry.objects.for_report(report).summary()
        figure = row["figure"]
        return {
            "progress": figure.percent,
            "basis": figure.basis,
            "too_few": figure.too_few,
            "total": row["n_total"],
            "by_status": {key: row[f"n_{key}"] for key in ProgressStatus.values},
        }


class EntrySerializer(serializers.ModelSerializer):
    measure_number = serializers.CharField(source="measure.number", read_only=True)
    measure_title = serializers.CharField(source="measure.title", read_only=True)
    field = serializers.IntegerField(source="measure.field_id", read_only=True)
    field_number = serializers.IntegerField(source="measure.field.number", read_only=True)
    status_label = LabelField(ProgressStatus.choices, source="status")

    class Meta:
        model = ProgressEntry
        fields = [
            "id",
            "report",
            "measure",
            "measure_number",
            "measure_title",
            "field",
            "field_number",
            "status",
            "status_label",
            "percent",
            "description",
            "original_wording",
        ]


class DraftEntrySerializer(EntrySerializer):
    """An entry of a draft report, with what a write needs: its version."""

    class Meta(EntrySerializer.Meta):
        fields = [*EntrySerializer.Meta.fields, "version", "updated_at"]


class MilestoneSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind_label = LabelField(MilestoneKind.choices, source="kind")

    class Meta:
        model = Milestone
        fields = [
            "id",
            "plan",
            "kind",
            "kind_label",
            "title",
            "description",
            "due_on",
            "done_on",
            "position",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    direction_label = LabelField(Direction.choices, source="direction")

    class Meta:
        model = Indicator
        fields = [
            "id",
            "organization",
            "code",
            "title",
            "description",
            "unit",
            "numerator",
            "denominator",
            "reference_date",
            "source",
            "licence",
            "frequency",
            "next_release",
            "direction",
            "direction_label",
            "comparison_group",
        ]


class ObservationSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        allow_null=True,
        read_only=True,
        help_text="Der Wert; null, wenn er wegen kleiner Fallzahl geheim gehalten wird.",
    )
    flag_label = LabelField(Flag.choices, source="flag")

    class Meta:
        model = Observation
        fields = ["ags", "year", "dimension", "group", "value", "flag", "flag_label"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Belt and braces: the database keeps no number for a suppressed value (a check
        # constraint), and the API would not pass one on if it ever did.
        if instance.flag == Flag.SUPPRESSED:
            data["value"] = None
        return data


# Writes ------------------------------------------------------------------------------------------


class ProgressUpdateSerializer(serializers.Serializer):
    measure = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="id der Maßnahme."
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=(
            "Die `version` des Eintrags, von der die Änderung ausgeht (aus GET). Hat jemand den "
            "Eintrag inzwischen gespeichert, antwortet die Schnittstelle mit 409."
        ),
    )
    status = serializers.ChoiceField(
        choices=ProgressStatus.choices, required=False, help_text="Fehlt er, bleibt er."
    )
    percent = serializers.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        help_text=(
            "Prozent umgesetzt. Bei `done` immer 100, bei `not_started` 0, bei `not_possible` "
            "und `unknown` leer. Fehlt er, bleibt er."
        ),
    )
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=20000, help_text="Was wurde getan?"
    )
    original_wording = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Der Umsetzungsstand so, wie ihn das Amt formuliert hat.",
    )


class ProgressUpdatesSerializer(serializers.Serializer):
    report = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        help_text=(
            "id der Bilanz im Entwurf, für die die Änderungen gedacht sind (aus GET). Ist sie "
            "inzwischen veröffentlicht, antwortet die Schnittstelle mit 409 statt in eine "
            "andere Bilanz zu schreiben."
        ),
    )
    updates = ProgressUpdateSerializer(many=True, allow_empty=False, max_length=MAX_UPDATES)

    def validate_updates(self, updates):
        measures = [u["measure"] for u in updates]
        duplicates = sorted({m for m in measures if measures.count(m) > 1})
        if duplicates:
            raise serializers.ValidationError(
                "Jede Maßnahme darf nur einmal vorkommen: "
                + ", ".join(str(m) for m in duplicates)
                + "."
            )
        return updates


class ProgressUpdateResultSerializer(serializers.Serializer):
    report = serializers.IntegerField(help_text="id der Bilanz im Entwurf.")
    updated = serializers.IntegerField(help_text="Zahl der geänderten Einträge.")
    entries = DraftEntrySerializer(many=True, help_text="Die Einträge nach der Änderung.")


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="HTTP-Statuscode.")
    code = serializers.CharField(
        help_text=(
            "Maschinenlesbare Fehlerart, z. B. `not_found`, `invalid`, `not_authenticated`, "
            "`authentication_failed`, `permission_denied`, `conflict`, `published_report`, "
            "`throttled`."
        )
    )
    meldung = serializers.CharField(help_text="Was passiert ist, auf Deutsch.")
    felder = serializers.DictField(
        required=False,
        help_text=(
            "Nur bei ungültigen Angaben: je Parameter oder Feld die Meldungen (bei Listen je "
            "Position)."
        ),
    )


class ErrorSerializer(serializers.Serializer):
    fehler = ErrorDetailSerializer()
