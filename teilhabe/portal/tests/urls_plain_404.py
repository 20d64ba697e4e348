"""The project's URLs with a bare 404 handler.

Tests of "a draft is not found" check the status, not the portal's 404 page; this keeps them
independent of what that page's layout needs (every URL its navigation links to)."""

from django.http import HttpResponseNotFound

from config.urls import urlpatterns  # noqa: F401


def handler404(request, exception=None):
    return HttpResponseNotFound("Nicht gefunden")
