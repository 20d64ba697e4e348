"""Public pages. Mounted under i18n_patterns: /… is German, /en/…, /tr/…, /ar/…, /uk/…, /de-x-ls/…"""

from django.conf import settings
from django.urls import include, path

from . import views

app_name = "portal"

# Each domain app's public pages, in the portal's namespace.
plan_patterns = [
    path("", include("teilhabe.plans.urls_portal")),
    path("beteiligung/", include("teilhabe.participation.urls_portal")),
]

organization_patterns = [
    path("", views.organization_start, name="organization"),
    path("plan/<slug:plan_slug>/", include(plan_patterns)),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("leichte-sprache/", views.easy_language, name="easy_language"),
    path("gremien/", include("teilhabe.council.urls_portal")),
    path("foerderung/", include("teilhabe.funding.urls_portal")),
    path("good-practice/", include("teilhabe.practices.urls_portal")),
    path("angebote/", include("teilhabe.offers.urls_portal")),
    path("sprachmittlung/", include("teilhabe.interpreters.urls_portal")),
    path("kennzahlen/", include("teilhabe.indicators.urls_portal")),
]

urlpatterns = [
    path("", views.home, name="home"),
    # Search, open data, feeds and the badge live in their own modules (see their docstrings).
    path("", include("teilhabe.search.urls_portal")),
    path("", include("teilhabe.portal.urls_data")),
    path("barrierefreiheit/", views.accessibility, name="site_accessibility"),
    path("impressum/", views.imprint, name="site_imprint"),
    path("datenschutz/", views.privacy, name="site_privacy"),
    path("leichte-sprache/", views.easy_language, name="site_easy_language"),
    path("uebersicht/", include("teilhabe.indicators.urls_overview")),
    path("<slug:org_slug>/", include(organization_patterns)),
]

# Organisation slugs that the paths above (and the project's own) would hide.
RESERVED_SLUGS = frozenset(
    {
        "api",
        "verwaltung",
        "django-admin",
        "static",
        "media",
        "anmelden",
        "abmelden",
        "suche",
        "barrierefreiheit",
        "impressum",
        "datenschutz",
        "leichte-sprache",
        "uebersicht",
        "healthz",
        "daten",
        "passwort-vergessen",
        "passwort-neu",
        "i18n",
    }
    | {code for code, _name in settings.LANGUAGES}
)
