"""URL patterns of the participation app's processes part: back office and portal."""

from django.urls import path

from . import views_processes as views

backoffice_patterns: list = [
    path("plaene/<slug:slug>/prozesse/", views.process_list, name="process_list"),
    path("plaene/<slug:slug>/prozesse/neu/", views.process_create, name="process_create"),
    path("prozesse/<int:pk>/", views.process_detail, name="process_detail"),
    path("prozesse/<int:pk>/bearbeiten/", views.process_edit, name="process_edit"),
    path("prozesse/<int:pk>/formate/neu/<str:kind>/", views.format_create, name="format_create"),
    path("formate/<int:pk>/", views.format_detail, name="format_detail"),
    path("formate/<int:pk>/bearbeiten/", views.format_edit, name="format_edit"),
    path("formate/<int:pk>/loeschen/", views.format_delete, name="format_delete"),
    path("formate/<int:pk>/mitglieder/neu/", views.member_create, name="member_create"),
    path("mitglieder/<int:pk>/bearbeiten/", views.member_edit, name="member_edit"),
    path("mitglieder/<int:pk>/entfernen/", views.member_delete, name="member_delete"),
    path("formate/<int:pk>/anmeldungen/", views.registration_list, name="registration_list"),
    path(
        "formate/<int:pk>/anmeldungen.<str:fmt>",
        views.registration_export,
        name="registration_export",
    ),
    path(
        "anmeldungen/<int:pk>/teilnahme/",
        views.registration_attendance,
        name="registration_attendance",
    ),
]

# Mounted at /<org_slug>/plan/<plan_slug>/beteiligung/ (namespace portal).
portal_patterns: list = [
    path("", views.portal_process_list, name="process_list"),
    path("meine-daten/<str:token>/", views.my_data, name="my_data"),
    path("meine-daten/<str:token>/daten.json", views.my_data_download, name="my_data_download"),
    path("meine-daten/<str:token>/loeschen/", views.my_data_delete, name="my_data_delete"),
    path("abmeldung/<str:token>/", views.event_cancel, name="event_cancel"),
    path("<slug:process_slug>/", views.portal_process, name="process"),
    path(
        "<slug:process_slug>/veranstaltung/<int:event_id>/anmeldung/",
        views.event_register,
        name="event_register",
    ),
]
