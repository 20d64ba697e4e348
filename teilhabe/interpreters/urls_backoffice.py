"""Back-office pages of interpreters; config/urls.py mounts them under /verwaltung/sprachmittlung/."""

from django.urls import path

from .views_backoffice import survey

app_name = "interpreters"

urlpatterns: list = [
    path("erhebung/", survey.survey_list, name="survey_list"),
    path("erhebung/<slug:org_slug>/neu/", survey.survey_create, name="survey_create"),
    path("erhebung/<int:pk>/", survey.survey_detail, name="survey_detail"),
    path("erhebung/<int:pk>/bearbeiten/", survey.survey_edit, name="survey_edit"),
    path("erhebung/<int:pk>/statistik/", survey.survey_statistics, name="survey_statistics"),
    path("erhebung/<int:pk>/meine-angaben/", survey.own_entry, name="own_entry"),
    path("erhebung/<int:pk>/meine-angaben/export/", survey.own_export, name="own_export"),
    path("erhebung/<int:pk>/meine-angaben/widerrufen/", survey.own_withdraw, name="own_withdraw"),
    path("erhebung/<int:pk>/verzeichnis/", survey.directory, name="directory"),
    path("erhebung/eintrag/<int:pk>/", survey.entry_detail, name="entry_detail"),
]
