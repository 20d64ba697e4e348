"""Search (see teilhabe/search)."""

from django.urls import path

from . import views_search

urlpatterns = [
    path("suche/", views_search.search, name="search"),
]
