"""Back office of the council app, mounted by config/urls.py at /verwaltung/gremien/ (namespace
council)."""

from django.urls import path

from .views_backoffice import attachments, committees, drafts, oparl, papers

app_name = "council"
urlpatterns = [
    # Papers and their Beratungsfolge, attachments and links
    path("<slug:org_slug>/drucksachen/", papers.paper_list, name="paper_list"),
    path("<slug:org_slug>/drucksachen/neu/", papers.paper_create, name="paper_create"),
    path("drucksache/<int:pk>/", papers.paper_detail, name="paper_detail"),
    path("drucksache/<int:pk>/bearbeiten/", papers.paper_edit, name="paper_edit"),
    path("drucksache/<int:pk>/loeschen/", papers.paper_delete, name="paper_delete"),
    path(
        "drucksache/<int:pk>/beratungen/neu/",
        papers.consultation_create,
        name="consultation_create",
    ),
    path("beratung/<int:pk>/bearbeiten/", papers.consultation_edit, name="consultation_edit"),
    path("beratung/<int:pk>/loeschen/", papers.consultation_delete, name="consultation_delete"),
    path("drucksache/<int:pk>/verknuepfen/", papers.link_add, name="link_add"),
    path("drucksache/<int:pk>/verknuepfung-entfernen/", papers.link_remove, name="link_remove"),
    path("drucksache/<int:pk>/anlagen/neu/", attachments.file_add, name="file_add"),
    path("anlage/<int:pk>/", attachments.file_download, name="file_download"),
    path("anlage/<int:pk>/loeschen/", attachments.file_delete, name="file_delete"),
    # Committees and meetings
    path("<slug:org_slug>/gremien/", committees.committee_list, name="committee_list"),
    path("<slug:org_slug>/gremien/neu/", committees.committee_create, name="committee_create"),
    path("gremium/<int:pk>/", committees.committee_detail, name="committee_detail"),
    path("gremium/<int:pk>/bearbeiten/", committees.committee_edit, name="committee_edit"),
    path("gremium/<int:pk>/loeschen/", committees.committee_delete, name="committee_delete"),
    path("gremium/<int:pk>/sitzungen/neu/", committees.meeting_create, name="meeting_create"),
    path("sitzung/<int:pk>/bearbeiten/", committees.meeting_edit, name="meeting_edit"),
    path("sitzung/<int:pk>/loeschen/", committees.meeting_delete, name="meeting_delete"),
    # Beschlussvorlagen
    path("vorlage/bilanz/<int:pk>/", drafts.draft_from_report, name="draft_from_report"),
    path("vorlage/beteiligung/<int:pk>/", drafts.draft_from_process, name="draft_from_process"),
    path("vorlage/drucksache/<int:pk>/", drafts.draft_from_paper, name="draft_from_paper"),
    # OParl
    path("<slug:org_slug>/oparl/", oparl.oparl_sources, name="oparl_sources"),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/bearbeiten/",
        oparl.oparl_source_edit,
        name="oparl_source_edit",
    ),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/entfernen/",
        oparl.oparl_source_delete_view,
        name="oparl_source_delete",
    ),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/abgleichen/",
        oparl.oparl_sync_now,
        name="oparl_sync_now",
    ),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/abgleiche/",
        oparl.oparl_runs,
        name="oparl_runs",
    ),
]
