"""The REST API: public reads of published content, and progress updates with an API key.

Every view's docstring says who may use it. Reads never show drafts: plans in preparation,
draft reports (Bilanzen) and their entries stay in the back office. Writes go through
teilhabe.plans.services and are allowed by the rules in teilhabe/plans/rules.py.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from teilhabe.core.access import PUBLIC, Access, RuleAccessMixin
from teilhabe.core.errors import ConflictError, PublishedReportError
from teilhabe.indicators import open_data
from teilhabe.indicators.models import Observation
from teilhabe.plans import rules as plan_rules
from teilhabe.plans import snapshot
from teilhabe.plans.models import Plan, ProgressEntry, ProgressReport
from teilhabe.plans.services import ProgressUpdate, progress_update_many

from . import filters, selectors, serializers
from .errors import Conflict

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
ENTRY_ORDER = ("measure__field__number", "measure__position", "measure_id")


def content_language(request) -> str:
    """The language of the content: `?lang=`, else German (not the browser's language, so
    that the same address always gives the same answer)."""
    lang = request.query_params.get("lang")
    if lang is None:
        return settings.LANGUAGE_CODE
    if lang not in LANGUAGE_CODES:
        raise ValidationError(
            {"lang": [f"Unbekannte Sprache. Möglich sind: {', '.join(LANGUAGE_CODES)}."]}
        )
    return lang


class ApiViewMixin:
    """German for everything the API says itself (errors, labels of validation); the content
    in the requested language, with modeltranslation's fallback to German per field."""

    content_lang = None

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.content_lang = content_language(request)

    def in_content_language(self):
        return translation.override(self.content_lang or settings.LANGUAGE_CODE)

    def serialize(self, instance, *, many=False, serializer_class=None):
        serializer_class = serializer_class or self.get_serializer_class()
        context = self.get_serializer_context()
        with self.in_content_language():
            return serializer_class(instance, many=many, context=context).data

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.content_lang and response.status_code < 400:
            response["Content-Language"] = self.content_lang
        return response


