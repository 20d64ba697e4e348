"""Public pages of practices; teilhabe/portal/urls.py includes them at /<organisation>/good-practice/ in the
namespace portal."""

from django.urls import path

from . import views_portal

urlpatterns = [
    path("", views_portal.catalogue, name="practices_catalogue"),
    path("beispiel/<int:pk>/", views_portal.practice, name="practices_practice"),
    path("bild/<int:pk>/", views_portal.picture, name="practices_picture"),
]
