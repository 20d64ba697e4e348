from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("teilhabe.core.urls")),
    # The back office: its shell, then each domain app's pages (German, signed in).
    path("verwaltung/", include("teilhabe.backoffice.urls")),
    path("verwaltung/", include("teilhabe.plans.urls_backoffice")),
    path("verwaltung/beteiligung/", include("teilhabe.participation.urls_backoffice")),
    path("verwaltung/gremien/", include("teilhabe.council.urls_backoffice")),
    path("verwaltung/foerderung/", include("teilhabe.funding.urls_backoffice")),
    path("verwaltung/good-practice/", include("teilhabe.practices.urls_backoffice")),
    path("verwaltung/angebote/", include("teilhabe.offers.urls_backoffice")),
    path("verwaltung/sprachmittlung/", include("teilhabe.interpreters.urls_backoffice")),
    path("verwaltung/kennzahlen/", include("teilhabe.indicators.urls_backoffice")),
    path("verwaltung/api-schluessel/", include("teilhabe.api.urls_tokens")),
    path("api/", include("teilhabe.api.urls")),
    path("django-admin/", admin.site.urls),
]
# The public portal in every language: German without a prefix, the others under /en/, /ar/ …
urlpatterns += i18n_patterns(
    path("", include("teilhabe.portal.urls")), prefix_default_language=False
)

handler400 = "teilhabe.core.views.bad_request"
handler404 = "teilhabe.portal.views.page_not_found"
