"""Back-office pages of practices; config/urls.py mounts them under /verwaltung/good-practice/."""

from django.urls import path

from .views_backoffice import brochures, practices

app_name = "practices"

urlpatterns = [
    path("<slug:org_slug>/", practices.practice_list, name="practice_list"),
    path("<slug:org_slug>/neu/", practices.practice_create, name="practice_create"),
    path("<slug:org_slug>/aus-bilanz/", practices.promote_example, name="promote_example"),
    path("<slug:org_slug>/aus-foerderung/", practices.promote_grant, name="promote_grant"),
    path("<slug:org_slug>/broschueren/", brochures.edition_list, name="edition_list"),
    path("<slug:org_slug>/broschueren/neu/", brochures.edition_create, name="edition_create"),
    path("beispiel/<int:pk>/", practices.practice_detail, name="practice_detail"),
    path("beispiel/<int:pk>/bearbeiten/", practices.practice_edit, name="practice_edit"),
    path(
        "beispiel/<int:pk>/veroeffentlichen/", practices.practice_publish, name="practice_publish"
    ),
    path("beispiel/<int:pk>/partner/", practices.partner_add, name="partner_add"),
    path("beispiel/<int:pk>/bild/", practices.picture_add, name="picture_add"),
    path("beispiel/<int:pk>/uebernommen/", practices.practice_adopt, name="practice_adopt"),
    path("partner/<int:pk>/entfernen/", practices.partner_remove, name="partner_remove"),
    path("bild/<int:pk>/", practices.picture_file, name="picture_file"),
    path("broschuere/<int:pk>/", brochures.edition_detail, name="edition_detail"),
    path("broschuere/<int:pk>/bearbeiten/", brochures.edition_edit, name="edition_edit"),
    path(
        "broschuere/<int:pk>/broschuere.<str:fmt>",
        brochures.edition_download,
        name="edition_download",
    ),
    path(
        "broschuere/<int:pk>/vorlage.<str:fmt>", brochures.vorlage_download, name="vorlage_download"
    ),
    path("broschuere/<int:pk>/drucksache/", brochures.vorlage_paper, name="vorlage_paper"),
]
