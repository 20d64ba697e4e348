"""URL patterns of the council app's oparl part: back office and portal."""

from django.urls import path

from . import views_oparl

backoffice_patterns: list = [
    path("<slug:org_slug>/oparl/", views_oparl.oparl_sources, name="oparl_sources"),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/bearbeiten/",
        views_oparl.oparl_source_edit,
        name="oparl_source_edit",
    ),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/entfernen/",
        views_oparl.oparl_source_delete_view,
        name="oparl_source_delete",
    ),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/abgleichen/",
        views_oparl.oparl_sync_now,
        name="oparl_sync_now",
    ),
    path(
        "<slug:org_slug>/oparl/<int:source_id>/abgleiche/",
        views_oparl.oparl_runs,
        name="oparl_runs",
    ),
]
portal_patterns: list = []
