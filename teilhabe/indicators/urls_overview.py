"""The Land overview at /uebersicht/ (teilhabe/portal/urls.py includes it in the namespace
portal)."""

from django.urls import path

from . import views_portal

urlpatterns = [path("", views_portal.land_overview, name="land_overview")]
