"""Public pages of offers; teilhabe/portal/urls.py includes them at /<organisation>/angebote/ in the
namespace portal."""

from django.urls import path

from . import views_portal

urlpatterns = [
    path("", views_portal.directory, name="offers_directory"),
    path("angebot/<int:offer_id>/", views_portal.offer_detail, name="offers_offer"),
    path("netzwerke/", views_portal.network_list, name="offers_networks"),
    path("netzwerk/<int:network_id>/", views_portal.network_detail, name="offers_network"),
    path("daten/angebote.<str:fmt>", views_portal.offers_data, name="offers_data"),
    path("daten/hsds.json", views_portal.offers_hsds, name="offers_hsds"),
    path("pflege/<str:token>/", views_portal.provider_link, name="offers_provider_link"),
]
