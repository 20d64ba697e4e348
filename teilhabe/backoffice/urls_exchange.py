"""The progress table of a plan as a file; included by config/urls.py under ``verwaltung/``."""

from django.urls import path

from . import views_exchange

app_name = "exchange"
urlpatterns = [
    path("plaene/<slug:slug>/tabelle/", views_exchange.exchange_export, name="exchange_export"),
    path(
        "plaene/<slug:slug>/tabelle/import/",
        views_exchange.exchange_import,
        name="exchange_import",
    ),
    path(
        "plaene/<slug:slug>/tabelle/import/bestaetigen/",
        views_exchange.exchange_confirm,
        name="exchange_confirm",
    ),
]
