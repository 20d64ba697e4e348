"""The REST API (/api/v1/…), its OpenAPI document and its documentation page."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from . import views
from .docs import DocsView, SchemaView
from .errors import not_found

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("fields", views.FieldViewSet, basename="field")
router.register("goals", views.GoalViewSet, basename="goal")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("reports", views.ReportViewSet, basename="report")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("indicators", views.IndicatorViewSet, basename="indicator")

app_name = "api"
urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start script as a file: our CSP forbids inline scripts.
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path(
        "v1/reports/<int:report_id>/entries/",
        views.ReportEntryList.as_view(),
        name="report-entries",
    ),
    path(
        "v1/indicators/<int:indicator_id>/observations/",
        views.ObservationList.as_view(),
        name="indicator-observations",
    ),
    path(
        "v1/indicators/<int:indicator_id>/jsonstat/",
        views.ObservationJsonStat.as_view(),
        name="indicator-jsonstat",
    ),
    # Any segment: the key is checked before the plan is looked up (401 before 404).
    re_path(
        r"^v1/plans/(?P<slug>[^/]+)/draft-entries/$",
        views.DraftEntries.as_view(),
        name="draft-entries",
    ),
    path("v1/", include(router.urls)),
    re_path(r"^v1/", not_found),
]
