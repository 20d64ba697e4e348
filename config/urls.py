from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("teilhabe.core.urls")),
    path("verwaltung/", include("teilhabe.backoffice.urls")),
    path("verwaltung/berichte/", include("teilhabe.reports.urls")),
    path("verwaltung/", include("teilhabe.backoffice.urls_exchange")),
    path("django-admin/", admin.site.urls),
]
