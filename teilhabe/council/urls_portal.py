"""Public council pages; teilhabe/portal/urls.py includes them at /<organisation>/gremien/ in the
namespace portal."""

from django.urls import path

from . import views_portal

urlpatterns = [
    path("drucksachen/", views_portal.public_paper_list, name="paper_list"),
    path("drucksachen/<int:paper_id>/", views_portal.public_paper_detail, name="paper_detail"),
    path("drucksachen/<int:paper_id>/anlage/", views_portal.public_paper_file, name="paper_file"),
]
