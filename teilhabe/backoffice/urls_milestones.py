"""The timeline (Zeitplan) of a plan in the back office; included by config/urls.py under
``verwaltung/`` (namespace milestones)."""

from django.urls import path

from . import views_milestones

app_name = "milestones"
urlpatterns = [
    path(
        "plaene/<slug:slug>/zeitplan/",
        views_milestones.milestone_list,
        name="milestone_list",
    ),
    path(
        "plaene/<slug:slug>/zeitplan/neu/",
        views_milestones.milestone_create,
        name="milestone_create",
    ),
    path(
        "meilensteine/<int:pk>/bearbeiten/",
        views_milestones.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "meilensteine/<int:pk>/loeschen/",
        views_milestones.milestone_delete,
        name="milestone_delete",
    ),
]
