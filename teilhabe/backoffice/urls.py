from django.urls import path

from . import views_import, views_organization, views_plans, views_reports

app_name = "backoffice"
urlpatterns = [
    path("", views_plans.home, name="home"),
    path(
        "organisationen/<slug:slug>/",
        views_organization.organization_detail,
        name="organization_detail",
    ),
    path(
        "organisationen/<slug:slug>/mitglieder/<int:pk>/entfernen/",
        views_organization.membership_remove,
        name="membership_remove",
    ),
    path("organisationen/<slug:org_slug>/neuer-plan/", views_plans.plan_create, name="plan_create"),
    path(
        "organisationen/<slug:org_slug>/bilanz-import/",
        views_import.bilanz_import,
        name="bilanz_import",
    ),
    path("plaene/<slug:slug>/", views_plans.plan_dashboard, name="plan_dashboard"),
    path("plaene/<slug:slug>/bearbeiten/", views_plans.plan_edit, name="plan_edit"),
    path("plaene/<slug:slug>/massnahmen/", views_plans.measure_list, name="measure_list"),
    path("plaene/<slug:slug>/handlungsfelder/neu/", views_plans.field_create, name="field_create"),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/",
        views_plans.field_detail,
        name="field_detail",
    ),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/bearbeiten/",
        views_plans.field_edit,
        name="field_edit",
    ),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/ziele/neu/",
        views_plans.goal_create,
        name="goal_create",
    ),
    path(
        "plaene/<slug:slug>/handlungsfelder/<int:number>/massnahmen/neu/",
        views_plans.measure_create,
        name="measure_create",
    ),
    path("plaene/<slug:slug>/bilanzen/neu/", views_reports.report_create, name="report_create"),
    path("massnahmen/<int:pk>/", views_plans.measure_detail, name="measure_detail"),
    path("massnahmen/<int:pk>/bearbeiten/", views_plans.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/verschieben/", views_plans.measure_move, name="measure_move"),
    path("massnahmen/<int:pk>/loeschen/", views_plans.measure_delete, name="measure_delete"),
    path("bilanzen/<int:pk>/", views_reports.report_detail, name="report_detail"),
    path("bilanzen/<int:pk>/bearbeiten/", views_reports.report_edit, name="report_edit"),
    path(
        "bilanzen/<int:pk>/veroeffentlichen/", views_reports.report_publish, name="report_publish"
    ),
    path("bilanzen/<int:pk>/loeschen/", views_reports.report_delete, name="report_delete"),
    path("bilanzen/<int:pk>/beispiele/", views_reports.example_add, name="example_add"),
    path("bilanzen/<int:pk>/anfragen/", views_reports.requests_send, name="requests_send"),
    path(
        "bilanzen/<int:pk>/rueckmeldung/<int:unit_id>/",
        views_reports.request_answer,
        name="request_answer",
    ),
    path("beispiele/<int:pk>/loeschen/", views_reports.example_delete, name="example_delete"),
    path("eintraege/<int:pk>/", views_reports.entry_edit, name="entry_edit"),
    path("eintraege/<int:pk>/zeile/", views_reports.entry_row, name="entry_row"),
]
