"""URL patterns of the council app's papers part: committees, meetings and papers entered by
hand (back office, namespace council) and the public papers (portal, namespace portal)."""

from django.urls import path

from . import views_papers as views

backoffice_patterns: list = [
    path("<slug:org_slug>/drucksachen/", views.paper_list, name="paper_list"),
    path("<slug:org_slug>/drucksachen/neu/", views.paper_create, name="paper_create"),
    path("<slug:org_slug>/gremien/", views.committee_list, name="committee_list"),
    path("<slug:org_slug>/gremien/neu/", views.committee_create, name="committee_create"),
    path("gremium/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("gremium/<int:pk>/bearbeiten/", views.committee_edit, name="committee_edit"),
    path("gremium/<int:pk>/loeschen/", views.committee_delete, name="committee_delete"),
    path("gremium/<int:pk>/sitzungen/neu/", views.meeting_create, name="meeting_create"),
    path("sitzung/<int:pk>/bearbeiten/", views.meeting_edit, name="meeting_edit"),
    path("sitzung/<int:pk>/loeschen/", views.meeting_delete, name="meeting_delete"),
    path("drucksache/<int:pk>/", views.paper_detail, name="paper_detail"),
    path("drucksache/<int:pk>/bearbeiten/", views.paper_edit, name="paper_edit"),
    path("drucksache/<int:pk>/loeschen/", views.paper_delete, name="paper_delete"),
    path(
        "drucksache/<int:pk>/beratungen/neu/",
        views.consultation_create,
        name="consultation_create",
    ),
    path("beratung/<int:pk>/bearbeiten/", views.consultation_edit, name="consultation_edit"),
    path("beratung/<int:pk>/loeschen/", views.consultation_delete, name="consultation_delete"),
    path("drucksache/<int:pk>/anlagen/neu/", views.file_add, name="file_add"),
    path("anlage/<int:pk>/", views.file_download, name="file_download"),
    path("anlage/<int:pk>/loeschen/", views.file_delete, name="file_delete"),
    path("drucksache/<int:pk>/verknuepfen/", views.link_add, name="link_add"),
    path("drucksache/<int:pk>/verknuepfung-entfernen/", views.link_remove, name="link_remove"),
]

portal_patterns: list = [
    path("drucksachen/", views.public_paper_list, name="paper_list"),
    path("drucksachen/<int:paper_id>/", views.public_paper_detail, name="paper_detail"),
    path("drucksachen/<int:paper_id>/anlage/", views.public_paper_file, name="paper_file"),
]