class PublicViewSet(RuleAccessMixin, ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    access = Access(PUBLIC)
    permission_classes = [AllowAny]

    def filter_queryset(self, queryset):
        # Filters belong to lists; a detail address is the same object whatever the query.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def prepare(self, objects) -> None:
        """Load what the serializer needs for these objects in a fixed number of queries."""

    def load(self, ids) -> list:
        """What the serializer writes for the objects `ids`, in that order."""
        found = self.get_queryset().in_bulk(ids)
        objects = [found[pk] for pk in ids]
        self.prepare(objects)
        return objects

    def list(self, request, *args, **kwargs):
        # Page through ids only, then load the page's rows: a deep page skips index entries,
        # not joined rows.
        ids = self.filter_queryset(self.get_queryset()).values_list("pk", flat=True)
        page = self.paginate_queryset(ids)
        return self.get_paginated_response(self.serialize(self.load(page), many=True))

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.prepare([instance])
        return Response(self.serialize(instance))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Open data: any web page may read it (no cookies are involved).
        response["Access-Control-Allow-Origin"] = "*"
        return response


@extend_schema_view(
    list=extend_schema(
        summary="Organisationen",
        description="Landkreise, Städte und Gemeinden mit mindestens einem veröffentlichten "
        "Integrationsplan, nach Name.",
    ),
    retrieve=extend_schema(summary="Eine Organisation", description="Nach Kurzname (Slug)."),
)
class OrganizationViewSet(PublicViewSet):
    """Anyone, without a key: organisations that publish a plan."""

    serializer_class = serializers.OrganizationSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends: list = []

    def get_queryset(self):
        return (
            selectors.public_organizations()
            .select_related("parent", "portal_profile")
            .order_by("name", "id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Integrationspläne",
        description="Beschlossene und archivierte Pläne (nie Entwürfe), nach id.",
    ),
    retrieve=extend_schema(
        summary="Ein Integrationsplan", description="Nach Kurzname (Slug); nie ein Entwurf."
    ),
)
class PlanViewSet(PublicViewSet):
    """Anyone, without a key: adopted and archived plans."""

    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        plans = selectors.public_plans().select_related("organization", "predecessor")
        return selectors.with_latest_report(plans).order_by("id")


@extend_schema_view(
    list=extend_schema(
        summary="Handlungsfelder",
        description="Handlungsfelder der veröffentlichten Pläne, je Plan nach Nummer.",
    ),
    retrieve=extend_schema(summary="Ein Handlungsfeld", description="Nach id."),
)
class FieldViewSet(PublicViewSet):
    """Anyone, without a key: fields of action of published plans."""

    serializer_class = serializers.FieldSerializer
    filterset_class = filters.FieldFilter
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.public_fields().select_related("plan").order_by("plan_id", "number")


@extend_schema_view(
    list=extend_schema(
        summary="Ziele",
        description="Ziele der veröffentlichten Pläne, je Handlungsfeld in der Reihenfolge des "
        "Plans.",
    ),
    retrieve=extend_schema(summary="Ein Ziel", description="Nach id."),
)
class GoalViewSet(PublicViewSet):
    """Anyone, without a key: goals of published plans."""

    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter
    lookup_value_regex = r"[0-9]+"
    count_stamp = staticmethod(selectors.public_content_stamp)

    def get_queryset(self):
        return (
            selectors.public_goals()
            .select_related("field__plan")
            .order_by("field_id", "position", "id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Maßnahmen",
        description="Maßnahmen der veröffentlichten Pläne mit ihrem Umsetzungsstand in der "
        "neuesten veröffentlichten Bilanz, je Handlungsfeld in der Reihenfolge des Plans.",
    ),
    retrieve=extend_schema(summary="Eine Maßnahme", description="Nach id."),
)
class MeasureViewSet(PublicViewSet):
    """Anyone, without a key: measures of published plans, with their published progress."""

    serializer_class = serializers.MeasureSerializer
    filterset_class = filters.MeasureFilter
    lookup_value_regex = r"[0-9]+"
    count_stamp = staticmethod(selectors.public_content_stamp)

    def get_queryset(self):
        # By field, then as in the plan: the field index serves both a page of the whole Land
        # and a plan's measures. The page is loaded as rows with its published progress (load).
        return selectors.public_measures().order_by("field_id", "position", "id")

    def load(self, ids) -> list[dict]:
        with self.in_content_language():  # the rows' texts are chosen by the query
            return selectors.measure_rows(self.get_queryset(), list(ids))

    def retrieve(self, request, *args, **kwargs):
        return Response(self.serialize(self.load([self.get_object().pk])[0]))


@extend_schema_view(
    list=extend_schema(
        summary="Bilanzen",
        description="Veröffentlichte Bilanzen (Sachstandsberichte) der veröffentlichten Pläne, "
        "nach id. Bilanzen im Entwurf erscheinen nie.",
    ),
    retrieve=extend_schema(
        summary="Eine Bilanz", description="Mit Zählung je Umsetzungsstand und Fortschritt."
    ),
)
class ReportViewSet(PublicViewSet):
    """Anyone, without a key: published reports."""

    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.public_reports().select_related("plan").order_by("id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ReportDetailSerializer
        return serializers.ReportSerializer


class EntryListMixin(ApiViewMixin):
    serializer_class = serializers.EntrySerializer
    filterset_class = filters.EntryFilter

    def get_queryset(self):
        # What the OpenAPI document and the filters learn the model from.
        return ProgressEntry.objects.none()

    def list_entries(self, entries):
        entries = entries.select_related("measure__field").order_by(*ENTRY_ORDER)
        page = self.paginate_queryset(self.filter_queryset(entries))
        return self.get_paginated_response(self.serialize(page, many=True))


@extend_schema(
    summary="Einträge einer Bilanz",
    description="Der Umsetzungsstand jeder Maßnahme in einer veröffentlichten Bilanz, in der "
    "Reihenfolge des Plans.",
)
class ReportEntryList(RuleAccessMixin, EntryListMixin, generics.ListAPIView):
    """Anyone, without a key: the entries of a published report."""

    access = Access(PUBLIC)
    permission_classes = [AllowAny]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return super().get_queryset()
        report = selectors.public_report(self.kwargs["report_id"])
        return selectors.public_entries(report)

    def list(self, request, *args, **kwargs):
        # As published: the order and the measures' numbers and titles of the day it was
        # published, whatever was renamed or reordered since (plans/snapshot.py).
        report = selectors.public_report(self.kwargs["report_id"])
        entries = (
            selectors.public_entries(report)
            .select_related("measure__field")
            .order_by("frozen_position", *ENTRY_ORDER)
        )
        page = self.paginate_queryset(self.filter_queryset(entries))
        page = snapshot.apply_to_entries(report, page)
        return self.get_paginated_response(self.serialize(page, many=True))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


@extend_schema_view(
    list=extend_schema(summary="Meilensteine", description="Zeitplan der veröffentlichten Pläne."),
    retrieve=extend_schema(summary="Ein Meilenstein", description="Nach id."),
)
class MilestoneViewSet(PublicViewSet):
    """Anyone, without a key: milestones of published plans."""

    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.MilestoneFilter
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.public_milestones().select_related("plan").order_by("id")


@extend_schema_view(
    list=extend_schema(
        summary="Kennzahlen",
        description="Kennzahlen, die Organisationen mit veröffentlichtem Plan im Portal zeigen.",
    ),
    retrieve=extend_schema(summary="Eine Kennzahl", description="Nach id."),
)
class IndicatorViewSet(PublicViewSet):
    """Anyone, without a key: indicators shown on the portal."""

    serializer_class = serializers.IndicatorSerializer
    lookup_value_regex = r"[0-9]+"
    filter_backends: list = []

    def get_queryset(self):
        return selectors.public_indicators().select_related("organization").order_by("id")


@extend_schema(
    summary="Werte einer Kennzahl",
    description="Jeder Wert einer Kennzahl nach Gemeindeschlüssel (AGS), Jahr und Aufgliederung. "
    "Geheim gehaltene Werte kommen mit `flag` = `suppressed` und `value` = null.",
)
class ObservationList(RuleAccessMixin, ApiViewMixin, generics.ListAPIView):
    """Anyone, without a key: the values of an indicator shown on the portal."""

    access = Access(PUBLIC)
    permission_classes = [AllowAny]
    serializer_class = serializers.ObservationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Observation.objects.none()
        indicator = selectors.public_indicators().filter(pk=self.kwargs["indicator_id"]).first()
        if indicator is None:
            raise Http404
        return selectors.public_observations(indicator)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.serialize(page, many=True))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


# JSON-stat 2.0 in the shape the open-data file has (teilhabe.indicators.open_data.json_stat): the
# schema names its parts, so that a client generated from the document knows where values are.
JSON_STAT_SCHEMA = {
    "type": "object",
    "required": ["version", "class", "id", "size", "dimension", "value"],
    "properties": {
        "version": {"type": "string", "enum": ["2.0"]},
        "class": {"type": "string", "enum": ["dataset"]},
        "label": {"type": "string"},
        "source": {"type": "string"},
        "note": {"type": "array", "items": {"type": "string"}},
        "id": {
            "type": "array",
            "items": {"type": "string"},
            "example": ["ags", "year", "breakdown"],
        },
        "size": {"type": "array", "items": {"type": "integer"}},
        "role": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "dimension": {"type": "object", "additionalProperties": {"type": "object"}},
        "value": {
            "type": "object",
            "description": "Werte nach flachem Index; geheim gehalten: null.",
            "additionalProperties": {"type": "number", "nullable": True},
        },
        "status": {
            "type": "object",
            "description": "Kennzeichen nach flachem Index: provisional, estimated, suppressed.",
            "additionalProperties": {"type": "string"},
        },
        "extension": {"type": "object"},
    },
}


@extend_schema(
    summary="Werte einer Kennzahl als JSON-stat 2.0",
    description="Dieselben Werte wie `observations/`, als JSON-stat-2.0-Datensatz "
    "(https://json-stat.org/format/) mit den Dimensionen Gemeindeschlüssel (AGS), Jahr und "
    "Aufgliederung. Die Werte stehen nach flachem Index in `value`, Kennzeichen in `status`; "
    "ein geheim gehaltener Wert ist null mit dem Kennzeichen `suppressed`.",
    responses={200: OpenApiResponse(response=JSON_STAT_SCHEMA, description="Der Datensatz.")},
)
class ObservationJsonStat(RuleAccessMixin, ApiViewMixin, generics.GenericAPIView):
    """Anyone, without a key: the values of an indicator shown on the portal, as JSON-stat."""

    access = Access(PUBLIC)
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends: list = []

    def get(self, request, indicator_id: int):
        indicator = selectors.public_indicators().filter(pk=indicator_id).first()
        if indicator is None:
            raise Http404
        with translation.override(self.content_lang or settings.LANGUAGE_CODE):
            dataset = open_data.json_stat(indicator, open_data.rows(indicator))
        return Response(dataset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


# Writes ------------------------------------------------------------------------------------------

NO_DRAFT = (
    "Für diesen Plan gibt es zurzeit keine Bilanz im Entwurf, in die ein Umsetzungsstand "
    "eingetragen werden kann."
)


@extend_schema_view(
    get=extend_schema(
        summary="Einträge der Bilanz im Entwurf, die Sie ändern dürfen",
        description=(
            "Mit API-Schlüssel. Die Einträge der aktuellen Bilanz im Entwurf, deren "
            "Umsetzungsstand die Person des Schlüssels ändern darf (Fachamt: die Maßnahmen, die "
            "sein Amt federführend betreut; Koordination und Administration: alle). `version` "
            "gehört in die Änderung (PATCH)."
        ),
        responses={200: serializers.DraftEntrySerializer(many=True)},
    ),
    patch=extend_schema(
        summary="Umsetzungsstand ändern",
        description=(
            "Mit API-Schlüssel. Ändert den Umsetzungsstand mehrerer Maßnahmen in der aktuellen "
            "Bilanz im Entwurf, alles oder nichts. Jede Änderung nennt die `version` des "
            "Eintrags, von der sie ausgeht: Hat jemand den Eintrag inzwischen gespeichert, wird "
            "nichts geschrieben (409, `conflict`). Ist die Bilanz inzwischen veröffentlicht, "
            "ebenfalls 409 (`published_report`). Fehlende Angaben bleiben, wie sie sind; "
            "ändert sich der Status und fehlt `percent`, ergibt sich der Prozentwert aus dem "
            "Status (umgesetzt 100, nicht umgesetzt 0, sonst leer). Die Texte werden als "
            "deutsche Fassung gespeichert."
        ),
        request=serializers.ProgressUpdatesSerializer,
        responses={200: serializers.ProgressUpdateResultSerializer},
        parameters=[OpenApiParameter("lang", exclude=True)],
    ),
)
class DraftEntries(RuleAccessMixin, EntryListMixin, generics.GenericAPIView):
    """Holders of an API key whose person may update progress in the plan (office editors for
    the measures their office leads, the organisation's coordinators and administrators, and
    superusers): read and update the entries of the plan's draft report. Without a key 401;
    with a key of somebody outside the organisation 403 (404 for a plan that is not public)."""

    access = Access(
        "plans.view_drafts",
        plan_rules.any_plan,
        denied="Sie gehören nicht zur Organisation dieses Plans und können seinen "
        "Umsetzungsstand nicht ändern.",
    )
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.DraftEntrySerializer

    def plan(self) -> Plan:
        return self.kwargs["plan"]

    def get(self, request, *args, **kwargs):
        report = selectors.draft_report(self.plan())
        if report is None:
            raise Http404(NO_DRAFT)
        return self.list_entries(selectors.updatable_entries(request.user, report))

    def patch(self, request, *args, **kwargs):
        plan = self.plan()
        data = self._validated(request)
        report = self._target_report(plan, data.get("report"))
        updates = data["updates"]
        entries = selectors.entries_by_measure(report, [u["measure"] for u in updates])
        missing = {
            str(i): {"measure": [f"Die Maßnahme {u['measure']} steht nicht in „{report.title}“."]}
            for i, u in enumerate(updates)
            if u["measure"] not in entries
        }
        if missing:
            raise ValidationError({"updates": missing})
        denied = [
            entry.measure.number
            for entry in entries.values()
            if not request.user.has_perm("plans.update_progress", entry.measure)
        ]
        if denied:
            raise PermissionDenied(
                "Sie dürfen den Umsetzungsstand dieser Maßnahmen nicht ändern: "
                + ", ".join(sorted(denied))
                + "."
            )
        changes = [_progress_update(entries[u["measure"]], u) for u in updates]
        try:
            # Texts sent through the API are the German version of the content.
            with translation.override(settings.LANGUAGE_CODE):
                updated = progress_update_many(report=report, updates=changes, by=request.user)
        except ConflictError as conflict:
            raise Conflict(_conflict_message(conflict, entries), code="conflict") from None
        result = selectors.entries_in_plan_order([c.entry_id for c in changes])
        return Response(
            {
                "report": report.pk,
                "updated": updated,
                "entries": self.serialize(list(result), many=True),
            }
        )

    def _validated(self, request) -> dict:
        serializer = serializers.ProgressUpdatesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _target_report(self, plan: Plan, wanted: int | None) -> ProgressReport:
        report = selectors.draft_report(plan)
        if wanted is not None and (report is None or wanted != report.pk):
            other = selectors.report_of_plan(plan, wanted)
            if other is None:
                raise ValidationError({"report": ["Diese Bilanz gehört nicht zu diesem Plan."]})
            if other.is_published:
                raise PublishedReportError(other)
            raise Conflict(
                "Diese Bilanz ist nicht die aktuelle Bilanz im Entwurf.", code="no_draft"
            )
        if report is None:
            raise Conflict(NO_DRAFT, code="no_draft")
        return report


def _progress_update(entry: ProgressEntry, update: dict) -> ProgressUpdate:
    """What the service writes: what was sent, the rest as it is. A percent belongs to its
    status: a new status without a percent starts without one."""
    status = update.get("status", entry.status)
    percent = update.get("percent", entry.percent if status == entry.status else None)
    return ProgressUpdate(
        entry_id=entry.pk,
        version=update["version"],
        status=status,
        percent=percent,
        description=update.get("description", entry.description),
        original_wording=update.get("original_wording"),
    )


def _conflict_message(conflict: ConflictError, entries: dict) -> str:
    current = conflict.current
    measure = next(
        (e.measure for e in entries.values() if e.pk == getattr(current, "pk", None)), None
    )
    if current is None or measure is None:
        return conflict.message
    return (
        f"Der Umsetzungsstand der Maßnahme {measure.number} wurde inzwischen geändert (jetzt "
        f"Version {current.version}). Es wurde nichts gespeichert: Bitte laden Sie den aktuellen "
        "Stand und senden Sie Ihre Änderungen erneut."
    )
