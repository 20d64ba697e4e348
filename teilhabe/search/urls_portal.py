"""The public search page, included by portal/urls.py at the portal's root (namespace portal)."""

from django.urls import path

from . import views_portal

urlpatterns = [
    path("suche/", views_portal.search, name="search"),
]
