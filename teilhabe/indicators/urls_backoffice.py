"""Back-office pages of indicators; config/urls.py mounts them under /verwaltung/kennzahlen/."""

from django.urls import path

from .views_backoffice import alignment, indicators

app_name = "indicators"

urlpatterns = [
    path("land/<slug:org_slug>/", indicators.land_overview, name="land_overview"),
    path("abstimmung/<slug:plan_slug>/", alignment.kreis_rollup, name="kreis_rollup"),
    path(
        "abstimmung/<slug:plan_slug>/gliederung-uebernehmen/",
        alignment.plan_start_from_kreis,
        name="plan_start_from_kreis",
    ),
    path("abstimmung/massnahme/<int:pk>/", alignment.measure_align, name="measure_align"),
    path("abstimmung/<int:pk>/gesehen/", alignment.alignment_seen, name="alignment_seen"),
    path("abstimmung/<int:pk>/entfernen/", alignment.alignment_delete, name="alignment_delete"),
    path("<slug:org_slug>/", indicators.indicator_list, name="indicator_list"),
    path(
        "<slug:org_slug>/uebernehmen/<int:entry_id>/",
        indicators.indicator_adopt,
        name="indicator_adopt",
    ),
    path("indikator/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("indikator/<int:pk>/import/", indicators.indicator_import, name="indicator_import"),
    path("indikator/<int:pk>/zielwert/", indicators.indicator_target, name="indicator_target"),
    path("indikator/<int:pk>/portal/", indicators.indicator_publish, name="indicator_publish"),
]
