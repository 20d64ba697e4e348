"""Public pages of indicators; teilhabe/portal/urls.py includes them at /<organisation>/kennzahlen/
in the namespace portal."""

from django.urls import path

from . import views_portal

urlpatterns = [
    path("", views_portal.public_indicator_list, name="indicator_list"),
    path("<int:pk>/", views_portal.public_indicator_detail, name="indicator_detail"),
    path("<int:pk>/daten.<str:fmt>", views_portal.public_indicator_data, name="indicator_data"),
]
