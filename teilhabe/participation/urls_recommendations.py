"""URL patterns of the participation app's recommendations part: back office and portal."""

from django.urls import path

from . import views_recommendations as views

backoffice_patterns: list = [
    path(
        "prozesse/<int:pk>/empfehlungen/",
        views.recommendation_list,
        name="recommendation_list",
    ),
    path(
        "prozesse/<int:pk>/empfehlungen/neu/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "prozesse/<int:pk>/empfehlungen/ideen-zuordnen/",
        views.recommendation_group,
        name="recommendation_group",
    ),
    path(
        "prozesse/<int:pk>/empfehlungen/neu-nummerieren/",
        views.recommendations_renumber,
        name="recommendations_renumber",
    ),
    path("empfehlungen/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path(
        "empfehlungen/<int:pk>/bearbeiten/", views.recommendation_edit, name="recommendation_edit"
    ),
    path(
        "empfehlungen/<int:pk>/loeschen/",
        views.recommendation_delete,
        name="recommendation_delete",
    ),
    path(
        "empfehlungen/<int:pk>/verschieben/",
        views.recommendation_move,
        name="recommendation_move",
    ),
    path(
        "empfehlungen/<int:pk>/versionen/",
        views.recommendation_versions,
        name="recommendation_versions",
    ),
    path(
        "empfehlungen/<int:pk>/ideen/<int:idea_id>/entfernen/",
        views.recommendation_idea_remove,
        name="recommendation_idea_remove",
    ),
    path(
        "empfehlungen/<int:pk>/massnahmen/",
        views.recommendation_measure_add,
        name="recommendation_measure_add",
    ),
    path(
        "empfehlungen/<int:pk>/massnahmen/<int:measure_id>/entfernen/",
        views.recommendation_measure_remove,
        name="recommendation_measure_remove",
    ),
]

# Mounted at /<org_slug>/plan/<plan_slug>/beteiligung/ (namespace portal).
portal_patterns: list = [
    path(
        "<slug:process_slug>/empfehlungen/",
        views.portal_recommendation_list,
        name="recommendation_list",
    ),
    path(
        "<slug:process_slug>/empfehlungen/<int:recommendation_id>/",
        views.portal_recommendation_detail,
        name="recommendation_detail",
    ),
]
