"""Back office for the public portal: translations of a plan's texts, the organisation's portal
details and readers' feedback; included by config/urls.py under ``verwaltung/``."""

from django.urls import path

from . import views_portal, views_translations

app_name = "portal_admin"
urlpatterns = [
    path(
        "organisationen/<slug:slug>/oeffentliche-seiten/",
        views_portal.profile_edit,
        name="profile_edit",
    ),
    path(
        "organisationen/<slug:slug>/rueckmeldungen/",
        views_portal.feedback_list,
        name="feedback_list",
    ),
    path(
        "organisationen/<slug:slug>/rueckmeldungen/<int:pk>/erledigt/",
        views_portal.feedback_handle,
        name="feedback_handle",
    ),
    path(
        "plaene/<slug:slug>/uebersetzungen/",
        views_translations.translation_overview,
        name="translation_overview",
    ),
    path(
        "plaene/<slug:slug>/uebersetzungen/<str:language>/",
        views_translations.translation_language,
        name="translation_language",
    ),
    path(
        "plaene/<slug:slug>/uebersetzungen/<str:language>/<slug:group>/",
        views_translations.translation_edit,
        name="translation_edit",
    ),
]
