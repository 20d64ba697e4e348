"""The back office's shell, mounted at /verwaltung/ (namespace backoffice): the start page and
an organisation's settings — offices and people, its public portal details, readers' feedback.
The domain apps mount their own back-office pages (see config/urls.py)."""

from django.urls import path

from . import views, views_organization, views_portal

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "organisationen/<slug:org_slug>/",
        views_organization.organization_detail,
        name="organization_detail",
    ),
    path(
        "organisationen/<slug:org_slug>/mitglieder/<int:pk>/entfernen/",
        views_organization.membership_remove,
        name="membership_remove",
    ),
    path(
        "organisationen/<slug:org_slug>/empfaenger/",
        views_organization.unit_contacts,
        name="unit_contacts",
    ),
    path(
        "organisationen/<slug:org_slug>/empfaenger/<int:pk>/",
        views_organization.unit_contacts_edit,
        name="unit_contacts_edit",
    ),
    path(
        "organisationen/<slug:org_slug>/oeffentliche-seiten/",
        views_portal.profile_edit,
        name="profile_edit",
    ),
    path(
        "organisationen/<slug:org_slug>/rueckmeldungen/",
        views_portal.feedback_list,
        name="feedback_list",
    ),
    path(
        "organisationen/<slug:org_slug>/rueckmeldungen/<int:pk>/erledigt/",
        views_portal.feedback_handle,
        name="feedback_handle",
    ),
]
