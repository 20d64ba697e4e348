"""URL patterns of the participation app's ideas part: back office and portal."""

from django.urls import path

from . import views_ideas as views

backoffice_patterns: list = [
    path(
        "prozesse/<int:process_id>/ideen/",
        views.backoffice_idea_list,
        name="backoffice_idea_list",
    ),
    path(
        "prozesse/<int:process_id>/ideen/moderation/",
        views.idea_moderation,
        name="idea_moderation",
    ),
    path("prozesse/<int:process_id>/ideen/karten/", views.idea_cards, name="idea_cards"),
    path("ideen/<int:idea_id>/", views.backoffice_idea_detail, name="backoffice_idea_detail"),
    path("ideen/<int:idea_id>/moderieren/", views.idea_moderate, name="idea_moderate"),
    path("ideen/<int:idea_id>/bearbeiten/", views.idea_edit, name="idea_edit"),
]

portal_patterns: list = [
    path("<slug:process_slug>/ideen/", views.idea_list, name="idea_list"),
    path("<slug:process_slug>/ideen/neu/", views.idea_submit, name="idea_submit"),
    path("<slug:process_slug>/ideen/danke/<str:token>/", views.idea_thanks, name="idea_thanks"),
    path("<slug:process_slug>/ideen/<int:idea_id>/", views.idea_detail, name="idea_detail"),
    path(
        "<slug:process_slug>/ideen/<int:idea_id>/zustimmen/",
        views.idea_support,
        name="idea_support",
    ),
    path(
        "<slug:process_slug>/ideen/<int:idea_id>/kommentieren/",
        views.idea_comment,
        name="idea_comment",
    ),
]
