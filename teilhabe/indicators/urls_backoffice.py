"""Back-office pages of indicators; config/urls.py mounts them under /verwaltung/kennzahlen/."""

from django.urls import path

from .views_backoffice import indicators

app_name = "indicators"

urlpatterns = [
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
