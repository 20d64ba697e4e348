"""Back-office pages of interpreters; config/urls.py mounts them under /verwaltung/sprachmittlung/."""

from django.urls import path

from .views_backoffice import pool, survey

app_name = "interpreters"

urlpatterns = [
    path("<slug:org_slug>/pools/", pool.pool_list, name="pool_list"),
    path("<slug:org_slug>/pools/neu/", pool.pool_create, name="pool_create"),
    path("pool/<int:pk>/", pool.pool_detail, name="pool_detail"),
    path("pool/<int:pk>/regeln/", pool.pool_edit, name="pool_edit"),
    path("pool/<int:pk>/sprachmittler/", pool.mediator_list, name="mediator_list"),
    path("pool/<int:pk>/sprachmittler/neu/", pool.mediator_create, name="mediator_create"),
    path("pool/<int:pk>/zugriffe/", pool.access_log, name="access_log"),
    path("pool/<int:pk>/einrichtungen/", pool.body_list, name="body_list"),
    path("pool/<int:pk>/anfragen/", pool.request_list, name="request_list"),
    path("pool/<int:pk>/abrechnungen/", pool.statement_list, name="statement_list"),
    path("sprachmittler/<int:pk>/", pool.mediator_detail, name="mediator_detail"),
    path("sprachmittler/<int:pk>/bearbeiten/", pool.mediator_edit, name="mediator_edit"),
    path("sprachmittler/<int:pk>/schulungen/", pool.training_add, name="training_add"),
    path("sprachmittler/<int:pk>/link/", pool.mediator_link, name="mediator_link"),
    path("sprachmittler/<int:pk>/status/", pool.mediator_status, name="mediator_status"),
    path("einrichtung/<int:pk>/personen/", pool.requester_create, name="requester_create"),
    path("person/<int:pk>/link/", pool.requester_link, name="requester_link"),
    path("anfrage/<int:pk>/", pool.request_detail, name="request_detail"),
    path("anfrage/<int:pk>/anbieten/", pool.request_offer, name="request_offer"),
    path("anfrage/<int:pk>/abschliessen/", pool.request_close, name="request_close"),
    path("abrechnung/<int:pk>/", pool.statement_detail, name="statement_detail"),
    path(
        "abrechnung/<int:pk>/download.<str:fmt>",
        pool.statement_download,
        name="statement_download",
    ),
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
    path("erhebung/eintrag/<int:pk>/einladen/", survey.entry_invite, name="entry_invite"),
]
