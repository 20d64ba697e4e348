"""URL patterns of the council app's drafts part: the Beschlussvorlage drafted from a Bilanz, a
recommendation list or a paper (back office only; nothing public)."""

from django.urls import path

from . import views_drafts

backoffice_patterns: list = [
    path(
        "vorlage/bilanz/<int:pk>/",
        views_drafts.draft_create,
        {"kind": "report"},
        name="draft_from_report",
    ),
    path(
        "vorlage/beteiligung/<int:pk>/",
        views_drafts.draft_create,
        {"kind": "process"},
        name="draft_from_process",
    ),
    path(
        "vorlage/drucksache/<int:pk>/",
        views_drafts.draft_create,
        {"kind": "paper"},
        name="draft_from_paper",
    ),
]
portal_patterns: list = []
