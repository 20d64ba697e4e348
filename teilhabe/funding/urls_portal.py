"""Public pages of funding; teilhabe/portal/urls.py includes them at /<organisation>/foerderung/ in the
namespace portal. The applicant's pages are opened by their personal link only."""

from django.urls import path

from . import views_portal

urlpatterns = [
    path("", views_portal.overview, name="funding_overview"),
    path("projekte.<str:fmt>", views_portal.projects_data, name="funding_data"),
    path("projekt/<int:pk>/", views_portal.project, name="funding_project"),
    path("antrag/<str:token>/", views_portal.application_page, name="funding_application"),
    path(
        "antrag/<str:token>/daten.json",
        views_portal.application_data,
        name="funding_application_data",
    ),
    path(
        "antrag/<str:token>/loeschen/",
        views_portal.application_delete,
        name="funding_application_delete",
    ),
    path(
        "antrag/<str:token>/datei/<int:attachment_pk>/",
        views_portal.application_file,
        name="funding_application_file",
    ),
    path("<slug:fund_slug>/", views_portal.call_page, name="funding_call"),
    path("<slug:fund_slug>/antrag/", views_portal.apply, name="funding_apply"),
]
