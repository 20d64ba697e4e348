"""URL patterns of the participation app's prioritization part: back office and portal.

Back office under /verwaltung/beteiligung/ (namespace participation); portal under
/<org_slug>/plan/<plan_slug>/beteiligung/ (namespace portal)."""

from django.urls import path

from . import views_prioritization as views

backoffice_patterns: list = [
    path(
        "gruppen/<int:group_id>/priorisierung/neu/",
        views.prioritization_create,
        name="prioritization_create",
    ),
    path("priorisierung/<int:pk>/", views.prioritization_detail, name="prioritization_detail"),
    path(
        "priorisierung/<int:pk>/bearbeiten/", views.prioritization_edit, name="prioritization_edit"
    ),
    path(
        "priorisierung/<int:pk>/abschliessen/",
        views.prioritization_close,
        name="prioritization_close",
    ),
    path(
        "priorisierung/<int:pk>/oeffnen/", views.prioritization_reopen, name="prioritization_reopen"
    ),
    path(
        "priorisierung/<int:pk>/stimmzettel-senden/",
        views.prioritization_send,
        name="prioritization_send",
    ),
    path(
        "priorisierung/<int:pk>/papier-stimmzettel/",
        views.prioritization_record,
        name="prioritization_record",
    ),
    path(
        "priorisierung/<int:pk>/eintrag/<int:option_id>/<str:direction>/",
        views.prioritization_option_move,
        name="prioritization_option_move",
    ),
    path(
        "priorisierung/<int:pk>/prioritaetenliste.<str:fmt>",
        views.prioritization_export,
        name="prioritization_export",
    ),
]

_base = "<slug:process_slug>/priorisierung/<int:prioritization_id>/"
portal_patterns: list = [
    path(_base, views.prioritization_page, name="prioritization"),
    # Two fixed file names rather than a format parameter: the draft walker knows only the
    # parameter names the portal agreed on.
    path(
        _base + "prioritaetenliste.csv",
        views.prioritization_download,
        {"fmt": "csv"},
        name="prioritization_csv",
    ),
    path(
        _base + "prioritaetenliste.xlsx",
        views.prioritization_download,
        {"fmt": "xlsx"},
        name="prioritization_xlsx",
    ),
    path(_base + "stimmzettel/", views.ballot_signed_in, name="ballot_signed_in"),
    path(_base + "stimmzettel/<str:token>/", views.ballot, name="ballot"),
]
