"""The back office of plans, mounted by config/urls.py under /verwaltung/ (namespace plans)."""

from django.urls import path

from .views_backoffice import (
    corrections,
    entries,
    exchange,
    fields,
    imports,
    measures,
    milestones,
    plans,
    reports,
    translations,
)

app_name = "plans"
urlpatterns = [
    path("organisationen/<slug:org_slug>/neuer-plan/", plans.plan_create, name="plan_create"),
    path(
        "organisationen/<slug:org_slug>/bilanz-import/",
        imports.bilanz_import,
        name="bilanz_import",
    ),
    path("plaene/<slug:slug>/", plans.plan_dashboard, name="plan_dashboard"),
    path("plaene/<slug:slug>/bearbeiten/", plans.plan_edit, name="plan_edit"),
    path("plaene/<slug:slug>/massnahmen/", measures.measure_list, name="measure_list"),
    path("plaene/<slug:slug>/handlungsfelder/neu/", fields.field_create, name="field_create"),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/",
        fields.field_detail,
        name="field_detail",
    ),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/bearbeiten/",
        fields.field_edit,
        name="field_edit",
    ),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/ziele/neu/",
        fields.goal_create,
        name="goal_create",
    ),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/massnahmen/neu/",
        measures.measure_create,
        name="measure_create",
    ),
    path("plaene/<slug:slug>/bilanzen/neu/", reports.report_create, name="report_create"),
    path("massnahmen/<int:pk>/", measures.measure_detail, name="measure_detail"),
    path("massnahmen/<int:pk>/bearbeiten/", measures.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/verschieben/", measures.measure_move, name="measure_move"),
    path("massnahmen/<int:pk>/loeschen/", measures.measure_delete, name="measure_delete"),
    path("bilanzen/<int:pk>/", reports.report_detail, name="report_detail"),
    path("bilanzen/<int:pk>/bearbeiten/", reports.report_edit, name="report_edit"),
    path("bilanzen/<int:pk>/veroeffentlichen/", reports.report_publish, name="report_publish"),
    path("bilanzen/<int:pk>/loeschen/", reports.report_delete, name="report_delete"),
    path("bilanzen/<int:pk>/berichtigen/", corrections.report_correct, name="report_correct"),
    path("bilanzen/<int:pk>/beispiele/", reports.example_add, name="example_add"),
    path("bilanzen/<int:pk>/anfragen/", reports.requests_send, name="requests_send"),
    path(
        "bilanzen/<int:pk>/rueckmeldung/<int:unit_id>/",
        reports.request_answer,
        name="request_answer",
    ),
    # The documents of a Bilanz: published ones are for anybody, drafts for members.
    path("berichte/<int:report_id>/bilanz.<str:fmt>", reports.bilanz_download, name="bilanz"),
    path("beispiele/<int:pk>/loeschen/", reports.example_delete, name="example_delete"),
    path("eintraege/<int:pk>/", entries.entry_edit, name="entry_edit"),
    path("eintraege/<int:pk>/zeile/", entries.entry_row, name="entry_row"),
    path("plaene/<slug:slug>/tabelle/", exchange.exchange_export, name="exchange_export"),
    path("plaene/<slug:slug>/tabelle/import/", exchange.exchange_import, name="exchange_import"),
    path(
        "plaene/<slug:slug>/tabelle/import/bestaetigen/",
        exchange.exchange_confirm,
        name="exchange_confirm",
    ),
    path("plaene/<slug:slug>/zeitplan/", milestones.milestone_list, name="milestone_list"),
    path("plaene/<slug:slug>/zeitplan/neu/", milestones.milestone_create, name="milestone_create"),
    path(
        "plaene/<slug:slug>/zeitplan/verschieben/",
        milestones.milestones_shift,
        name="milestones_shift",
    ),
    path("meilensteine/<int:pk>/bearbeiten/", milestones.milestone_edit, name="milestone_edit"),
    path("meilensteine/<int:pk>/loeschen/", milestones.milestone_delete, name="milestone_delete"),
    path(
        "plaene/<slug:slug>/uebersetzungen/",
        translations.translation_overview,
        name="translation_overview",
    ),
    path(
        "plaene/<slug:slug>/uebersetzungen/<str:language>/",
        translations.translation_language,
        name="translation_language",
    ),
    path(
        "plaene/<slug:slug>/uebersetzungen/<str:language>/<slug:group>/",
        translations.translation_edit,
        name="translation_edit",
    ),
]
