"""Query parameters of the list endpoints. A malformed value is a 400 naming the parameter
(django-filter's validation, in the API's error shape), never a server error."""

import django_filters as filters
from django.core.validators import validate_slug
from django.db.models import Q
from django.forms import IntegerField
from drf_spectacular.utils import extend_schema_field

from teilhabe.plans.models import (
    FieldOfAction,
    Measure,
    Plan,
    ProgressReport,
    ProgressStatus,
    ReportStatus,
)

from .selectors import public_plans, with_published_status_in

MAX_ID = 2**63 - 1  # PostgreSQL's bigint and SQLite's integer
MAX_FIELD_NUMBER = 32767  # PositiveSmallIntegerField

STATUS_HELP = "Umsetzungsstand; mehrfach angeben für „oder“ (status=done&status=in_progress)."


class IntegerFilter(filters.NumberFilter):
    field_class = IntegerField


def documented(filter_, schema: dict):
    """Give a filter its exact OpenAPI schema (drf-spectacular would guess, and warn)."""
    return extend_schema_field(schema)(filter_)


def organization_filter(field_name: str):
    return documented(
        filters.CharFilter(field_name=field_name, max_length=80, validators=[validate_slug]),
        {
            "type": "string",
            "pattern": r"^[-a-zA-Z0-9_]+$",
            "maxLength": 80,
            "description": "Kurzname (Slug) der Organisation, z. B. `landkreis-boeblingen`.",
        },
    )


def plan_filter(field_name: str):
    return documented(
        filters.CharFilter(field_name=field_name, max_length=100, validators=[validate_slug]),
        {
            "type": "string",
            "pattern": r"^[-a-zA-Z0-9_]+$",
            "maxLength": 100,
            "description": "Kurzname (Slug) des Integrationsplans.",
        },
    )


def id_filter(field_name: str, description: str):
    return documented(
        IntegerFilter(field_name=field_name, min_value=1, max_value=MAX_ID),
        {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": description},
    )


def field_number_filter(field_name: str, description: str = "Nummer des Handlungsfelds."):
    return documented(
        IntegerFilter(field_name=field_name, min_value=0, max_value=MAX_FIELD_NUMBER),
        {
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_FIELD_NUMBER,
            "description": description,
        },
    )


def changed_since_filter(method: str, description: str):
    return documented(
        filters.DateTimeFilter(method=method),
        {
            "type": "string",
            "description": description
            + " ISO 8601, als Datum (`2024-05-01`, dann ab 0 Uhr) oder Zeitpunkt "
            "(`2024-05-01T14:30:00+02:00`); ohne Zeitzone gilt deutsche Zeit.",
            "example": "2024-05-01",
        },
    )


def status_filter(**kwargs):
    return filters.MultipleChoiceFilter(
        choices=ProgressStatus.choices, help_text=STATUS_HELP, **kwargs
    )


class PlanFilter(filters.FilterSet):
    organization = organization_filter("organization__slug")


class FieldFilter(filters.FilterSet):
    organization = organization_filter("plan__organization__slug")
    plan = plan_filter("plan__slug")


class GoalFilter(filters.FilterSet):
    organization = organization_filter("field__plan__organization__slug")
    plan = plan_filter("field__plan__slug")
    field = id_filter("field_id", "id des Handlungsfelds.")
    field_number = field_number_filter(
        "field__number", "Nummer des Handlungsfelds (sinnvoll zusammen mit `plan`)."
    )


class MeasureFilter(filters.FilterSet):
    organization = organization_filter("field__plan__organization__slug")
    plan = plan_filter("field__plan__slug")
    field = id_filter("field_id", "id des Handlungsfelds.")
    field_number = field_number_filter(
        "field__number", "Nummer des Handlungsfelds (sinnvoll zusammen mit `plan`)."
    )
    goal = id_filter("goal_id", "id des Ziels.")
    status = status_filter(
        method="filter_status",
        label="Umsetzungsstand in der neuesten veröffentlichten Bilanz des Plans",
    )
    changed_since = changed_since_filter(
        "filter_changed_since",
        "Nur Maßnahmen, die sich seit diesem Zeitpunkt geändert haben: Ihr Inhalt wurde "
        "bearbeitet (laut Änderungsverlauf), ihr Handlungsfeld oder Plan wurde geändert (z. B. "
        "der Plan beschlossen), "
        "oder für ihren Plan wurde eine Bilanz veröffentlicht (neuer Umsetzungsstand). "
        "Gelöschte Maßnahmen erscheinen nicht; gleichen Sie dafür die vollständige Liste ab.",
    )

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        scope = {
            key: self.form.cleaned_data[key]
            for key in ("organization", "plan")
            if self.form.cleaned_data.get(key)
        }
        plans = None
        if scope:
            plans = public_plans()
            if "organization" in scope:
                plans = plans.filter(organization__slug=scope["organization"])
            if "plan" in scope:
                plans = plans.filter(slug=scope["plan"])
        return with_published_status_in(queryset, value, plans=plans)

    def filter_changed_since(self, queryset, name, value):
        # Sets, not correlated lookups: each part reads only what changed since `value`. A
        # published Bilanz changes the progress of its whole plan, so it counts per plan.
        edited = Measure.history.filter(history_date__gte=value).values("id")
        fields = FieldOfAction.history.filter(history_date__gte=value).values("id")
        plans = Plan.history.filter(history_date__gte=value).values("id")
        published = ProgressReport.objects.filter(
            status=ReportStatus.PUBLISHED, published_at__gte=value
        ).values("plan_id")
        return queryset.filter(
            Q(pk__in=edited)
            | Q(field_id__in=fields)
            | Q(field__plan_id__in=plans)
            | Q(field__plan_id__in=published)
        )


class ReportFilter(filters.FilterSet):
    organization = organization_filter("plan__organization__slug")
    plan = plan_filter("plan__slug")
    changed_since = changed_since_filter(
        "filter_changed_since",
        "Nur Bilanzen, die seit diesem Zeitpunkt veröffentlicht wurden. Eine veröffentlichte "
        "Bilanz und ihre Einträge ändern sich danach nicht mehr.",
    )

    def filter_changed_since(self, queryset, name, value):
        return queryset.filter(published_at__gte=value)


class EntryFilter(filters.FilterSet):
    field = id_filter("measure__field_id", "id des Handlungsfelds.")
    field_number = field_number_filter("measure__field__number")
    measure = id_filter("measure_id", "id der Maßnahme.")
    status = status_filter(field_name="status", label="Umsetzungsstand")


class MilestoneFilter(filters.FilterSet):
    organization = organization_filter("plan__organization__slug")
    plan = plan_filter("plan__slug")
